package org.lic4j.video;

import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.codec.RgbImage;

/**
 * One frame as {@link VideoDecoder#next()} or {@link VideoPacketDecoder#decode} gives it: the
 * model's RGB picture, where it is shown, and the source's colour description, so that {@link
 * #toYuv()} gives back frames like those that went in.
 *
 * @param displayIndex the frame's position in display order
 * @param number the frame's position in stream (decoding) order, from 0
 * @param image the decoded picture
 * @param source how the stream records its source
 */
public record DecodedFrame(long displayIndex, long number, RgbImage image, SourceColour source) {
  /** Checks for nulls. */
  public DecodedFrame {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(source, "source");
  }

  /** Whether the source was Y'CbCr that {@link #toYuv()} can give back (4:2:0 or 4:4:4). */
  public boolean hasYuvSource() {
    return (source.chromaFormat() == ChromaFormat.YUV420 || source.chromaFormat() == ChromaFormat.YUV444)
        && source.matrix() != ColourMatrix.IDENTITY;
  }

  /**
   * The picture as the source's Y'CbCr: its chroma format, matrix, range and siting (an
   * unspecified matrix or siting resolved as {@link ColourDescription#fromSource} does).
   *
   * @throws IllegalStateException if the source was not 4:2:0 or 4:4:4 Y'CbCr ({@link
   *     #hasYuvSource()}): use {@link #toYuv(ChromaFormat, ColourDescription)}
   */
  public YuvFrame toYuv() {
    if (!hasYuvSource()) {
      throw new IllegalStateException("the source is " + source.chromaFormat() + " with matrix " + source.matrix()
          + ": name the YUV wanted (toYuv(format, colour))");
    }
    return toYuv(source.chromaFormat(), ColourDescription.fromSource(source, image.width(), image.height()));
  }

  /** The picture as Y'CbCr of {@code format} ({@code YUV420} or {@code YUV444}) described by {@code colour}. */
  public YuvFrame toYuv(ChromaFormat format, ColourDescription colour) {
    return ColourConversion.toYuv(image, format, colour);
  }
}
