package org.lic4j.codec;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Objects;

/**
 * An 8-bit picture as the codec sees it: interleaved RGB samples, an optional alpha plane, and
 * whether it is grey (R = G = B, coded as colour and returned as one plane).
 *
 * <p>Conversions to and from {@link BufferedImage}, raw interleaved RGB and planar Y'CbCr (4:4:4
 * and 4:2:0, BT.601 full range as in JPEG/JFIF) live here. Images with other sample sizes are
 * accepted and scaled to 8 bits (rounded), each band by its own size: the model is an 8-bit model.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final byte[] rgb;
  private final byte[] alpha;
  private final boolean gray;

  private RgbImage(int width, int height, byte[] rgb, byte[] alpha, boolean gray) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
    }
    long n = (long) width * height;
    if (n * 3 > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("image too large for one buffer: " + width + "x" + height);
    }
    Objects.requireNonNull(rgb, "rgb");
    if (rgb.length != n * 3) {
      throw new IllegalArgumentException("rgb buffer holds " + rgb.length + " bytes, expected " + n * 3);
    }
    if (alpha != null && alpha.length != n) {
      throw new IllegalArgumentException("alpha buffer holds " + alpha.length + " bytes, expected " + n);
    }
    this.width = width;
    this.height = height;
    this.rgb = rgb;
    this.alpha = alpha;
    this.gray = gray;
  }

  /** Wraps interleaved 8-bit RGB samples (row-major, no padding); the array is not copied. */
  public static RgbImage ofRgb(int width, int height, byte[] rgb) {
    return new RgbImage(width, height, rgb, null, false);
  }

  /** Adds an alpha plane (one byte per pixel, row-major); the array is not copied. */
  public RgbImage withAlpha(byte[] alphaPlane) {
    return new RgbImage(width, height, rgb, alphaPlane, gray);
  }

  /** The same samples marked as grey (the decoder returns one plane). */
  public RgbImage asGray() {
    return new RgbImage(width, height, rgb, alpha, true);
  }

  /** A grey picture from one 8-bit plane. */
  public static RgbImage ofGray(int width, int height, byte[] luma) {
    byte[] rgb = new byte[luma.length * 3];
    for (int i = 0, j = 0; i < luma.length; i++, j += 3) {
      rgb[j] = luma[i];
      rgb[j + 1] = luma[i];
      rgb[j + 2] = luma[i];
    }
    return new RgbImage(width, height, rgb, null, true);
  }

  /**
   * Planar Y'CbCr, BT.601 full range. {@code chromaSubsampled} selects 4:2:0 (chroma planes of
   * ceil(w/2) x ceil(h/2)) over 4:4:4.
   */
  public static RgbImage ofYuv(int width, int height, byte[] y, byte[] cb, byte[] cr, boolean chromaSubsampled) {
    int cw = chromaSubsampled ? (width + 1) / 2 : width;
    int ch = chromaSubsampled ? (height + 1) / 2 : height;
    if (y.length != width * height || cb.length != cw * ch || cr.length != cw * ch) {
      throw new IllegalArgumentException("plane sizes do not match " + width + "x" + height
          + (chromaSubsampled ? " 4:2:0" : " 4:4:4"));
    }
    byte[] rgb = new byte[width * height * 3];
    for (int r = 0; r < height; r++) {
      int cr0 = (chromaSubsampled ? r / 2 : r) * cw;
      for (int c = 0; c < width; c++) {
        int ci = cr0 + (chromaSubsampled ? c / 2 : c);
        double luma = y[r * width + c] & 0xff;
        double u = (cb[ci] & 0xff) - 128.0;
        double v = (cr[ci] & 0xff) - 128.0;
        int o = (r * width + c) * 3;
        rgb[o] = clampByte(luma + 1.402 * v);
        rgb[o + 1] = clampByte(luma - 0.344136 * u - 0.714136 * v);
        rgb[o + 2] = clampByte(luma + 1.772 * u);
      }
    }
    return new RgbImage(width, height, rgb, null, false);
  }

  /**
   * Any {@link BufferedImage}, every {@code BufferedImage.TYPE_*} and custom layouts: colour or
   * grey, with or without alpha, 1 to 16 (or 32) bits per sample.
   *
   * <p>Where the samples are sRGB (or grey) integers in a {@link ComponentColorModel} or {@link
   * DirectColorModel}, each band is scaled to 8 bits by its own sample size, rounded (565 RGB: 5,
   * 6 and 5 bits; 16-bit grey and 16-bit PNG: 16 bits), and premultiplied colour is divided by its
   * alpha first. Grey samples are taken as they are (gamma-encoded, as PNG and JPEG mean them), not
   * through {@code getRGB}, which would treat them as Java's linear grey. Everything else (indexed
   * and 1-, 2- or 4-bit packed pictures, other colour spaces such as an embedded ICC profile,
   * floating-point samples) goes through the colour model's own conversion to sRGB ({@link
   * BufferedImage#getRGB}), which is exact there. Alpha, where the colour model has it, is kept as
   * an 8-bit plane (coded losslessly, not premultiplied).
   */
  public static RgbImage of(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    int dataType = image.getRaster().getDataBuffer().getDataType();
    boolean integerSamples = dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT
        || dataType == DataBuffer.TYPE_INT;
    boolean sampleModel = cm instanceof ComponentColorModel || cm instanceof DirectColorModel;
    if (integerSamples && sampleModel) {
      if (cm.getNumColorComponents() == 1) {
        return fromSamples(image, true);
      }
      if (cm.getColorSpace().isCS_sRGB()) {
        return fromSamples(image, false);
      }
    }
    return fromArgb(image);
  }

  /** From the raster's samples, each band scaled by its own size (grey: one colour band). */
  private static RgbImage fromSamples(BufferedImage image, boolean isGray) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    int colours = cm.getNumColorComponents();
    boolean hasAlpha = cm.hasAlpha();
    boolean premultiplied = hasAlpha && cm.isAlphaPremultiplied();
    long[] max = new long[bands];
    for (int k = 0; k < bands; k++) {
      max[k] = (1L << cm.getComponentSize(k)) - 1;
    }
    long alphaMax = hasAlpha ? max[colours] : 0;
    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    byte[] alpha = hasAlpha ? new byte[w * h] : null;
    int[] row = new int[Math.multiplyExact(w, bands)];
    for (int r = 0; r < h; r++) {
      raster.getPixels(0, r, w, 1, row);
      for (int c = 0; c < w; c++) {
        int d = c * bands;
        long a = hasAlpha ? row[d + colours] & 0xffff_ffffL : 0;
        int o = (r * w + c) * 3;
        for (int k = 0; k < 3; k++) {
          int band = isGray ? 0 : k;
          long v = row[d + band] & 0xffff_ffffL;
          if (premultiplied) {
            v = a == 0 ? 0 : Math.min(max[band], (v * alphaMax + a / 2) / a);
          }
          rgb[o + k] = (byte) scaleTo8(v, max[band]);
        }
        if (hasAlpha) {
          alpha[r * w + c] = (byte) scaleTo8(a, alphaMax);
        }
      }
    }
    return new RgbImage(w, h, rgb, alpha, isGray);
  }

  /** Through the colour model's conversion to non-premultiplied sRGB. */
  private static RgbImage fromArgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel cm = image.getColorModel();
    boolean hasAlpha = cm.hasAlpha();
    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    byte[] alpha = hasAlpha ? new byte[w * h] : null;
    int[] argb = new int[w];
    for (int r = 0; r < h; r++) {
      image.getRGB(0, r, w, 1, argb, 0, w);
      for (int c = 0; c < w; c++) {
        int p = argb[c];
        int o = (r * w + c) * 3;
        rgb[o] = (byte) (p >> 16);
        rgb[o + 1] = (byte) (p >> 8);
        rgb[o + 2] = (byte) p;
        if (alpha != null) {
          alpha[r * w + c] = (byte) (p >>> 24);
        }
      }
    }
    return new RgbImage(w, h, rgb, alpha, cm.getNumColorComponents() == 1);
  }

  /** A {@link BufferedImage}: TYPE_BYTE_GRAY, TYPE_3BYTE_BGR or TYPE_4BYTE_ABGR as fits. */
  public BufferedImage toBufferedImage() {
    if (gray && alpha == null) {
      BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
      byte[] plane = new byte[width * height];
      for (int i = 0; i < plane.length; i++) {
        plane[i] = rgb[i * 3 + 1];
      }
      out.getRaster().setDataElements(0, 0, width, height, plane);
      return out;
    }
    BufferedImage out = new BufferedImage(width, height,
        alpha == null ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR);
    WritableRaster raster = out.getRaster();
    int[] row = new int[width * (alpha == null ? 3 : 4)];
    int bands = alpha == null ? 3 : 4;
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        int o = (r * width + c) * 3;
        int d = c * bands;
        row[d] = rgb[o] & 0xff;
        row[d + 1] = rgb[o + 1] & 0xff;
        row[d + 2] = rgb[o + 2] & 0xff;
        if (alpha != null) {
          row[d + 3] = alpha[r * width + c] & 0xff;
        }
      }
      raster.setPixels(0, r, width, 1, row);
    }
    return out;
  }

  /** Planar Y'CbCr (BT.601 full range): {y, cb, cr}; chroma averaged 2x2 when subsampled. */
  public byte[][] toYuv(boolean chromaSubsampled) {
    int n = width * height;
    double[] u = new double[n];
    double[] v = new double[n];
    byte[] y = new byte[n];
    for (int i = 0; i < n; i++) {
      double r = rgb[i * 3] & 0xff;
      double g = rgb[i * 3 + 1] & 0xff;
      double b = rgb[i * 3 + 2] & 0xff;
      y[i] = clampByte(0.299 * r + 0.587 * g + 0.114 * b);
      u[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
      v[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
    }
    if (!chromaSubsampled) {
      byte[] cb = new byte[n];
      byte[] cr = new byte[n];
      for (int i = 0; i < n; i++) {
        cb[i] = clampByte(u[i]);
        cr[i] = clampByte(v[i]);
      }
      return new byte[][] {y, cb, cr};
    }
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    byte[] cb = new byte[cw * ch];
    byte[] cr = new byte[cw * ch];
    for (int r = 0; r < ch; r++) {
      for (int c = 0; c < cw; c++) {
        double su = 0;
        double sv = 0;
        int count = 0;
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            int yy = 2 * r + dy;
            int xx = 2 * c + dx;
            if (yy < height && xx < width) {
              su += u[yy * width + xx];
              sv += v[yy * width + xx];
              count++;
            }
          }
        }
        cb[r * cw + c] = clampByte(su / count);
        cr[r * cw + c] = clampByte(sv / count);
      }
    }
    return new byte[][] {y, cb, cr};
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Interleaved RGB samples (shared, not copied). */
  public byte[] rgb() {
    return rgb;
  }

  /** The alpha plane, or null (shared, not copied). */
  public byte[] alpha() {
    return alpha;
  }

  public boolean hasAlpha() {
    return alpha != null;
  }

  public boolean isGray() {
    return gray;
  }

  private static int scaleTo8(long v, long max) {
    return max == 255 ? (int) v : (int) ((v * 255 + max / 2) / max);
  }

  private static byte clampByte(double v) {
    long r = Math.round(v);
    return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
  }
}
