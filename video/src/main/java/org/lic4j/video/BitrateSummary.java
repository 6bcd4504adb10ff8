package org.lic4j.video;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;

/**
 * How a rate-controlled encode went ({@link VideoEncoder#bitrate()}, docs/video.md, "Rate control"):
 * the target against what the frames took.
 *
 * @param targetKbps the bit rate asked, kbit/s (1000 bits)
 * @param achievedKbps the bits of the frames so far over their duration at the stream's frame rate:
 *     from {@link VideoEncoder}, the whole stream's (headers, chunks, seek index and footer); from
 *     {@link VideoPacketEncoder}, the packets'
 * @param frames frames coded
 * @param meanQuality the mean base quality, points 0..100 (hierarchical P frames are coded lower)
 * @param framesAtLowest frames at quality 0 that the controller wanted lower still
 * @param framesAtHighest frames at quality 100 that it wanted higher still
 */
public record BitrateSummary(double targetKbps, double achievedKbps, long frames, double meanQuality,
    long framesAtLowest, long framesAtHighest) {
  /** Off the target by more than this fraction, with most frames at a bound, is out of reach. */
  public static final double TOLERANCE = 0.05;

  /**
   * Why the target was not met, when it could not be: the frames cost more than it at quality 0, or
   * less at quality 100, for most of the video. A line to show once, after the encode; empty when
   * the target was met or missed for another reason (a clip too short for the controller to settle).
   */
  public Optional<String> unreachable() {
    if (achievedKbps > targetKbps * (1 + TOLERANCE) && 2 * framesAtLowest > frames) {
      return Optional.of(String.format(Locale.ROOT, "target %s kbit/s is below what quality 0 costs here: %s kbit/s"
          + " achieved, %d of %d frames at quality 0", asGiven(targetKbps), kbps(achievedKbps), framesAtLowest,
          frames));
    }
    if (achievedKbps < targetKbps * (1 - TOLERANCE) && 2 * framesAtHighest > frames) {
      return Optional.of(String.format(Locale.ROOT, "target %s kbit/s is above what quality 100 costs here: %s kbit/s"
          + " achieved, %d of %d frames at quality 100", asGiven(targetKbps), kbps(achievedKbps), framesAtHighest,
          frames));
    }
    return Optional.empty();
  }

  /** A target as it was likely given: 500, 1500, 0.8 (four digits at most, no trailing zeros). */
  private static String asGiven(double value) {
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A measured rate: whole kbit/s, tenths below 100. */
  private static String kbps(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
