package org.lic4j.bitstream;

import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.container.HeaderRules;
import org.lic4j.bitstream.container.VideoRules;

/**
 * The fields that open every frame of a video stream (docs/video.md, "Frame"). The rules that
 * involve other frames (display order, which frames may be referenced) are the container's.
 *
 * @param type intra, or (parsed, not yet decoded) predicted or bi-predicted
 * @param quality the quality the frame was coded at, in hundredths (0..10000)
 * @param displayIndex the frame's position in display order, 0..2^32-1
 * @param references the display indexes of the frames it is predicted from: none for an intra
 *     frame, 1..{@value VideoRules#MAX_REFERENCES} distinct others for P and B frames; a P
 *     frame's all precede it in display order. Copied.
 */
public record FrameHeader(FrameType type, int quality, long displayIndex, List<Long> references) {

  /** Validates every field and the references against the frame type. */
  public FrameHeader {
    Objects.requireNonNull(type, "type");
    references = List.copyOf(references);
    HeaderRules.require(HeaderRules.quality(quality));
    HeaderRules.require(HeaderRules.frameIndex(displayIndex));
    HeaderRules.require(VideoRules.references(type, displayIndex, references));
  }

  /** An intra frame at {@code displayIndex}. */
  public static FrameHeader intra(long displayIndex, int quality) {
    return new FrameHeader(FrameType.INTRA, quality, displayIndex, List.of());
  }

  /** Whether the frame decodes on its own, so decoding may start (or seek) here. */
  public boolean isIntra() {
    return type == FrameType.INTRA;
  }
}
