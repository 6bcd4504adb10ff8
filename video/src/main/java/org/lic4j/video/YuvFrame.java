package org.lic4j.video;

import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;

/**
 * One picture of a video as 8-bit Y'CbCr planes: luma {@code width} x {@code height}, two chroma
 * planes as the {@link ChromaFormat} sizes them ({@code YUV420} or {@code YUV444}; odd sizes
 * allowed), row-major without padding, and the {@link ColourDescription} that says what the codes
 * mean.
 *
 * <p>The arrays are not copied: a frame is handed over, not shared, and nobody writes to its planes
 * once it is made. Invariants (checked on construction): format 4:2:0 or 4:4:4, width and height at least 1,
 * {@code y.length == width * height}, each chroma plane {@code chromaWidth() * chromaHeight()}.
 */
public final class YuvFrame {
  private final int width;
  private final int height;
  private final ChromaFormat format;
  private final ColourDescription colour;
  private final byte[] y;
  private final byte[] cb;
  private final byte[] cr;

  private YuvFrame(int width, int height, ChromaFormat format, ColourDescription colour,
      byte[] y, byte[] cb, byte[] cr) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(cb, "cb");
    Objects.requireNonNull(cr, "cr");
    requireSupported(format);
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("frame size must be at least 1x1, got " + width + "x" + height);
    }
    if ((long) width * height > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("frame too large for one plane: " + width + "x" + height);
    }
    int cw = format.chromaWidth(width);
    int ch = format.chromaHeight(height);
    if (y.length != width * height) {
      throw new IllegalArgumentException("luma plane holds " + y.length + " bytes, expected "
          + width + "x" + height + " = " + width * height);
    }
    if (cb.length != cw * ch || cr.length != cw * ch) {
      throw new IllegalArgumentException("chroma planes hold " + cb.length + " and " + cr.length + " bytes, expected "
          + cw + "x" + ch + " = " + cw * ch + " each (" + format + " of " + width + "x" + height + ")");
    }
    this.width = width;
    this.height = height;
    this.format = format;
    this.colour = colour;
    this.y = y;
    this.cb = cb;
    this.cr = cr;
  }

  /** Refuses a chroma format a frame cannot hold (R'G'B', 4:0:0, 4:2:2: not implemented). */
  static void requireSupported(ChromaFormat format) {
    if (format != ChromaFormat.YUV420 && format != ChromaFormat.YUV444) {
      throw new IllegalArgumentException("a YuvFrame holds YUV420 or YUV444 planes, not " + format);
    }
  }

  /** A frame of the given planes (not copied), checked against the size and format. */
  public static YuvFrame of(int width, int height, ChromaFormat format, ColourDescription colour,
      byte[] y, byte[] cb, byte[] cr) {
    return new YuvFrame(width, height, format, colour, y, cb, cr);
  }

  /** A frame of one flat colour: every luma sample {@code luma}, every chroma pair {@code (cb, cr)}. */
  public static YuvFrame filled(int width, int height, ChromaFormat format, ColourDescription colour,
      int luma, int cb, int cr) {
    requireSupported(format);
    int n = format.chromaWidth(width) * format.chromaHeight(height);
    byte[] y = new byte[Math.multiplyExact(width, height)];
    byte[] u = new byte[n];
    byte[] v = new byte[n];
    java.util.Arrays.fill(y, (byte) luma);
    java.util.Arrays.fill(u, (byte) cb);
    java.util.Arrays.fill(v, (byte) cr);
    return new YuvFrame(width, height, format, colour, y, u, v);
  }

  /** The same planes described otherwise: for a source whose header was wrong or silent. */
  public YuvFrame withColour(ColourDescription description) {
    return new YuvFrame(width, height, format, description, y, cb, cr);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public ChromaFormat format() {
    return format;
  }

  public ColourDescription colour() {
    return colour;
  }

  public int chromaWidth() {
    return format.chromaWidth(width);
  }

  public int chromaHeight() {
    return format.chromaHeight(height);
  }

  /** The luma plane (shared, not copied). */
  public byte[] y() {
    return y;
  }

  /** The Cb plane (shared, not copied). */
  public byte[] cb() {
    return cb;
  }

  /** The Cr plane (shared, not copied). */
  public byte[] cr() {
    return cr;
  }

  @Override
  public String toString() {
    return "YuvFrame[" + width + "x" + height + " " + format + ", " + colour + "]";
  }
}
