package org.lic4j.video;

/**
 * One-pass average-bitrate control, as x264's {@code --bitrate} without a VBV (docs/video.md,
 * "Rate control"): before each frame it picks the base quality (the intra frame's, and the upper
 * P frames' of the hierarchy; the others are {@link PFrameParams#qualityDrop()} below) from the
 * bits spent so far against the target, and after the frame it learns from the bits it really
 * took. Arithmetic on what it is told and nothing else, so it is tested with a synthetic encoder.
 *
 * <p><b>Rate model.</b> Three kinds of frame slot, whose bits differ by several times: the intra
 * slot that starts each GOP; the P slots at the base quality (all of them without a hierarchy);
 * and the P slots the hierarchy codes lower. A P slot's bits are whatever the encoder made of it:
 * a coded P frame, the bare prediction (a skipped residual, some ten times cheaper), or an intra
 * frame where that cost less. Each slot predicts its bits per pixel as {@code scale * 2^(slope *
 * q)}, q the quality in points: the image model's bits grow about geometrically with quality
 * (foreman and Kodak: they double every 24 points). The slope is a least-squares fit of {@code
 * log2(bpp)} on q over the slot's frames coded as such (intra frames, P frames with a residual),
 * held to its prior by a weight of {@link #SLOPE_PRIOR_WEIGHT} squared points and within a factor
 * {@link #SLOPE_RANGE} of it: frames at nearly one quality, or content that changes under them,
 * say little about it. The scale is a moving mean of every frame of the slot brought to quality 0
 * by the slope, in bits, not their logarithm: a slot that is skipped three times in four costs the
 * mean of its frames, which is what the budget pays. Until the P slots have seen a frame they
 * move with the intra slot (content that is hard for one is hard for the others), and when the
 * encoder codes a P slot intra, which it does at a scene cut, their scales move as the intra
 * slot's does.
 *
 * <p><b>Budget.</b> With {@code T} the target's bits per frame, a GOP of {@code G} frames should
 * cost {@code G T}; its intra frame takes more than {@code T}, repaid by its P frames. So the
 * quality solves {@code (I(q) + sum of P_j(q_j), j = 1..A-1) / A = T'} over the GOP's first
 * {@code A = min(G, 2 s of frames)} frames ({@code q_j} the hierarchy's quality at position {@code
 * j}), and the frames after those, in a longer GOP, the mean of the P slots over a hierarchy
 * period {@code = T'}: an intra frame is budgeted at its larger cost and repaid within two seconds
 * whatever the GOP length. {@code T'} is {@code T} corrected for what was spent, {@code T' = T (1 -
 * D / (R T))} clamped to {@code T/2 .. 2 T} (x264 clamps its overflow factor alike), where {@code D}
 * is the bits spent beyond the frames' budgets so far, each budget the share of {@code A T} the
 * plan gives its position (so the intra frame's planned excess is not taken for overspending, and
 * the quality does not dip after each intra frame), and {@code R} the frames it is repaid over,
 * half of {@code A} or of one second's frames, whichever is more.
 *
 * <p><b>Smoothing.</b> The base quality moves {@link #DAMPING} of the way to the quality the plan
 * wants, and at most {@link #MAX_STEP} points from one frame to the next (the first frame is the
 * plan's, from the priors), within 0..100. Wanting below 0 or above 100 is counted: the target is
 * then out of reach, which {@link BitrateSummary#unreachable()} says at the end, while the frames
 * go on at the bound.
 *
 * <p>The bits fed back are those the frames took ({@link #coded}) and what the stream spent around
 * them ({@link #overhead}), so the achieved rate is the stream's. Not thread-safe.
 */
final class RateController {
  /** Base quality moves at most this many points from one frame to the next. */
  static final double MAX_STEP = 10;
  /**
   * The base moves this fraction of the way to the quality the plan wants: a P slot's bits jump
   * tenfold between a skipped and a coded frame, and following each at once swings the quality.
   */
  static final double DAMPING = 0.5;
  /** The intra frame's excess is repaid within this much time when the GOP is longer. */
  static final double AMORTISE_SECONDS = 2;
  /**
   * Deviations from the budget are repaid over this fraction of the larger of the amortised frames
   * and one second's: faster swings the quality more, slower misses the target on a short clip.
   */
  static final double REPAY_FRACTION = 0.5;
  /** How strongly the slope is held at its prior, in squared quality points. */
  static final double SLOPE_PRIOR_WEIGHT = 2000;
  /** The fitted slope stays within this factor of the prior. */
  static final double SLOPE_RANGE = 1.5;
  /** Intra frames at quality 0: bits per pixel (foreman 0.115, Kodak 0.09 with lic-image-v1). */
  static final double INTRA_PRIOR_BPP = 0.1;
  /** Bits of an intra frame double every 1 / this many points (lic-image-v1, foreman and Kodak). */
  static final double INTRA_PRIOR_SLOPE = 0.041;
  /**
   * P slots at quality 0 (foreman with lic-pframe-v1 of step 2092: mostly skipped residuals, 0.047
   * bpp), and their slope: steeper than intra's, as more P frames get a residual at higher qualities.
   */
  static final double P_PRIOR_BPP = 0.045;
  static final double P_PRIOR_SLOPE = 0.05;
  /**
   * The least weight of a P frame in its slot's mean bits: low, since a coded P frame costs some ten
   * times a skipped one and the mean must not jump with each (about ten frames' memory).
   */
  static final double P_SCALE_RATE = 0.1;

  /** What the encoder made of a frame. */
  enum Outcome {
    /** Coded by the image model: the GOP's first frame, or a P slot where intra coding cost less. */
    INTRA,
    /** A P frame with a residual. */
    PREDICTED,
    /** A P frame that is its prediction: motion field only. */
    SKIPPED
  }

  private final double bitsPerFrame;
  private final long pixels;
  private final int gopLength;
  private final int amortised;
  private final double repayFrames;
  private final double qualityDrop;
  private final int period;
  private final SlotModel intra = new SlotModel(INTRA_PRIOR_BPP, INTRA_PRIOR_SLOPE, 0.8, 0.5);
  /** P slots at the base quality: all of them without a hierarchy, its upper frames with one. */
  private final SlotModel upper = new SlotModel(P_PRIOR_BPP, P_PRIOR_SLOPE, 0.95, P_SCALE_RATE);
  /** P slots the hierarchy codes {@link #qualityDrop} lower: they cost differently again. */
  private final SlotModel lower = new SlotModel(P_PRIOR_BPP, P_PRIOR_SLOPE, 0.95, P_SCALE_RATE);

  private long frames;
  private double spentBits;
  /** The latest frame's base quality, points; NaN before the first frame. */
  private double base = Double.NaN;
  /** Whether the base of the frame in hand wanted below 0 / above 100. */
  private boolean wantsLower;
  private boolean wantsHigher;
  private long framesWantingLower;
  private long framesWantingHigher;
  private double qualitySum;

  /**
   * @param bitsPerSecond the target, positive
   * @param framesPerSecond the stream's frame rate
   * @param pixels each frame's
   * @param gopLength frames from one intra frame to the next; 1 when every frame is intra
   * @param hierarchy how P frames' quality is dropped below the base
   */
  RateController(double bitsPerSecond, double framesPerSecond, long pixels, int gopLength, PFrameParams hierarchy) {
    if (!(bitsPerSecond > 0) || Double.isInfinite(bitsPerSecond)) {
      throw new IllegalArgumentException("target bit rate must be positive, got " + bitsPerSecond);
    }
    if (!(framesPerSecond > 0) || pixels <= 0 || gopLength < 1) {
      throw new IllegalArgumentException(framesPerSecond + " fps, " + pixels + " pixels, GOP " + gopLength);
    }
    this.bitsPerFrame = bitsPerSecond / framesPerSecond;
    this.pixels = pixels;
    this.gopLength = gopLength;
    this.amortised = (int) Math.max(1, Math.min(gopLength, Math.round(AMORTISE_SECONDS * framesPerSecond)));
    this.repayFrames = Math.max(1, Math.max(amortised, framesPerSecond) * REPAY_FRACTION);
    this.qualityDrop = hierarchy.qualityDrop();
    this.period = hierarchy.period();
  }

  /** The base quality, in hundredths, to code the next frame at. */
  int nextBase() {
    int phase = (int) (frames % gopLength);
    double reference = Double.isNaN(base) ? 50 : base;
    double deficit = spentBits - frames * bitsPerFrame - plannedExcess(phase, reference);
    double target = bitsPerFrame * Math.max(0.5, Math.min(2, 1 - deficit / (repayFrames * bitsPerFrame)));
    double wanted = solve(phase, target);
    wantsLower = wanted < 0;
    wantsHigher = wanted > 100;
    double q = Math.max(0, Math.min(100, wanted));
    if (!Double.isNaN(base)) {
      q = base + DAMPING * (q - base);
      q = Math.max(base - MAX_STEP, Math.min(base + MAX_STEP, q));
    }
    base = q;
    return (int) Math.round(q * 100);
  }

  /**
   * Feeds back the frame coded at {@link #nextBase()}'s base: what it became, the quality it was
   * coded at (the base, or lower by the hierarchy) and the bits it took.
   */
  void coded(Outcome outcome, int hundredths, long bits) {
    double q = hundredths / 100.0;
    double bpp = Math.max(bits, 1) / (double) pixels;
    boolean intraSlot = frames % gopLength == 0;
    if (intraSlot) {
      intra.observe(q, bpp, true);
    } else {
      // Coded below the base: one of the hierarchy's lower frames.
      (hundredths < Math.round(base * 100) ? lower : upper).observe(q, bpp, outcome == Outcome.PREDICTED);
      if (outcome == Outcome.INTRA) {
        // An intra frame all the same: what intra coding of this content costs now. The encoder
        // chose it because the frame is unlike the one before (a scene cut): P frames of the new
        // content will cost as much more, or less, as its intra coding does.
        double before = intra.scale;
        intra.observe(q, bpp, true);
        upper.scale *= intra.scale / before;
        lower.scale *= intra.scale / before;
      }
    }
    if (!upper.seen()) {
      upper.follow(intra);
    }
    if (!lower.seen()) {
      lower.follow(upper);
    }
    spentBits += bits;
    frames++;
    qualitySum += base;
    if (wantsLower && base == 0) {
      framesWantingLower++;
    }
    if (wantsHigher && base == 100) {
      framesWantingHigher++;
    }
  }

  /** Bits the stream spent around the frames (chunk framing, headers): counted, not modelled. */
  void overhead(long bits) {
    spentBits += bits;
  }

  /** The target against what was spent, at {@code framesPerSecond}. */
  BitrateSummary summary(double framesPerSecond) {
    double seconds = frames / framesPerSecond;
    return new BitrateSummary(bitsPerFrame * framesPerSecond / 1000, frames == 0 ? 0 : spentBits / seconds / 1000,
        frames, frames == 0 ? 0 : qualitySum / frames, framesWantingLower, framesWantingHigher);
  }

  /** P slots at the base quality among positions 1..{@code n} of a GOP. */
  private int uppers(int n) {
    return qualityDrop == 0 ? n : n / period;
  }

  /** Predicted bits of the frames of positions 0..{@code n-1} of a GOP when its base quality is {@code q}. */
  private double predictedHead(int n, double q) {
    int u = uppers(n - 1);
    double sum = pixels * intra.bpp(q) + u * pixels * upper.bpp(q);
    return n - 1 - u == 0 ? sum : sum + (n - 1 - u) * pixels * lower.bpp(Math.max(0, q - qualityDrop));
  }

  /** Mean predicted bits per frame of a GOP's first {@link #amortised} frames at base {@code q}. */
  private double amortisedMean(double q) {
    return predictedHead(amortised, q) / amortised;
  }

  /** Mean predicted bits of P slots over a hierarchy period at base {@code q}. */
  private double periodMean(double q) {
    if (qualityDrop == 0) {
      return pixels * upper.bpp(q);
    }
    return pixels * (upper.bpp(q) + (period - 1) * lower.bpp(Math.max(0, q - qualityDrop))) / period;
  }

  /**
   * Bits the plan expects spent beyond {@code T} per frame by the frames of this GOP before {@code
   * phase}: the intra frame's excess not yet repaid. 0 at a GOP's start and once it is repaid.
   */
  private double plannedExcess(int phase, double q) {
    if (phase == 0 || phase >= amortised) {
      return 0;
    }
    return bitsPerFrame * (predictedHead(phase, q) / amortisedMean(q) - phase);
  }

  /**
   * The base quality, in points, whose plan costs {@code target} bits per frame: below 0 or above
   * 100 (by a point) when even the bound misses it.
   */
  private double solve(int phase, double target) {
    boolean head = phase < amortised;
    double atLowest = head ? amortisedMean(0) : periodMean(0);
    double atHighest = head ? amortisedMean(100) : periodMean(100);
    if (atLowest > target) {
      return -1;
    }
    if (atHighest < target) {
      return 101;
    }
    double lo = 0;
    double hi = 100;
    // Costs grow with quality: bisection to a hundredth of a point.
    while (hi - lo > 0.005) {
      double mid = (lo + hi) / 2;
      if ((head ? amortisedMean(mid) : periodMean(mid)) > target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * One slot's {@code bpp = scale * 2^(slope * q)}: the slope fitted on log bits of coded frames
   * and held towards its prior, the scale a moving mean of the frames' bits at quality 0.
   */
  private static final class SlotModel {
    private final double priorScale;
    private final double priorSlope;
    /** Weight kept by the slope's sums at each new frame. */
    private final double slopeMemory;
    /** The least weight of a new frame in the scale's mean (the first frames are averaged). */
    private final double scaleRate;
    // Decayed sums of the slope's regression: weight, q, log2 bpp, q^2, q log2 bpp.
    private double w;
    private double sq;
    private double sy;
    private double sqq;
    private double sqy;
    private double scale;
    private long seen;

    SlotModel(double priorScale, double priorSlope, double slopeMemory, double scaleRate) {
      this.priorScale = priorScale;
      this.priorSlope = priorSlope;
      this.slopeMemory = slopeMemory;
      this.scaleRate = scaleRate;
      this.scale = priorScale;
    }

    double bpp(double q) {
      return scale * Math.pow(2, slope() * q);
    }

    double slope() {
      if (w == 0) {
        return priorSlope;
      }
      double cqq = sqq - sq * sq / w;
      double cqy = sqy - sq * sy / w;
      double fitted = (cqy + SLOPE_PRIOR_WEIGHT * priorSlope) / (cqq + SLOPE_PRIOR_WEIGHT);
      // Bits grow with quality; a fit on few, noisy frames may say otherwise.
      return Math.max(priorSlope / SLOPE_RANGE, Math.min(SLOPE_RANGE * priorSlope, fitted));
    }

    boolean seen() {
      return seen > 0;
    }

    /** A frame of the slot coded at {@code q}; {@code coded}: as the slot's kind, so on the slope's curve. */
    void observe(double q, double bpp, boolean coded) {
      if (coded) {
        double y = Math.log(bpp) / Math.log(2);
        w = w * slopeMemory + 1;
        sq = sq * slopeMemory + q;
        sy = sy * slopeMemory + y;
        sqq = sqq * slopeMemory + q * q;
        sqy = sqy * slopeMemory + q * y;
      }
      seen++;
      double atZero = bpp / Math.pow(2, slope() * q);
      double rate = Math.max(1.0 / seen, scaleRate);
      scale += rate * (atZero - scale);
    }

    /** Before its own first frame: the other slot's ratio to its prior, applied to this one's. */
    void follow(SlotModel other) {
      scale = priorScale * other.scale / other.priorScale;
    }
  }
}
