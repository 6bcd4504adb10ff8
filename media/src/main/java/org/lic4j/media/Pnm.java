package org.lic4j.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.lic4j.codec.RgbImage;

/** Binary PPM (P6) and PGM (P5), 8 or 16 bits per sample (16-bit input is reduced to 8 bits). */
public final class Pnm {
  private Pnm() {}

  /** Reads a P5 or P6 picture of at most {@code maxPixels}; {@code name} names it in errors. */
  public static RgbImage read(InputStream in, String name, long maxPixels) throws IOException {
    int m1 = in.read();
    int m2 = in.read();
    if (m1 != 'P' || (m2 != '5' && m2 != '6')) {
      throw new UserInputException(name + ": not a binary PPM/PGM file", false);
    }
    boolean gray = m2 == '5';
    int width = readInt(in, name);
    int height = readInt(in, name);
    int maxval = readInt(in, name);
    if (width < 1 || height < 1 || (long) width * height > maxPixels) {
      throw new UserInputException(name + ": bad or too large PNM size " + width + "x" + height, false);
    }
    if (maxval < 1 || maxval > 65535) {
      throw new UserInputException(name + ": bad PNM maxval " + maxval, false);
    }
    int channels = gray ? 1 : 3;
    int bytesPerSample = maxval > 255 ? 2 : 1;
    int n = width * height;
    byte[] rgb = new byte[n * 3];
    byte[] row = new byte[width * channels * bytesPerSample];
    for (int r = 0; r < height; r++) {
      if (in.readNBytes(row, 0, row.length) != row.length) {
        throw new UserInputException(name + ": truncated PNM data at row " + r, false);
      }
      for (int c = 0; c < width; c++) {
        for (int k = 0; k < 3; k++) {
          int s = gray ? c : c * 3 + k;
          int v = bytesPerSample == 1 ? row[s] & 0xff : ((row[2 * s] & 0xff) << 8) | (row[2 * s + 1] & 0xff);
          if (v > maxval) {
            throw new UserInputException(name + ": sample " + v + " exceeds maxval " + maxval, false);
          }
          rgb[(r * width + c) * 3 + k] = (byte) (maxval == 255 ? v : (v * 255L + maxval / 2) / maxval);
        }
      }
    }
    RgbImage img = RgbImage.ofRgb(width, height, rgb);
    return gray ? img.asGray() : img;
  }

  /** Writes P6, or P5 (BT.601 luma) when {@code gray}. */
  public static void write(RgbImage image, boolean gray, OutputStream out) throws IOException {
    writeHeader(image.width(), image.height(), gray, out);
    writeRows(image, gray, out);
  }

  /** The header of a P6 picture, or P5 when {@code gray}; the rows follow ({@link #writeRows}). */
  static void writeHeader(int w, int h, boolean gray, OutputStream out) throws IOException {
    out.write(((gray ? "P5" : "P6") + "\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The rows of {@code image}, as {@link #write} writes them after the header. */
  static void writeRows(RgbImage image, boolean gray, OutputStream out) throws IOException {
    int w = image.width();
    int h = image.height();
    if (!gray) {
      out.write(image.rgb());
      return;
    }
    byte[] plane = new byte[w * h];
    byte[] rgb = image.rgb();
    for (int i = 0; i < plane.length; i++) {
      // Grey streams decode with R = G = B; a colour picture saved as PGM gets BT.601 luma.
      plane[i] = (byte) Math.round(0.299 * (rgb[3 * i] & 0xff) + 0.587 * (rgb[3 * i + 1] & 0xff) + 0.114 * (rgb[3 * i + 2] & 0xff));
    }
    out.write(plane);
  }

  private static int readInt(InputStream in, String name) throws IOException {
    int c = in.read();
    while (c == '#' || Character.isWhitespace(c)) {
      if (c == '#') {
        while (c != '\n' && c != -1) {
          c = in.read();
        }
      }
      c = in.read();
    }
    long v = 0;
    int digits = 0;
    while (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      if (++digits > 9) {
        throw new UserInputException(name + ": number too long in PNM header", false);
      }
      c = in.read();
    }
    if (digits == 0) {
      throw new UserInputException(name + ": bad PNM header", false);
    }
    return (int) v;
  }
}
