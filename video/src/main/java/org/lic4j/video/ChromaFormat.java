package org.lic4j.video;

/**
 * How the chroma planes of a {@link YuvFrame} are sampled against the luma plane. Odd sizes are
 * allowed: a 4:2:0 chroma plane covers the last odd row and column with a sample of its own.
 */
public enum ChromaFormat {
  /** Chroma planes of ceil(w/2) x ceil(h/2) samples. */
  YUV420(1, 1),
  /** Chroma planes of w x h samples. */
  YUV444(0, 0);

  private final int shiftX;
  private final int shiftY;

  ChromaFormat(int shiftX, int shiftY) {
    this.shiftX = shiftX;
    this.shiftY = shiftY;
  }

  /** Width of each chroma plane for a luma plane {@code lumaWidth} wide. */
  public int chromaWidth(int lumaWidth) {
    return (lumaWidth + (1 << shiftX) - 1) >> shiftX;
  }

  /** Height of each chroma plane for a luma plane {@code lumaHeight} high. */
  public int chromaHeight(int lumaHeight) {
    return (lumaHeight + (1 << shiftY) - 1) >> shiftY;
  }

  /** Whether chroma has fewer samples than luma. */
  public boolean isSubsampled() {
    return shiftX > 0 || shiftY > 0;
  }

  /** Samples in all three planes of a {@code width} x {@code height} frame. */
  public long samplesPerFrame(int width, int height) {
    return (long) width * height + 2L * chromaWidth(width) * chromaHeight(height);
  }
}
