package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lic4j.transforms.LictFile;

/**
 * The warp against the training pipeline's golden vectors (training/motion_golden.py: a 37x29
 * reference, negative, fractional, border-crossing and extreme vectors), bit for bit.
 */
class MotionCompensationTest {
  private static final String GOLDEN = "motion-golden.lict";

  @ParameterizedTest
  @ValueSource(ints = {8, 16})
  void matchesThePythonWarpBitForBit(int blockSize) throws IOException {
    LictFile golden;
    try (InputStream in = MotionCompensationTest.class.getResourceAsStream(GOLDEN)) {
      golden = LictFile.read(in, GOLDEN);
    }
    int[] shape = golden.shape("reference"); // planes (3, height, width)
    int height = shape[1];
    int width = shape[2];
    byte[] reference = interleave(golden.ints("reference"), width, height);
    int[] field = golden.ints("block" + blockSize + ".mv"); // (2, rows, columns)
    int blocks = field.length / 2;
    int[] vectors = new int[field.length];
    for (int b = 0; b < blocks; b++) {
      vectors[2 * b] = field[b];
      vectors[2 * b + 1] = field[blocks + b];
    }
    byte[] expected = interleave(golden.ints("block" + blockSize + ".prediction"), width, height);
    assertArrayEquals(expected, MotionCompensation.predict(reference, width, height, blockSize, vectors));
  }

  @Test
  void zeroVectorsCopyTheReference() {
    byte[] reference = new byte[21 * 13 * 3];
    new Random(1).nextBytes(reference);
    int[] zero = new int[2 * MotionCompensation.blockRows(13, 8) * MotionCompensation.blockColumns(21, 8)];
    assertArrayEquals(reference, MotionCompensation.predict(reference, 21, 13, 8, zero));
  }

  @Test
  void rejectsBadFields() {
    byte[] reference = new byte[16 * 16 * 3];
    assertThrows(IllegalArgumentException.class, () -> MotionCompensation.predict(reference, 16, 16, 4, new int[8]));
    assertThrows(IllegalArgumentException.class, () -> MotionCompensation.predict(reference, 16, 16, 16, new int[4]));
    assertThrows(IllegalArgumentException.class,
        () -> MotionCompensation.predict(reference, 16, 16, 16, new int[] {MotionCompensation.MV_LIMIT + 1, 0}));
  }

  /** Planar (3, height, width) samples as interleaved RGB. */
  static byte[] interleave(int[] planes, int width, int height) {
    int n = width * height;
    byte[] rgb = new byte[3 * n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        rgb[3 * i + c] = (byte) planes[c * n + i];
      }
    }
    return rgb;
  }
}
