package org.lic4j.video;

import java.util.Objects;

/**
 * What the numbers in a {@link YuvFrame} mean: the Y'CbCr matrix, the range of the codes, and
 * where the chroma samples sit. Transfer function and primaries are not converted (RGB out uses
 * the source's own primaries, as every video player does with BT.601 and BT.709 content).
 *
 * @param matrix BT.601 or BT.709 coefficients
 * @param range limited (16-235/240) or full (0-255) codes
 * @param siting where 4:2:0 chroma sits; {@link ChromaSiting#CENTER} for 4:4:4
 */
public record ColourDescription(ColourMatrix matrix, ColourRange range, ChromaSiting siting) {
  /** BT.601, full range, centred chroma: JPEG/JFIF's Y'CbCr, what {@code RgbImage.ofYuv} uses. */
  public static final ColourDescription JPEG =
      new ColourDescription(ColourMatrix.BT601, ColourRange.FULL, ChromaSiting.CENTER);

  public ColourDescription {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(siting, "siting");
  }

  /**
   * What to assume of a source of this size that says nothing: limited range, chroma centred
   * (y4m's default), BT.709 for HD and BT.601 for SD ({@link ColourMatrix#guessFor}).
   */
  public static ColourDescription guessFor(int width, int height) {
    return new ColourDescription(ColourMatrix.guessFor(width, height), ColourRange.LIMITED, ChromaSiting.CENTER);
  }

  /** This description with another matrix. */
  public ColourDescription withMatrix(ColourMatrix m) {
    return new ColourDescription(m, range, siting);
  }

  /** This description with another range. */
  public ColourDescription withRange(ColourRange r) {
    return new ColourDescription(matrix, r, siting);
  }

  /** This description with another chroma siting. */
  public ColourDescription withSiting(ChromaSiting s) {
    return new ColourDescription(matrix, range, s);
  }

  @Override
  public String toString() {
    return matrix + " " + range.name().toLowerCase(java.util.Locale.ROOT) + " range, chroma " + siting.ffmpegName();
  }
}
