package org.lic4j.video;

/** Which 8-bit codes the Y'CbCr samples use (ITU-T H.273 VideoFullRangeFlag). */
public enum ColourRange {
  /**
   * "TV" or "MPEG" range: Y' = 16 + 219 E'Y (16..235), Cb, Cr = 128 + 224 E'P (16..240); codes
   * outside are head- and footroom, clipped on the way to RGB.
   */
  LIMITED(16, 219, 224),
  /** "PC" or "JPEG" range: Y' = 255 E'Y (0..255), Cb, Cr = 128 + 255 E'P (clipped to 0..255). */
  FULL(0, 255, 255);

  private final int lumaOffset;
  private final int lumaScale;
  private final int chromaScale;

  ColourRange(int lumaOffset, int lumaScale, int chromaScale) {
    this.lumaOffset = lumaOffset;
    this.lumaScale = lumaScale;
    this.chromaScale = chromaScale;
  }

  /** The code of black: 16 or 0. */
  public int lumaOffset() {
    return lumaOffset;
  }

  /** Codes from black to white: 219 or 255. */
  public int lumaScale() {
    return lumaScale;
  }

  /** Codes spanned by E'Pb and E'Pr from -0.5 to 0.5: 224 or 255. */
  public int chromaScale() {
    return chromaScale;
  }
}
