package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RateController} against a synthetic encoder whose bits depend on quality and frame type as
 * lic4j's do (intra frames geometric in quality; P frames skipped below a quality, coded above it at
 * most of an intra frame's cost), with noise and a scene cut: the achieved rate converges, and the
 * quality does not swing.
 */
final class RateControllerTest {
  private static final double FPS = 25;
  private static final int WIDTH = 352;
  private static final int HEIGHT = 288;
  private static final long PIXELS = (long) WIDTH * HEIGHT;
  /** A FRAM chunk's framing, as the stream writer adds it. */
  private static final long CHUNK_BITS = 12 * 8;

  /**
   * Bits of a synthetic frame: intra {@code complexity * 0.12 * 2^(0.04 q)} bpp; a P slot skipped
   * (0.045 bpp, the motion field) when coding its residual does not pay, and otherwise 0.85 of
   * intra plus the field; an intra choice at a scene cut. Each frame's bits carry noise of about
   * 10%. (As lic4j with lic-pframe-v1 of step 2092 on foreman.)
   */
  private static final class SyntheticEncoder {
    private final Random random = new Random(20);
    private final int cut;
    private final double cutFactor;
    private final boolean skips;
    private int sinceResidual;

    SyntheticEncoder(int cut, double cutFactor, boolean skips) {
      this.cut = cut;
      this.cutFactor = cutFactor;
      this.skips = skips;
    }

    double complexity(int frame) {
      return frame >= cut ? cutFactor : 1;
    }

    RateController.Outcome outcome(int frame, boolean intraSlot, double q) {
      if (intraSlot || frame == cut) {
        sinceResidual = 0;
        return RateController.Outcome.INTRA;
      }
      // A skipped frame leaves the reference further from the source, so the residual pays from
      // a lower quality the more frames were skipped: at 40 every third frame or so, as on
      // foreman; harder content needs it sooner.
      sinceResidual++;
      double threshold = 70 - 10 * sinceResidual - 10 * Math.log(complexity(frame)) + 5 * random.nextGaussian();
      if (!skips || q >= threshold) {
        sinceResidual = 0;
        return RateController.Outcome.PREDICTED;
      }
      return RateController.Outcome.SKIPPED;
    }

    long bits(int frame, RateController.Outcome outcome, double q) {
      double noise = Math.exp(0.1 * random.nextGaussian());
      double intraBpp = complexity(frame) * 0.12 * Math.pow(2, 0.04 * q);
      double bpp = switch (outcome) {
        case INTRA -> intraBpp;
        case PREDICTED -> 0.85 * intraBpp + 0.04;
        case SKIPPED -> 0.045;
      };
      return Math.round(bpp * noise * PIXELS);
    }
  }

  /** One run: each frame's base quality (points), and the summary. */
  private record Run(List<Double> bases, BitrateSummary summary) {
    double maxStepBetweenPFrames(int gop) {
      double max = 0;
      for (int k = 1; k < bases.size(); k++) {
        if (k % gop != 0) {
          max = Math.max(max, Math.abs(bases.get(k) - bases.get(k - 1)));
        }
      }
      return max;
    }

    /** Changes of direction by more than {@code points} in the base quality, from {@code from} on. */
    int swings(int from, double points) {
      int count = 0;
      double lastStep = 0;
      for (int k = from + 1; k < bases.size(); k++) {
        double step = bases.get(k) - bases.get(k - 1);
        if (Math.abs(step) < points) {
          continue;
        }
        if (lastStep != 0 && Math.signum(step) != Math.signum(lastStep)) {
          count++;
        }
        lastStep = step;
      }
      return count;
    }
  }

  private static Run run(double kbps, int frames, int gop, PFrameParams hierarchy, SyntheticEncoder encoder) {
    RateController rc = new RateController(kbps * 1000, FPS, PIXELS, gop, hierarchy);
    List<Double> bases = new ArrayList<>();
    long since = 0;
    for (int k = 0; k < frames; k++) {
      int base = rc.nextBase();
      bases.add(base / 100.0);
      boolean intraSlot = k % gop == 0;
      int hundredths = intraSlot ? base : hierarchy.hundredths(base, since + 1);
      RateController.Outcome outcome = encoder.outcome(k, intraSlot, hundredths / 100.0);
      long bits = encoder.bits(k, outcome, hundredths / 100.0);
      since = outcome == RateController.Outcome.INTRA ? 0 : since + 1;
      rc.coded(outcome, hundredths, bits);
      rc.overhead(CHUNK_BITS);
    }
    return new Run(bases, rc.summary(FPS));
  }

  private static void print(String what, Run run) {
    StringBuilder s = new StringBuilder();
    for (double b : run.bases()) {
      s.append(String.format(" %.0f", b));
    }
    System.out.printf("%s: %.1f kbit/s for %.0f, mean quality %.1f;%s%n", what, run.summary().achievedKbps(),
        run.summary().targetKbps(), run.summary().meanQuality(), s);
  }

  private static void assertWithin(double fraction, Run run) {
    double error = run.summary().achievedKbps() / run.summary().targetKbps() - 1;
    assertTrue(Math.abs(error) <= fraction, () -> String.format("achieved %.1f kbit/s for %.1f: %+.1f%%",
        run.summary().achievedKbps(), run.summary().targetKbps(), 100 * error));
  }

  @Test
  void convergesOnSixtyFramesWithSkipsNoiseAndASceneCut() {
    for (double kbps : new double[] {300, 500, 1000, 2000}) {
      Run run = run(kbps, 60, 32, PFrameParams.DEFAULT, new SyntheticEncoder(24, 2, true));
      print(kbps + "k", run);
      assertWithin(0.05, run);
      assertTrue(run.maxStepBetweenPFrames(32) <= RateController.MAX_STEP + 0.01, run.bases()::toString);
      assertTrue(run.swings(10, 4) <= 6, () -> "quality swings: " + run.bases());
      assertTrue(run.summary().unreachable().isEmpty());
    }
  }

  @Test
  void hierarchicalQualityDropsBelowTheControlledBase() {
    PFrameParams hierarchy = PFrameParams.DEFAULT.withHierarchy(10, 4);
    Run run = run(500, 60, 32, hierarchy, new SyntheticEncoder(1000, 1, true));
    print("500k, hierarchy 10/4", run);
    assertWithin(0.05, run);
    assertTrue(run.swings(10, 4) <= 6, () -> "quality swings: " + run.bases());
  }

  @Test
  void everyFrameIntra() {
    Run run = run(2000, 60, 1, PFrameParams.DEFAULT, new SyntheticEncoder(30, 2, false));
    print("2000k all intra", run);
    assertWithin(0.05, run);
    assertTrue(run.swings(10, 4) <= 6, () -> "quality swings: " + run.bases());
  }

  @Test
  void longGopRepaysItsIntraFrameWithinTwoSeconds() {
    Run run = run(500, 60, 250, PFrameParams.DEFAULT, new SyntheticEncoder(1000, 1, false));
    print("500k GOP 250", run);
    assertWithin(0.05, run);
  }

  @Test
  void steadyContentSettlesAtOneQuality() {
    Run run = run(500, 120, 32, PFrameParams.DEFAULT, new SyntheticEncoder(1000, 1, false));
    print("500k steady", run);
    assertWithin(0.03, run);
    double min = 100;
    double max = 0;
    for (double b : run.bases().subList(64, 120)) {
      min = Math.min(min, b);
      max = Math.max(max, b);
    }
    assertTrue(max - min < 6, () -> "settled within a few points: " + run.bases().subList(64, 120));
  }

  @Test
  void unreachableTargetsAreReportedNotFailed() {
    Run low = run(20, 60, 32, PFrameParams.DEFAULT, new SyntheticEncoder(1000, 1, true));
    print("20k", low);
    assertTrue(low.summary().achievedKbps() > 40, low.summary()::toString);
    assertTrue(low.summary().unreachable().orElseThrow().contains("below what quality 0 costs"),
        low.summary()::toString);
    Run high = run(100_000, 60, 32, PFrameParams.DEFAULT, new SyntheticEncoder(1000, 1, true));
    print("100M", high);
    assertEquals(100, high.bases().get(59));
    assertTrue(high.summary().unreachable().orElseThrow().contains("above what quality 100 costs"),
        high.summary()::toString);
  }

  @Test
  void summaryWithinToleranceIsNotUnreachable() {
    assertFalse(new BitrateSummary(500, 510, 60, 0, 60, 0).unreachable().isPresent());
    assertTrue(new BitrateSummary(500, 600, 60, 0, 60, 0).unreachable().isPresent());
    assertFalse(new BitrateSummary(500, 600, 60, 0, 20, 0).unreachable().isPresent(),
        "missed, but not for want of a lower quality");
  }

  @Test
  void paramsTakeABitRate() {
    VideoEncodeParams p = VideoEncodeParams.bitrate(500);
    assertTrue(p.hasTargetBitrate());
    assertEquals(500, p.targetKbps());
    assertFalse(p.withTargetBitrate(0).hasTargetBitrate());
    assertFalse(VideoEncodeParams.quality(50).hasTargetBitrate());
    assertThrows(IllegalArgumentException.class, () -> VideoEncodeParams.bitrate(0));
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> VideoEncodeParams.quality(50).withTargetBitrate(bad));
    }
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new RateController(0, FPS, PIXELS, 32, PFrameParams.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> new RateController(Double.NaN, FPS, PIXELS, 32, PFrameParams.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> new RateController(1e6, 0, PIXELS, 32, PFrameParams.DEFAULT));
  }
}
