package org.lic4j.bitstream;

/**
 * The matrix that turned the source's R'G'B' into Y'CbCr, as recorded in a video stream's
 * sequence header. The codes are ITU-T H.273's {@code MatrixCoefficients}, so that they pass to
 * and from FFmpeg, y4m and H.26x metadata without a table; only the values below are defined.
 *
 * <p>Each Y'CbCr matrix carries its luma weights Kr and Kb from H.273's table (Kg = 1 - Kr - Kb):
 * E'Y = Kr E'R + Kg E'G + Kb E'B; E'Pb = (E'B - E'Y) / (2 (1 - Kb)); E'Pr = (E'R - E'Y) / (2 (1 - Kr)).
 * {@link #IDENTITY} and {@link #UNSPECIFIED} have none ({@link #hasLumaWeights()} is false). The
 * conversion that uses them is the {@code video} module's.
 */
public enum ColourMatrix {
  /** The source is R'G'B' (H.273 "identity"): no matrix. */
  IDENTITY(0, Double.NaN, Double.NaN),
  /** ITU-R BT.709 (HD): Kr = 0.2126, Kb = 0.0722. */
  BT709(1, 0.2126, 0.0722),
  /**
   * Not known: a reader chooses. lic4j's {@code video} module takes BT.709 for HD (wider than
   * 1024 or taller than 576) and BT.601 otherwise, as FFmpeg and players guess.
   */
  UNSPECIFIED(2, Double.NaN, Double.NaN),
  /** ITU-R BT.601 as BT.470 System B/G (625 lines): Kr = 0.299, Kb = 0.114; same as {@link #SMPTE170M}. */
  BT470BG(5, 0.299, 0.114),
  /** ITU-R BT.601 as SMPTE 170M (525 lines): Kr = 0.299, Kb = 0.114; same as {@link #BT470BG}. */
  SMPTE170M(6, 0.299, 0.114),
  /** ITU-R BT.2020 non-constant luminance: Kr = 0.2627, Kb = 0.0593. */
  BT2020_NCL(9, 0.2627, 0.0593);

  private final int code;
  /** NaN for the two values that name no Y'CbCr matrix. */
  private final double kr;
  private final double kb;

  ColourMatrix(int code, double kr, double kb) {
    this.code = code;
    this.kr = kr;
    this.kb = kb;
  }

  /** The value stored in the stream (H.273 MatrixCoefficients). */
  public int code() {
    return code;
  }

  /** Whether this value names a Y'CbCr matrix (all but {@link #IDENTITY} and {@link #UNSPECIFIED}). */
  public boolean hasLumaWeights() {
    return !Double.isNaN(kr);
  }

  /**
   * The red luma weight Kr.
   *
   * @throws IllegalStateException for {@link #IDENTITY} and {@link #UNSPECIFIED}
   */
  public double kr() {
    requireWeights();
    return kr;
  }

  /**
   * The blue luma weight Kb.
   *
   * @throws IllegalStateException for {@link #IDENTITY} and {@link #UNSPECIFIED}
   */
  public double kb() {
    requireWeights();
    return kb;
  }

  /**
   * The green luma weight, 1 - Kr - Kb.
   *
   * @throws IllegalStateException for {@link #IDENTITY} and {@link #UNSPECIFIED}
   */
  public double kg() {
    requireWeights();
    return 1 - kr - kb;
  }

  /** Whether {@code other} has the same luma weights: BT.470BG and SMPTE 170M are both BT.601. */
  public boolean sameWeightsAs(ColourMatrix other) {
    return hasLumaWeights() && other.hasLumaWeights() && kr == other.kr && kb == other.kb;
  }

  private void requireWeights() {
    if (!hasLumaWeights()) {
      throw new IllegalStateException("matrix " + this + " has no luma weights (it names no Y'CbCr matrix)");
    }
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
