package org.lic4j.bitstream;

/**
 * The sample range of the source, as recorded in a video stream's sequence header; the codes are
 * H.273's {@code VideoFullRangeFlag}. Each range carries H.273's 8-bit quantisation:
 * Y' = {@link #lumaOffset()} + {@link #lumaScale()} E'Y, Cb, Cr = 128 + {@link #chromaScale()} E'P.
 */
public enum ColourRange {
  /**
   * "Limited", "TV", "MPEG" range: Y' = 16 + 219 E'Y (16..235), Cb, Cr = 128 + 224 E'P (16..240) at
   * 8 bits; codes outside are head- and footroom.
   */
  LIMITED(0, 16, 219, 224),
  /** "Full", "PC", "JPEG" range: Y' = 255 E'Y (0..255), Cb, Cr = 128 + 255 E'P (clipped to 0..255) at 8 bits. */
  FULL(1, 0, 255, 255);

  private final int code;
  private final int lumaOffset;
  private final int lumaScale;
  private final int chromaScale;

  ColourRange(int code, int lumaOffset, int lumaScale, int chromaScale) {
    this.code = code;
    this.lumaOffset = lumaOffset;
    this.lumaScale = lumaScale;
    this.chromaScale = chromaScale;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** The 8-bit code of black: 16 or 0. */
  public int lumaOffset() {
    return lumaOffset;
  }

  /** 8-bit codes from black to white: 219 or 255. */
  public int lumaScale() {
    return lumaScale;
  }

  /** 8-bit codes spanned by E'Pb and E'Pr from -0.5 to 0.5: 224 or 255. */
  public int chromaScale() {
    return chromaScale;
  }

  /** The range stored as {@code code}, or {@code null} if the format defines none. */
  public static ColourRange fromCode(int code) {
    for (ColourRange range : values()) {
      if (range.code == code) {
        return range;
      }
    }
    return null;
  }
}
