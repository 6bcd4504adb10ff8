package org.lic4j.bitstream;

import java.util.Objects;
import org.lic4j.bitstream.container.HeaderRules;
import org.lic4j.bitstream.container.VideoRules;

/**
 * What a video stream says once, before its frames (docs/video.md, "Sequence"): the stream header
 * (size, coded planes, model, nominal quality, tiling, GOP length) and the sequence chunk (frame
 * rate, the source's colour description, optional frame count). Every range is checked here.
 *
 * @param stream the stream header: {@link MediaKind#VIDEO}, a colour format without alpha, frame
 *     type {@link FrameType#INTRA} and frame index 0 (the frames carry their own)
 * @param frameRate frames per second
 * @param colour how the source was described
 * @param frameCount the number of frames, 1..2^32-1, or {@link #NO_FRAME_COUNT} when the writer
 *     did not know it (a pipe)
 * @param predictionModel the model that decodes the P frames' residuals (format 1.1, docs/video.md
 *     "P frames"), or null for a stream of intra frames only
 */
public record SequenceHeader(
    StreamHeader stream, FrameRate frameRate, SourceColour colour, long frameCount, ModelId predictionModel) {

  /** {@link #frameCount()} when the stream does not say how many frames it has. */
  public static final long NO_FRAME_COUNT = 0;

  /** Validates the stream header for video and the frame count's range. */
  public SequenceHeader {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(frameRate, "frameRate");
    Objects.requireNonNull(colour, "colour");
    HeaderRules.require(VideoRules.videoHeader(stream));
    HeaderRules.require(VideoRules.frameCount(frameCount));
  }

  /** A sequence of intra frames only (no prediction model). */
  public SequenceHeader(StreamHeader stream, FrameRate frameRate, SourceColour colour, long frameCount) {
    this(stream, frameRate, colour, frameCount, null);
  }

  /** The same sequence whose P frames are decoded by {@code model} (null: none). */
  public SequenceHeader withPredictionModel(ModelId model) {
    return new SequenceHeader(stream, frameRate, colour, frameCount, model);
  }

  /** Whether the stream may have P frames: it names a prediction model. */
  public boolean hasPredictionModel() {
    return predictionModel != null;
  }

  /**
   * The format version a stream of this sequence is written in: 1.1 when it names a prediction
   * model (its sequence chunk carries the model), else 1.0.
   */
  public FormatVersion formatVersion() {
    return predictionModel != null ? FormatVersion.V1_1 : FormatVersion.CURRENT;
  }

  /** Whether the stream says how many frames it has. */
  public boolean hasFrameCount() {
    return frameCount != NO_FRAME_COUNT;
  }

  /** Picture width in pixels. */
  public int width() {
    return stream.width();
  }

  /** Picture height in pixels. */
  public int height() {
    return stream.height();
  }

  /** The model that decodes the frames. */
  public ModelId model() {
    return stream.model();
  }

  /** Frames from one intra frame to the next at most, or 0 when not signalled. */
  public int gopLength() {
    return stream.gopLength();
  }

  /** Tiles per frame. */
  public int tileCount() {
    return stream.tileCount();
  }
}
