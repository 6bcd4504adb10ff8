package org.lic4j.bitstream;

/**
 * The planes the source had before it was coded, as recorded in a video stream's sequence
 * header, so that a decoder can give back what came in (the coded planes are the header's
 * {@link ColourFormat}).
 */
public enum ChromaFormat {
  /** R'G'B' without chroma (a picture sequence, or an RGB video). */
  RGB(0),
  /** Luma only. */
  YUV400(1),
  /** Y'CbCr, chroma halved both ways. */
  YUV420(2),
  /** Y'CbCr, chroma halved horizontally. */
  YUV422(3),
  /** Y'CbCr without subsampling. */
  YUV444(4);

  private final int code;

  ChromaFormat(int code) {
    this.code = code;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
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
