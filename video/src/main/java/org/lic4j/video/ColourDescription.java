package org.lic4j.video;

import java.util.Locale;
import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.SourceColour;

/**
 * What the numbers in a {@link YuvFrame} mean: the Y'CbCr matrix, the range of the codes, and
 * where the chroma samples sit, in the stream's own vocabulary ({@code org.lic4j.bitstream}'s
 * enums). Unlike a stream's {@link SourceColour}, which records what a source said (unknowns
 * included), a frame's description is definite: a matrix with luma weights and a siting with a
 * position, so that {@link ColourConversion} never has to guess. {@link #fromSource} resolves a
 * stream's unknowns, {@link #toSource} goes back. Transfer function and primaries are not
 * converted (RGB out uses the source's own primaries, as every video player does with BT.601 and
 * BT.709 content).
 *
 * <p>BT.601 has two codes with the same weights, {@link ColourMatrix#BT470BG} and
 * {@link ColourMatrix#SMPTE170M}: a description keeps the one it is given (a decoder gives back
 * what came in), and wherever lic4j chooses (a guess, {@link #JPEG}, y4m's {@code BT601} tag) it
 * chooses {@link ColourMatrix#BT470BG}.
 *
 * @param matrix a matrix with luma weights: BT.601 (BT470BG or SMPTE170M), BT709 or BT2020_NCL
 * @param range limited (16-235/240) or full (0-255) codes
 * @param siting where 4:2:0 chroma sits; by convention {@link ChromaSiting#CENTER} for 4:4:4
 */
public record ColourDescription(ColourMatrix matrix, ColourRange range, ChromaSiting siting) {
  /** BT.601, full range, centred chroma: JPEG/JFIF's Y'CbCr, what {@code RgbImage.ofYuv} uses. */
  public static final ColourDescription JPEG =
      new ColourDescription(ColourMatrix.BT470BG, ColourRange.FULL, ChromaSiting.CENTER);

  /**
   * Largest size still taken for standard definition when a source does not name its matrix: PAL's
   * 720x576 and its anamorphic 1024x576.
   */
  static final int SD_MAX_WIDTH = 1024;

  static final int SD_MAX_HEIGHT = 576;

  /** Checks that no field is null, the matrix has luma weights and the siting a position. */
  public ColourDescription {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(siting, "siting");
    if (!matrix.hasLumaWeights()) {
      throw new IllegalArgumentException("a frame's matrix must be a Y'CbCr matrix (BT470BG, SMPTE170M, BT709, "
          + "BT2020_NCL), got " + matrix + (matrix == ColourMatrix.UNSPECIFIED ? ": guess one (guessFor)" : ""));
    }
    if (!siting.hasPosition()) {
      throw new IllegalArgumentException("a frame's chroma siting must be a position, got " + siting
          + " (y4m and JPEG use CENTER, MPEG-2 and H.264 LEFT)");
    }
  }

  /**
   * What to assume of a source of this size that says nothing: limited range, chroma centred
   * (y4m's default), BT.709 for HD (wider than 1024 or taller than 576) and BT.601 for SD, as
   * FFmpeg and most players guess.
   */
  public static ColourDescription guessFor(int width, int height) {
    return new ColourDescription(guessMatrix(width, height), ColourRange.LIMITED, ChromaSiting.CENTER);
  }

  /** BT.709 for HD (wider than 1024 or taller than 576), else BT.601 ({@link ColourMatrix#BT470BG}). */
  static ColourMatrix guessMatrix(int width, int height) {
    return width > SD_MAX_WIDTH || height > SD_MAX_HEIGHT ? ColourMatrix.BT709 : ColourMatrix.BT470BG;
  }

  /**
   * A frame description for the Y'CbCr source a stream describes, its pictures {@code width} x
   * {@code height}: an unspecified matrix guessed from the size ({@link #guessFor}), an unspecified
   * siting taken as {@link ChromaSiting#CENTER}.
   *
   * @throws IllegalArgumentException if the source is R'G'B' or luma only (no Y'CbCr to describe)
   */
  public static ColourDescription fromSource(SourceColour source, int width, int height) {
    Objects.requireNonNull(source, "source");
    if (!source.chromaFormat().hasChroma() || source.matrix() == ColourMatrix.IDENTITY) {
      throw new IllegalArgumentException("the source is " + source.chromaFormat() + " with matrix "
          + source.matrix() + ": it has no Y'CbCr colour to describe");
    }
    ColourMatrix m = source.matrix() == ColourMatrix.UNSPECIFIED ? guessMatrix(width, height) : source.matrix();
    ChromaSiting s = source.siting().hasPosition() ? source.siting() : ChromaSiting.CENTER;
    return new ColourDescription(m, source.range(), s);
  }

  /**
   * What a stream records of a source of frames in {@code format} with this description; a format
   * without subsampled chroma records no siting ({@link ChromaSiting#UNSPECIFIED}).
   */
  public SourceColour toSource(ChromaFormat format) {
    Objects.requireNonNull(format, "format");
    return new SourceColour(matrix, range, format.isSubsampled() ? siting : ChromaSiting.UNSPECIFIED, format);
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

  /** Whether frames of {@code format} described so and by {@code other} hold the same numbers. */
  public boolean sameMeaningAs(ColourDescription other, ChromaFormat format) {
    return matrix.sameWeightsAs(other.matrix) && range == other.range
        && (!format.isSubsampled() || siting == other.siting);
  }

  @Override
  public String toString() {
    return matrix + " " + range.name().toLowerCase(Locale.ROOT) + " range, chroma " + siting.ffmpegName();
  }
}
