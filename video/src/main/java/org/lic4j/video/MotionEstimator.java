package org.lic4j.video;

import java.util.Objects;

/**
 * Block motion from a reference picture to the current one (encoder side, not normative;
 * docs/video.md, "Motion estimation"): the training pipeline's {@code estimate}
 * (training/motion.py) step for step, so that the P-frame model meets at inference the kind of
 * field it was trained on.
 *
 * <p>SAD on integer BT.601 luma over a three-level pyramid of 2x2 means. Blocks of 16 (4 and 8 at
 * the coarser levels): a full search of +-8 samples at the coarsest level (+-32 at full
 * resolution), each offset's SAD summed over the 3x3 neighbouring blocks (small blocks alone match
 * noise as readily as motion); +-2 around the doubled vector at each finer level; for a field of
 * 8x8 blocks a +-1 search per 8x8 block; then half- and quarter-sample refinement (one ring of 8
 * candidates each) through the warp's own interpolation. Every cost adds a penalty per sample of
 * vector length, so flat areas keep short vectors; ties go to the first candidate in raster order
 * of the offsets, as {@code argmin} does.
 *
 * <p>The one exact-float step is the coarsest level's neighbourhood: the mean over the blocks inside
 * the picture times 9, in {@code float}, as {@code avg_pool2d(count_include_pad=False)} computes it.
 * Pictures whose sides are not multiples of 16 (which the Python refuses) are extended by
 * replicating their last row and column; the warp clamps coordinates the same way, so the
 * reference reads the same samples, and the field has the warp's {@code ceil} shape.
 *
 * <p>Rate awareness (an encoder option, off by default to stay with the trained-on fields):
 * {@code lambda > 0} adds {@code lambda * (|dx| + |dy|) / 4}, in SAD units, for the quarter-sample
 * distance of each sub-sample candidate from its median predictor (docs/video.md "Motion vectors"),
 * deciding blocks in raster order; a cheap stand-in for the coded length.
 *
 * <p>Immutable and thread-safe: each call allocates its own buffers.
 */
final class MotionEstimator {
  /** The block size of the coarse-to-fine search; an 8x8 field starts from it. */
  static final int SEARCH_BLOCK = 16;
  private static final int LEVELS = 3;
  /** Full-resolution search range in samples, covered at the coarsest level. */
  private static final int SEARCH = 32;
  /** SAD units per sample of vector length. */
  private static final int PENALTY = 4;
  /** Neighbourhood radius in blocks of the coarsest level's SAD sums. */
  private static final int SPREAD = 1;

  private final int lambda;

  private MotionEstimator(int lambda) {
    this.lambda = lambda;
  }

  /** The estimator of the training pipeline, exactly. */
  static MotionEstimator trainingDefault() {
    return new MotionEstimator(0);
  }

  /** With a rate term of {@code lambda} SAD units per sample of predictor distance (0: off). */
  static MotionEstimator withRateTerm(int lambda) {
    if (lambda < 0) {
      throw new IllegalArgumentException("lambda " + lambda + " is negative");
    }
    return new MotionEstimator(lambda);
  }

  /**
   * The quarter-sample field that {@link MotionCompensation#predict} uses to predict
   * {@code current} from {@code reference}: {@code (mvx, mvy)} per block in raster order.
   *
   * @param reference interleaved 8-bit RGB, {@code width * height * 3} bytes
   * @param current the same
   * @param blockSize 8 or 16
   */
  int[] estimate(byte[] reference, byte[] current, int width, int height, int blockSize) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    if (blockSize != 8 && blockSize != 16) {
      throw new IllegalArgumentException("block size " + blockSize + " is not 8 or 16");
    }
    long size = (long) width * height * 3;
    if (width <= 0 || height <= 0 || reference.length != size || current.length != size) {
      throw new IllegalArgumentException("pictures of " + reference.length + " and " + current.length
          + " bytes for " + width + "x" + height);
    }
    int paddedWidth = ceil(width, SEARCH_BLOCK) * SEARCH_BLOCK;
    int paddedHeight = ceil(height, SEARCH_BLOCK) * SEARCH_BLOCK;
    Plane[] ref = new Plane[LEVELS];
    Plane[] cur = new Plane[LEVELS];
    ref[0] = Plane.luma(reference, width, height, paddedWidth, paddedHeight);
    cur[0] = Plane.luma(current, width, height, paddedWidth, paddedHeight);
    for (int level = 1; level < LEVELS; level++) {
      ref[level] = ref[level - 1].downsampled();
      cur[level] = cur[level - 1].downsampled();
    }
    int columns = paddedWidth / SEARCH_BLOCK;
    int rows = paddedHeight / SEARCH_BLOCK;
    int[] vectors = new int[2 * rows * columns];
    int scale = 1 << (LEVELS - 1);
    int radius = ceil(SEARCH, scale);
    for (int level = LEVELS - 1; level >= 0; level--) {
      vectors = refineInteger(cur[level], ref[level], vectors, columns, rows, SEARCH_BLOCK >> level, radius,
          level == LEVELS - 1 ? SPREAD : 0);
      if (level > 0) {
        for (int i = 0; i < vectors.length; i++) {
          vectors[i] *= 2;
        }
      }
      radius = 2;
    }
    if (blockSize != SEARCH_BLOCK) {
      int split = SEARCH_BLOCK / blockSize;
      int[] fine = new int[vectors.length * split * split];
      int fineColumns = columns * split;
      for (int r = 0; r < rows * split; r++) {
        for (int c = 0; c < fineColumns; c++) {
          int from = (r / split) * columns + c / split;
          fine[2 * (r * fineColumns + c)] = vectors[2 * from];
          fine[2 * (r * fineColumns + c) + 1] = vectors[2 * from + 1];
        }
      }
      columns = fineColumns;
      rows *= split;
      vectors = refineInteger(cur[0], ref[0], fine, columns, rows, blockSize, 1, 0);
    }
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = clampVector(vectors[i] * 4);
    }
    vectors = refineSubSample(cur[0], ref[0], vectors, columns, rows, blockSize, 2);
    vectors = refineSubSample(cur[0], ref[0], vectors, columns, rows, blockSize, 1);
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = clampVector(vectors[i]);
    }
    return crop(vectors, columns, rows, MotionCompensation.blockColumns(width, blockSize),
        MotionCompensation.blockRows(height, blockSize));
  }

  /**
   * Best integer vector within +-radius of each block's, by SAD plus {@link #PENALTY} per sample of
   * vector length; with spread, each offset's SAD is summed over the neighbouring blocks.
   */
  private static int[] refineInteger(Plane cur, Plane ref, int[] vectors, int columns, int rows, int block,
      int radius, int spread) {
    int side = 2 * radius + 1;
    int offsets = side * side;
    int blocks = rows * columns;
    int[] sads = new int[offsets * blocks];
    for (int b = 0; b < blocks; b++) {
      int x0 = (b % columns) * block;
      int y0 = (b / columns) * block;
      for (int k = 0; k < offsets; k++) {
        int dx = k % side - radius;
        int dy = k / side - radius;
        sads[k * blocks + b] = sad(cur, ref, x0, y0, vectors[2 * b] + dx, vectors[2 * b + 1] + dy, block);
      }
    }
    int[] chosen = new int[vectors.length];
    for (int b = 0; b < blocks; b++) {
      int r = b / columns;
      int c = b % columns;
      float bestFloat = Float.POSITIVE_INFINITY;
      long best = Long.MAX_VALUE;
      int bestK = 0;
      for (int k = 0; k < offsets; k++) {
        int cx = vectors[2 * b] + k % side - radius;
        int cy = vectors[2 * b + 1] + k / side - radius;
        int length = PENALTY * (Math.abs(cx) + Math.abs(cy));
        if (spread > 0) {
          // avg_pool2d in float: the sum over the neighbours inside the field (exact: small
          // integers), divided by their count, times the full count; then the penalty added.
          int sum = 0;
          int count = 0;
          for (int rr = Math.max(0, r - spread); rr <= Math.min(rows - 1, r + spread); rr++) {
            for (int cc = Math.max(0, c - spread); cc <= Math.min(columns - 1, c + spread); cc++) {
              sum += sads[k * blocks + rr * columns + cc];
              count++;
            }
          }
          int full = (2 * spread + 1) * (2 * spread + 1);
          float cost = (float) sum / count * full + length;
          if (cost < bestFloat) {
            bestFloat = cost;
            bestK = k;
          }
        } else {
          long cost = (long) sads[k * blocks + b] + length;
          if (cost < best) {
            best = cost;
            bestK = k;
          }
        }
      }
      chosen[2 * b] = vectors[2 * b] + bestK % side - radius;
      chosen[2 * b + 1] = vectors[2 * b + 1] + bestK / side - radius;
    }
    return chosen;
  }

  /**
   * Best quarter-sample vector among each block's and its 8 neighbours at +-step, by the SAD of the
   * warp's interpolation plus {@code PENALTY * (|vx| + |vy|) / 4} (and the rate term).
   */
  private int[] refineSubSample(Plane cur, Plane ref, int[] quarter, int columns, int rows, int block, int step) {
    int[] out = quarter.clone();
    int[] predictor = new int[2];
    for (int b = 0; b < rows * columns; b++) {
      int x0 = (b % columns) * block;
      int y0 = (b / columns) * block;
      if (lambda > 0) {
        // Neighbours already decided in this pass (raster order): the predictor a decoder forms.
        MotionVectorCoding.predictor(out, columns, b / columns, b % columns, predictor);
      }
      long best = Long.MAX_VALUE;
      int bestX = 0;
      int bestY = 0;
      for (int dy = -step; dy <= step; dy += step) {
        for (int dx = -step; dx <= step; dx += step) {
          int vx = quarter[2 * b] + dx;
          int vy = quarter[2 * b + 1] + dy;
          long cost = interpolatedSad(cur, ref, x0, y0, vx, vy, block) + PENALTY * (Math.abs(vx) + Math.abs(vy)) / 4;
          if (lambda > 0) {
            cost += (long) lambda * (Math.abs(vx - predictor[0]) + Math.abs(vy - predictor[1])) / 4;
          }
          if (cost < best) {
            best = cost;
            bestX = vx;
            bestY = vy;
          }
        }
      }
      out[2 * b] = bestX;
      out[2 * b + 1] = bestY;
    }
    return out;
  }

  /** SAD of the block at (x0, y0) against the reference moved by whole samples, edges clamped. */
  private static int sad(Plane cur, Plane ref, int x0, int y0, int vx, int vy, int block) {
    int w = ref.width;
    int h = ref.height;
    int[] c = cur.samples;
    int[] r = ref.samples;
    int sum = 0;
    int rx = x0 + vx;
    int ry = y0 + vy;
    if (rx >= 0 && ry >= 0 && rx + block <= w && ry + block <= h) {
      for (int i = 0; i < block; i++) {
        int co = (y0 + i) * w + x0;
        int ro = (ry + i) * w + rx;
        for (int j = 0; j < block; j++) {
          sum += Math.abs(c[co + j] - r[ro + j]);
        }
      }
      return sum;
    }
    for (int i = 0; i < block; i++) {
      int co = (y0 + i) * w + x0;
      int ro = clamp(ry + i, h) * w;
      for (int j = 0; j < block; j++) {
        sum += Math.abs(c[co + j] - r[ro + clamp(rx + j, w)]);
      }
    }
    return sum;
  }

  /** SAD of the block against the warp's prediction with quarter-sample vector (vx, vy). */
  private static int interpolatedSad(Plane cur, Plane ref, int x0, int y0, int vx, int vy, int block) {
    int w = ref.width;
    int h = ref.height;
    int[] c = cur.samples;
    int[] r = ref.samples;
    int fx = vx & 3;
    int fy = vy & 3;
    int ix = x0 + (vx >> 2);
    int iy = y0 + (vy >> 2);
    int wa = (4 - fx) * (4 - fy);
    int wb = fx * (4 - fy);
    int wc = (4 - fx) * fy;
    int wd = fx * fy;
    int sum = 0;
    boolean inside = ix >= 0 && iy >= 0 && ix + block + 1 <= w && iy + block + 1 <= h;
    for (int i = 0; i < block; i++) {
      int co = (y0 + i) * w + x0;
      int row0 = (inside ? iy + i : clamp(iy + i, h)) * w;
      int row1 = (inside ? iy + i + 1 : clamp(iy + i + 1, h)) * w;
      for (int j = 0; j < block; j++) {
        int col0 = inside ? ix + j : clamp(ix + j, w);
        int col1 = inside ? ix + j + 1 : clamp(ix + j + 1, w);
        int p = (r[row0 + col0] * wa + r[row0 + col1] * wb + r[row1 + col0] * wc + r[row1 + col1] * wd + 8) >> 4;
        sum += Math.abs(c[co + j] - p);
      }
    }
    return sum;
  }

  private static int[] crop(int[] vectors, int columns, int rows, int keepColumns, int keepRows) {
    if (keepColumns == columns && keepRows == rows) {
      return vectors;
    }
    int[] out = new int[2 * keepColumns * keepRows];
    for (int r = 0; r < keepRows; r++) {
      System.arraycopy(vectors, 2 * r * columns, out, 2 * r * keepColumns, 2 * keepColumns);
    }
    return out;
  }

  private static int clampVector(int v) {
    return Math.max(-MotionCompensation.MV_LIMIT, Math.min(MotionCompensation.MV_LIMIT, v));
  }

  private static int clamp(int i, int size) {
    return i < 0 ? 0 : Math.min(i, size - 1);
  }

  private static int ceil(int a, int b) {
    return (a + b - 1) / b;
  }

  /** One level of the luma pyramid: integer samples, row by row. */
  private record Plane(int[] samples, int width, int height) {
    /** Integer BT.601 luma, (77 R + 150 G + 29 B + 128) >> 8, edges replicated to the padded size. */
    static Plane luma(byte[] rgb, int width, int height, int paddedWidth, int paddedHeight) {
      int[] out = new int[paddedWidth * paddedHeight];
      for (int y = 0; y < paddedHeight; y++) {
        int sy = Math.min(y, height - 1);
        for (int x = 0; x < paddedWidth; x++) {
          int i = (sy * width + Math.min(x, width - 1)) * 3;
          out[y * paddedWidth + x] = (77 * (rgb[i] & 0xFF) + 150 * (rgb[i + 1] & 0xFF) + 29 * (rgb[i + 2] & 0xFF) + 128) >> 8;
        }
      }
      return new Plane(out, paddedWidth, paddedHeight);
    }

    /** The 2x2 means with rounding, (a + b + c + d + 2) >> 2. */
    Plane downsampled() {
      int w = width / 2;
      int h = height / 2;
      int[] out = new int[w * h];
      for (int y = 0; y < h; y++) {
        int r0 = 2 * y * width;
        int r1 = r0 + width;
        for (int x = 0; x < w; x++) {
          out[y * w + x] = (samples[r0 + 2 * x] + samples[r0 + 2 * x + 1] + samples[r1 + 2 * x] + samples[r1 + 2 * x + 1] + 2) >> 2;
        }
      }
      return new Plane(out, w, h);
    }
  }
}
