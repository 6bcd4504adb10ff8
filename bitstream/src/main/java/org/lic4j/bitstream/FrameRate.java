package org.lic4j.bitstream;

/**
 * Frames per second as a rational, as a video stream's sequence header stores it (docs/video.md,
 * "Sequence"): 25 fps is {@code 25/1}, NTSC's 29.97 is {@code 30000/1001}. Not reduced: the
 * stream keeps what the source said.
 *
 * @param numerator 1..2^31-1
 * @param denominator 1..2^31-1
 */
public record FrameRate(long numerator, long denominator) {

  /** The largest numerator or denominator: both are u32 on the wire, capped to a Java int. */
  public static final long MAX_TERM = Integer.MAX_VALUE;

  /** Checks both terms are in 1..2^31-1. */
  public FrameRate {
    if (numerator < 1 || numerator > MAX_TERM || denominator < 1 || denominator > MAX_TERM) {
      throw new IllegalArgumentException(
          "frame rate " + numerator + "/" + denominator + " outside 1..2^31-1 per term");
    }
  }

  /** Frames per second as a double, for display. */
  public double perSecond() {
    return (double) numerator / denominator;
  }

  /** {@code numerator/denominator}, e.g. {@code 30000/1001}. */
  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
