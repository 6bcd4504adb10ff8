package org.lic4j.bitstream;

/**
 * The planes the source had before it was coded, as recorded in a video stream's sequence
 * header, so that a decoder can give back what came in (the coded planes are the header's
 * {@link ColourFormat}).
 *
 * <p>Plane sizes: the first plane (R'G'B' has three, Y'CbCr one luma plane) is the picture's
 * size; a subsampled chroma plane is halved, rounding up, along each subsampled axis, so that an
 * odd last row or column gets a chroma sample of its own.
 */
public enum ChromaFormat {
  /** R'G'B' without chroma (a picture sequence, or an RGB video): three planes of the picture's size. */
  RGB(0, 3, 0, 0),
  /** Luma only. */
  YUV400(1, 1, 0, 0),
  /** Y'CbCr, chroma halved both ways: chroma planes of ceil(w/2) x ceil(h/2). */
  YUV420(2, 3, 1, 1),
  /** Y'CbCr, chroma halved horizontally: chroma planes of ceil(w/2) x h. */
  YUV422(3, 3, 1, 0),
  /** Y'CbCr without subsampling: chroma planes of w x h. */
  YUV444(4, 3, 0, 0);

  private final int code;
  private final int planes;
  /** log2 of the horizontal chroma subsampling: 0 or 1. */
  private final int shiftX;
  /** log2 of the vertical chroma subsampling: 0 or 1. */
  private final int shiftY;

  ChromaFormat(int code, int planes, int shiftX, int shiftY) {
    this.code = code;
    this.planes = planes;
    this.shiftX = shiftX;
    this.shiftY = shiftY;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** Whether the format has chroma planes (the Y'CbCr formats but 4:0:0). */
  public boolean hasChroma() {
    return this == YUV420 || this == YUV422 || this == YUV444;
  }

  /** Whether chroma has fewer samples than luma (4:2:0, 4:2:2). */
  public boolean isSubsampled() {
    return shiftX > 0 || shiftY > 0;
  }

  /**
   * Width of each chroma plane for a luma plane {@code lumaWidth} wide.
   *
   * @throws IllegalStateException for a format without chroma
   */
  public int chromaWidth(int lumaWidth) {
    requireChroma();
    return (lumaWidth + (1 << shiftX) - 1) >> shiftX;
  }

  /**
   * Height of each chroma plane for a luma plane {@code lumaHeight} high.
   *
   * @throws IllegalStateException for a format without chroma
   */
  public int chromaHeight(int lumaHeight) {
    requireChroma();
    return (lumaHeight + (1 << shiftY) - 1) >> shiftY;
  }

  /** Samples in all planes of a {@code width} x {@code height} picture. */
  public long samplesPerFrame(int width, int height) {
    long picture = (long) width * height;
    if (!hasChroma()) {
      return planes * picture;
    }
    return picture + 2L * chromaWidth(width) * chromaHeight(height);
  }

  private void requireChroma() {
    if (!hasChroma()) {
      throw new IllegalStateException(this + " has no chroma planes");
    }
  }

  /** The format stored as {@code code}, or {@code null} if the format defines none. */
  public static ChromaFormat fromCode(int code) {
    for (ChromaFormat format : values()) {
      if (format.code == code) {
        return format;
      }
    }
    return null;
  }
}
