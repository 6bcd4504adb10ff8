package org.lic4j.video;

import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.codec.RgbImage;

/**
 * The one conversion between a {@link YuvFrame} and the model's 8-bit RGB ({@link RgbImage}),
 * exact about matrix, range and chroma siting. The formulas (docs/video.md, "Frames and colour"),
 * with R, G, B in 0..255, Kr and Kb the matrix's luma weights ({@link ColourMatrix#kr()},
 * {@link ColourMatrix#kb()}; a {@link ColourDescription} admits only matrices that have them:
 * BT.601, BT.709, BT.2020 non-constant luminance), Kg = 1 - Kr - Kb, and off, S_Y, S_C the
 * range's 8-bit quantisation ({@link ColourRange#lumaOffset()} and its neighbours):
 *
 * <pre>
 *   Y'  = off + S_Y * (Kr R + Kg G + Kb B) / 255
 *   Cb  = 128 + S_C * (B - (Kr R + Kg G + Kb B)) / (255 * 2 (1 - Kb))
 *   Cr  = 128 + S_C * (R - (Kr R + Kg G + Kb B)) / (255 * 2 (1 - Kr))
 *   limited range: off = 16, S_Y = 219, S_C = 224;  full range: off = 0, S_Y = 255, S_C = 255
 * </pre>
 *
 * and their exact inverse. Arithmetic is IEEE double (the same on every JVM since Java 17), each
 * output rounded half up and clipped to 0..255, so a conversion is deterministic.
 *
 * <p>4:2:0 chroma is upsampled by bilinear interpolation at the positions its {@link ChromaSiting}
 * gives ({@link ChromaSiting#halfSamplesRight()}, {@link ChromaSiting#halfSamplesDown()}; weights
 * in quarters per axis, so 3/4 + 1/4 for centred chroma, 1/2 + 1/2 between co-sited samples; edges
 * repeat the last sample), in integers. RGB is subsampled to 4:2:0 by the matching
 * averaging filter at the same positions: a 2-tap box [1 1]/2 along an axis where chroma sits
 * between two luma samples, a 3-tap [1 2 1]/4 centred on the luma sample where it is co-sited;
 * edges repeat the last sample. Both directions agree within one code with FFmpeg's swscale
 * ({@code accurate_rnd}, chroma positions given): YUV to RGB with its {@code bilinear} filter and
 * {@code full_chroma_int}, RGB to YUV with its {@code area} filter (media's
 * ColourConversionVsFfmpegTest).
 */
public final class ColourConversion {
  /** Fractional bits of upsampled chroma: two quarters per axis. */
  private static final int UPSAMPLE_BITS = 4;

  private ColourConversion() {}

  /** The frame as RGB, by its own colour description; 4:2:0 chroma upsampled at its siting. */
  public static RgbImage toRgb(YuvFrame frame) {
    Objects.requireNonNull(frame, "frame");
    int w = frame.width();
    int h = frame.height();
    ColourDescription colour = frame.colour();
    ColourMatrix m = colour.matrix();
    ColourRange range = colour.range();
    double kr = m.kr();
    double kb = m.kb();
    double kg = m.kg();
    double lumaGain = 255.0 / range.lumaScale();
    double chromaGain = 255.0 / range.chromaScale();
    double crToR = 2 * (1 - kr) * chromaGain;
    double cbToB = 2 * (1 - kb) * chromaGain;
    double cbToG = -2 * (1 - kb) * kb / kg * chromaGain;
    double crToG = -2 * (1 - kr) * kr / kg * chromaGain;
    int off = range.lumaOffset();

    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    byte[] yp = frame.y();
    ChromaRows chroma = ChromaRows.of(frame);
    double scale = 1.0 / (1 << chroma.fractionBits);
    for (int r = 0; r < h; r++) {
      chroma.loadRow(r);
      int[] cbRow = chroma.cb;
      int[] crRow = chroma.cr;
      int neutral = 128 << chroma.fractionBits;
      for (int c = 0, i = r * w, o = i * 3; c < w; c++, i++, o += 3) {
        double luma = lumaGain * ((yp[i] & 0xff) - off);
        double pb = (cbRow[c] - neutral) * scale;
        double pr = (crRow[c] - neutral) * scale;
        rgb[o] = toByte(luma + crToR * pr);
        rgb[o + 1] = toByte(luma + cbToG * pb + crToG * pr);
        rgb[o + 2] = toByte(luma + cbToB * pb);
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  /**
   * The picture as Y'CbCr of {@code format} and {@code colour} (alpha, if any, is dropped); 4:2:0
   * chroma filtered at the siting's positions.
   *
   * @throws IllegalArgumentException for a format other than {@code YUV420} and {@code YUV444}
   */
  public static YuvFrame toYuv(RgbImage image, ChromaFormat format, ColourDescription colour) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(colour, "colour");
    YuvFrame.requireSupported(format);
    int w = image.width();
    int h = image.height();
    ColourMatrix m = colour.matrix();
    ColourRange range = colour.range();
    double kr = m.kr();
    double kb = m.kb();
    double kg = m.kg();
    double lumaGain = range.lumaScale() / 255.0;
    double cbGain = range.chromaScale() / (255.0 * 2 * (1 - kb));
    double crGain = range.chromaScale() / (255.0 * 2 * (1 - kr));
    int off = range.lumaOffset();

    int n = w * h;
    byte[] rgb = image.rgb();
    byte[] y = new byte[n];
    boolean subsample = format.isSubsampled();
    byte[] cb444 = subsample ? null : new byte[n];
    byte[] cr444 = subsample ? null : new byte[n];
    ChromaFilter filter = subsample ? new ChromaFilter(w, h, colour.siting()) : null;
    for (int r = 0; r < h; r++) {
      for (int c = 0, i = r * w, o = i * 3; c < w; c++, i++, o += 3) {
        double red = rgb[o] & 0xff;
        double green = rgb[o + 1] & 0xff;
        double blue = rgb[o + 2] & 0xff;
        double luma = kr * red + kg * green + kb * blue;
        double u = 128 + cbGain * (blue - luma);
        double v = 128 + crGain * (red - luma);
        y[i] = toByte(off + lumaGain * luma);
        if (subsample) {
          filter.add(r, c, u, v);
        } else {
          cb444[i] = toByte(u);
          cr444[i] = toByte(v);
        }
      }
    }
    if (!subsample) {
      return YuvFrame.of(w, h, format, colour, y, cb444, cr444);
    }
    return YuvFrame.of(w, h, format, colour, y, filter.cb(), filter.cr());
  }

  /** Rounds half up and clips to 0..255. */
  static byte toByte(double v) {
    if (v <= 0) {
      return 0;
    }
    if (v >= 255) {
      return (byte) 255;
    }
    return (byte) (int) (v + 0.5);
  }

  /**
   * Chroma for one luma row at a time, in fixed point: 4:4:4 copied, 4:2:0 interpolated
   * bilinearly at the siting's positions. Holds two rows of ints, whatever the frame's height.
   */
  private static final class ChromaRows {
    final int fractionBits;
    final int[] cb;
    final int[] cr;
    private final YuvFrame frame;
    private final Taps columns;
    private final Taps rows;

    private ChromaRows(YuvFrame frame, int fractionBits, Taps columns, Taps rows) {
      this.frame = frame;
      this.fractionBits = fractionBits;
      this.columns = columns;
      this.rows = rows;
      this.cb = new int[frame.width()];
      this.cr = new int[frame.width()];
    }

    static ChromaRows of(YuvFrame frame) {
      if (!frame.format().isSubsampled()) {
        return new ChromaRows(frame, 0, null, null);
      }
      ChromaSiting s = frame.colour().siting();
      return new ChromaRows(frame, UPSAMPLE_BITS,
          Taps.upsampling(frame.width(), frame.chromaWidth(), s.halfSamplesRight()),
          Taps.upsampling(frame.height(), frame.chromaHeight(), s.halfSamplesDown()));
    }

    void loadRow(int r) {
      byte[] u = frame.cb();
      byte[] v = frame.cr();
      int w = frame.width();
      if (columns == null) {
        for (int c = 0, i = r * w; c < w; c++, i++) {
          cb[c] = u[i] & 0xff;
          cr[c] = v[i] & 0xff;
        }
        return;
      }
      int cw = frame.chromaWidth();
      int top = rows.first[r] * cw;
      int bottom = rows.second[r] * cw;
      int wb = rows.secondWeight[r];
      int wt = Taps.WHOLE - wb;
      for (int c = 0; c < w; c++) {
        int left = columns.first[c];
        int right = columns.second[c];
        int wr = columns.secondWeight[c];
        int wl = Taps.WHOLE - wr;
        cb[c] = wt * (wl * (u[top + left] & 0xff) + wr * (u[top + right] & 0xff))
            + wb * (wl * (u[bottom + left] & 0xff) + wr * (u[bottom + right] & 0xff));
        cr[c] = wt * (wl * (v[top + left] & 0xff) + wr * (v[top + right] & 0xff))
            + wb * (wl * (v[bottom + left] & 0xff) + wr * (v[bottom + right] & 0xff));
      }
    }
  }

  /**
   * Bilinear taps along one axis: for each luma position, the two chroma samples around it and the
   * second one's weight in quarters ({@link #WHOLE} = 4, the first gets the rest).
   */
  private static final class Taps {
    static final int WHOLE = 4;
    final int[] first;
    final int[] second;
    final int[] secondWeight;

    private Taps(int n) {
      first = new int[n];
      second = new int[n];
      secondWeight = new int[n];
    }

    /**
     * Chroma sample k sits at luma position 2k + half/2; luma position x therefore falls at
     * chroma position (2x - half) / 4, counted here in quarters.
     */
    static Taps upsampling(int lumaCount, int chromaCount, int half) {
      Taps t = new Taps(lumaCount);
      for (int x = 0; x < lumaCount; x++) {
        int quarters = 2 * x - half;
        int k = Math.floorDiv(quarters, WHOLE);
        int frac = quarters - k * WHOLE;
        t.first[x] = clamp(k, chromaCount);
        t.second[x] = clamp(k + 1, chromaCount);
        t.secondWeight[x] = frac;
      }
      return t;
    }

    private static int clamp(int k, int count) {
      return k < 0 ? 0 : k >= count ? count - 1 : k;
    }
  }

  /**
   * Full-resolution chroma in, 4:2:0 out: each row filtered horizontally as it comes (half the
   * width kept, in doubles), then the columns filtered vertically at the end.
   */
  private static final class ChromaFilter {
    private final int width;
    private final int height;
    private final int chromaWidth;
    private final int chromaHeight;
    private final int halfX;
    private final int halfY;
    private final double[] rowU;
    private final double[] rowV;
    private final double[] halfU;
    private final double[] halfV;

    ChromaFilter(int width, int height, ChromaSiting siting) {
      this.width = width;
      this.height = height;
      this.chromaWidth = ChromaFormat.YUV420.chromaWidth(width);
      this.chromaHeight = ChromaFormat.YUV420.chromaHeight(height);
      this.halfX = siting.halfSamplesRight();
      this.halfY = siting.halfSamplesDown();
      this.rowU = new double[width];
      this.rowV = new double[width];
      this.halfU = new double[chromaWidth * height];
      this.halfV = new double[chromaWidth * height];
    }

    /** Takes the sample at (r, c); rows arrive in order, columns in order within a row. */
    void add(int r, int c, double u, double v) {
      rowU[c] = u;
      rowV[c] = v;
      if (c == width - 1) {
        for (int k = 0; k < chromaWidth; k++) {
          halfU[r * chromaWidth + k] = filter(rowU, 0, 1, width, k, halfX);
          halfV[r * chromaWidth + k] = filter(rowV, 0, 1, width, k, halfX);
        }
      }
    }

    byte[] cb() {
      return vertical(halfU);
    }

    byte[] cr() {
      return vertical(halfV);
    }

    private byte[] vertical(double[] half) {
      byte[] out = new byte[chromaWidth * chromaHeight];
      for (int k = 0; k < chromaHeight; k++) {
        for (int c = 0; c < chromaWidth; c++) {
          out[k * chromaWidth + c] = toByte(filter(half, c, chromaWidth, height, k, halfY));
        }
      }
      return out;
    }

    /**
     * Chroma sample k of a line of {@code count} samples at {@code base + i * stride}: the
     * average of the two luma positions around 2k + 1/2 (half = 1), or [1 2 1]/4 around the luma
     * position 2k + half/2 it is co-sited with (half = 0 or 2).
     */
    private static double filter(double[] line, int base, int stride, int count, int k, int half) {
      if (half == 1) {
        return (at(line, base, stride, count, 2 * k) + at(line, base, stride, count, 2 * k + 1)) * 0.5;
      }
      int centre = 2 * k + half / 2;
      return (at(line, base, stride, count, centre - 1) + 2 * at(line, base, stride, count, centre)
          + at(line, base, stride, count, centre + 1)) * 0.25;
    }

    private static double at(double[] line, int base, int stride, int count, int i) {
      int j = i < 0 ? 0 : i >= count ? count - 1 : i;
      return line[base + j * stride];
    }
  }
}
