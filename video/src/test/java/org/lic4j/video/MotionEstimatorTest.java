package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lic4j.transforms.LictFile;

/**
 * The estimator finds known motion, as training/tests/test_motion.py checks the Python one: whole-
 * and quarter-sample global shifts up to 30 samples, the current picture made by the warp itself;
 * and it finds the very field the Python finds on the same pictures (motion-estimate-golden.lict,
 * written by training/motion_estimate_golden.py).
 */
class MotionEstimatorTest {
  private static final int WIDTH = 160;
  private static final int HEIGHT = 128;
  /** (dx, dy) in quarter samples, the Python test's. */
  private static final int[][] SHIFTS = {{0, 0}, {20, -12}, {-120, 68}, {7, -5}, {-13, 22}, {49, -39}};

  @ParameterizedTest
  @ValueSource(ints = {16, 8})
  void recoversGlobalMotion(int block) {
    for (int lambda : new int[] {0, 64}) {
      MotionEstimator estimator = lambda == 0 ? MotionEstimator.trainingDefault() : MotionEstimator.withRateTerm(lambda);
      for (int s = 0; s < SHIFTS.length; s++) {
        byte[] reference = textured(WIDTH, HEIGHT, s);
        int columns = MotionCompensation.blockColumns(WIDTH, block);
        int rows = MotionCompensation.blockRows(HEIGHT, block);
        int[] truth = new int[2 * columns * rows];
        for (int b = 0; b < columns * rows; b++) {
          truth[2 * b] = SHIFTS[s][0];
          truth[2 * b + 1] = SHIFTS[s][1];
        }
        byte[] current = MotionCompensation.predict(reference, WIDTH, HEIGHT, block, truth);
        int[] found = estimator.estimate(reference, current, WIDTH, HEIGHT, block);
        assertEquals(truth.length, found.length);
        // Blocks whose true source lies wholly or partly outside the picture cannot be matched.
        int inside = 0;
        int missed = 0;
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < columns; c++) {
            int x = c * block + Math.floorDiv(SHIFTS[s][0], 4);
            int y = r * block + Math.floorDiv(SHIFTS[s][1], 4);
            if (x < 0 || y < 0 || x + block >= WIDTH || y + block >= HEIGHT) {
              continue;
            }
            inside++;
            int b = r * columns + c;
            if (found[2 * b] != SHIFTS[s][0] || found[2 * b + 1] != SHIFTS[s][1]) {
              missed++;
            }
          }
        }
        assertTrue(missed <= (block == 16 ? 0 : inside / 100),
            "shift " + s + ", lambda " + lambda + ": " + missed + " of " + inside + " blocks missed");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 8})
  void findsThePythonField(int block) throws IOException {
    String name = "motion-estimate-golden.lict";
    LictFile golden;
    try (InputStream in = MotionEstimatorTest.class.getResourceAsStream(name)) {
      golden = LictFile.read(in, name);
    }
    int[] shape = golden.shape("reference"); // (3, height, width)
    int height = shape[1];
    int width = shape[2];
    byte[] reference = MotionCompensationTest.interleave(golden.ints("reference"), width, height);
    byte[] current = MotionCompensationTest.interleave(golden.ints("current"), width, height);
    int[] planar = golden.ints("block" + block + ".mv"); // (2, rows, columns)
    int blocks = planar.length / 2;
    int[] expected = new int[planar.length];
    for (int b = 0; b < blocks; b++) {
      expected[2 * b] = planar[b];
      expected[2 * b + 1] = planar[blocks + b];
    }
    assertArrayEquals(expected, MotionEstimator.trainingDefault().estimate(reference, current, width, height, block));
  }

  @Test
  void staticContentGivesTheZeroField() {
    byte[] picture = textured(WIDTH, HEIGHT, 9);
    assertArrayEquals(new int[2 * 10 * 8], MotionEstimator.trainingDefault().estimate(picture, picture, WIDTH, HEIGHT, 16));
  }

  @Test
  void sizesNotMultiplesOf16GiveTheWarpsFieldShape() {
    int width = 100;
    int height = 50;
    byte[] reference = textured(width, height, 3);
    int[] truth = new int[2 * 13 * 7];
    for (int b = 0; b < truth.length / 2; b++) {
      truth[2 * b] = 8;
      truth[2 * b + 1] = -4;
    }
    byte[] current = MotionCompensation.predict(reference, width, height, 8, truth);
    int[] found = MotionEstimator.trainingDefault().estimate(reference, current, width, height, 8);
    assertEquals(truth.length, found.length);
    // An inner block, away from every edge the shift uncovers.
    int b = 3 * 13 + 5;
    assertEquals(8, found[2 * b]);
    assertEquals(-4, found[2 * b + 1]);
  }

  @Test
  void rejectsBadArguments() {
    byte[] picture = new byte[32 * 32 * 3];
    MotionEstimator estimator = MotionEstimator.trainingDefault();
    assertThrows(IllegalArgumentException.class, () -> estimator.estimate(picture, picture, 32, 32, 4));
    assertThrows(IllegalArgumentException.class, () -> estimator.estimate(picture, new byte[3], 32, 32, 16));
    assertThrows(IllegalArgumentException.class, () -> MotionEstimator.withRateTerm(-1));
  }

  /**
   * Structure at every scale, as the Python test's pictures: per channel, noise bilinear between
   * random knots at cells of 32, 8 and 2 samples with amplitudes 120, 60 and 30.
   */
  static byte[] textured(int width, int height, long seed) {
    Random random = new Random(seed);
    int[] cells = {32, 8, 2};
    double[] amplitudes = {120, 60, 30};
    byte[] rgb = new byte[width * height * 3];
    for (int channel = 0; channel < 3; channel++) {
      double[] sum = new double[width * height];
      for (int o = 0; o < cells.length; o++) {
        int cell = cells[o];
        int kw = width / cell + 3;
        int kh = height / cell + 3;
        double[][] knots = new double[kh][kw];
        for (double[] row : knots) {
          for (int i = 0; i < kw; i++) {
            row[i] = random.nextDouble() - 0.5;
          }
        }
        for (int y = 0; y < height; y++) {
          double fy = (y + 0.5) / cell;
          int iy = (int) fy;
          double ty = fy - iy;
          for (int x = 0; x < width; x++) {
            double fx = (x + 0.5) / cell;
            int ix = (int) fx;
            double tx = fx - ix;
            double v = knots[iy][ix] * (1 - tx) * (1 - ty) + knots[iy][ix + 1] * tx * (1 - ty)
                + knots[iy + 1][ix] * (1 - tx) * ty + knots[iy + 1][ix + 1] * tx * ty;
            sum[y * width + x] += amplitudes[o] * v;
          }
        }
      }
      for (int i = 0; i < sum.length; i++) {
        rgb[3 * i + channel] = (byte) Math.round(Math.max(0, Math.min(255, 128 + sum[i])));
      }
    }
    return rgb;
  }
}
