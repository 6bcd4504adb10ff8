package org.lic4j.bitstream;

/**
 * The matrix that turned the source's R'G'B' into Y'CbCr, as recorded in a video stream's
 * sequence header. The codes are ITU-T H.273's {@code MatrixCoefficients}, so that they pass to
 * and from FFmpeg, y4m and H.26x metadata without a table; only the values below are defined.
 */
public enum ColourMatrix {
  /** The source is R'G'B' (H.273 "identity"): no matrix. */
  IDENTITY(0),
  /** ITU-R BT.709 (HD). */
  BT709(1),
  /** Not known: a reader chooses (the reference assumes BT.601 below 720 lines, BT.709 above). */
  UNSPECIFIED(2),
  /** ITU-R BT.601 as BT.470 System B/G (625 lines); same matrix as {@link #SMPTE170M}. */
  BT470BG(5),
  /** ITU-R BT.601 as SMPTE 170M (525 lines). */
  SMPTE170M(6),
  /** ITU-R BT.2020 non-constant luminance. */
  BT2020_NCL(9);

  private final int code;

  ColourMatrix(int code) {
    this.code = code;
  }

  /** The value stored in the stream (H.273 MatrixCoefficients). */
  public int code() {
    return code;
  }

  /** The matrix stored as {@code code}, or {@code null} if the format defines none. */
  public static ColourMatrix fromCode(int code) {
    for (ColourMatrix matrix : values()) {
      if (matrix.code == code) {
        return matrix;
      }
    }
    return null;
  }
}
