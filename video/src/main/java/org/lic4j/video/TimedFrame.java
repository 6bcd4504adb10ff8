package org.lic4j.video;

import java.util.Objects;

/**
 * A decoded frame and what it cost, from {@link VideoDecoder#nextTimed()}.
 *
 * @param frame the frame, as {@link VideoDecoder#next()} gives it
 * @param timings where the time went
 */
public record TimedFrame(DecodedFrame frame, FrameTimings timings) {
  /** Checks for nulls. */
  public TimedFrame {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(timings, "timings");
  }
}
