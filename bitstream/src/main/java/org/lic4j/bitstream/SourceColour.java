package org.lic4j.bitstream;

import java.util.Objects;

/**
 * How the source of a video was described, as its sequence header records it (docs/video.md,
 * "Sequence"): the coded pictures are the model's R'G'B', and these fields say how to get back
 * to the source's Y'CbCr. Codes, and the numbers the standards tie to them (luma weights, range
 * offsets, chroma positions, plane sizes) on the enums; the conversions belong to the {@code video}
 * module, whose frame description ({@code ColourDescription}) maps to and from this one.
 *
 * @param matrix the R'G'B' to Y'CbCr matrix
 * @param range limited or full range
 * @param siting where subsampled chroma sits
 * @param chromaFormat the source's planes
 */
public record SourceColour(
    ColourMatrix matrix, ColourRange range, ChromaSiting siting, ChromaFormat chromaFormat) {

  /** Checks that no field is null. */
  public SourceColour {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(siting, "siting");
    Objects.requireNonNull(chromaFormat, "chromaFormat");
  }

  /** An R'G'B' source: identity matrix, full range, no chroma siting. */
  public static SourceColour rgb() {
    return new SourceColour(
        ColourMatrix.IDENTITY, ColourRange.FULL, ChromaSiting.UNSPECIFIED, ChromaFormat.RGB);
  }
}
