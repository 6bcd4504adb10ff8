package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lic4j.entropy.EntropyDecodingException;

/** Motion fields round-trip exactly through their coding, and damage never goes unnoticed or hangs. */
class MotionVectorCodingTest {
  private static final int LIMIT = MotionCompensation.MV_LIMIT;

  @Test
  void randomFieldsRoundTrip() throws EntropyDecodingException {
    Random random = new Random(7);
    int[][] sizes = {{1, 1}, {1, 9}, {9, 1}, {22, 18}, {44, 36}, {5, 3}};
    for (int[] size : sizes) {
      for (int spread : new int[] {0, 3, 40, LIMIT}) {
        int[] field = new int[2 * size[0] * size[1]];
        for (int i = 0; i < field.length; i++) {
          field[i] = spread == 0 ? 0 : random.nextInt(2 * spread + 1) - spread;
        }
        roundTrip(field, size[0], size[1]);
      }
    }
  }

  @Test
  void extremeVectorsRoundTrip() throws EntropyDecodingException {
    // Alternating +-256: residuals of +-512, the largest class, in every context.
    int columns = 12;
    int rows = 7;
    int[] field = new int[2 * columns * rows];
    for (int i = 0; i < field.length; i++) {
      field[i] = ((i / 2 + i / 2 / columns) % 2 == 0 ? LIMIT : -LIMIT) * (i % 3 == 0 ? -1 : 1);
    }
    roundTrip(field, columns, rows);
    Arrays.fill(field, -LIMIT);
    roundTrip(field, columns, rows);
  }

  @Test
  void everyResidualRoundTrips() throws EntropyDecodingException {
    // A field one block high predicts each block from its left neighbour: residuals -512..512.
    int columns = 1025;
    int[] field = new int[2 * columns];
    for (int c = 0; c < columns; c++) {
      int residual = c - 512;
      int previous = c == 0 ? 0 : field[2 * (c - 1)];
      field[2 * c] = previous + residual > LIMIT || previous + residual < -LIMIT ? previous : previous + residual;
      field[2 * c + 1] = (c % 2 == 0 ? LIMIT : -LIMIT);
    }
    roundTrip(field, columns, 1);
    for (int r = -512; r <= 512; r++) {
      int k = Math.abs(MotionVectorCoding.token(r));
      int m = Math.abs(r);
      assertTrue(k <= MotionVectorCoding.CLASSES && (k < 3 ? m == k : m > (1 << (k - 2)) && m <= 1 << (k - 1)), "r " + r);
    }
  }

  @Test
  void predictorFollowsTheBorderRules() {
    // 3 x 2 field; vectors named by block: x = 10 * block, y = -block.
    int[] field = {0, 0, 10, -1, 20, -2, 30, -3, 40, -4, 50, -5};
    int[] p = new int[2];
    MotionVectorCoding.predictor(field, 3, 0, 0, p);
    assertArrayEquals(new int[] {0, 0}, p);
    MotionVectorCoding.predictor(field, 3, 0, 2, p); // first row: the left neighbour
    assertArrayEquals(new int[] {10, -1}, p);
    MotionVectorCoding.predictor(field, 3, 1, 0, p); // first column: B for A; median(B, B, C)
    assertArrayEquals(new int[] {0, 0}, p);
    MotionVectorCoding.predictor(field, 3, 1, 1, p); // median(A = 30, B = 10, C = 20)
    assertArrayEquals(new int[] {20, -2}, p);
    MotionVectorCoding.predictor(field, 3, 1, 2, p); // last column: top-left for C; median(40, 20, 10)
    assertArrayEquals(new int[] {20, -2}, p);
    MotionVectorCoding.predictor(new int[] {5, 6, 0, 0}, 1, 1, 0, p); // one column: B
    assertArrayEquals(new int[] {5, 6}, p);
  }

  @Test
  void theCodingIsPinned() {
    // A change here changes the draft format: the bytes of a small field with every kind of residual.
    int[] field = {0, 0, 4, -1, 4, -1, -37, 100, 256, -256, 3, 2};
    assertEquals("0138242229a114e60425da7fdfd41f6bbcf3", HexFormat.of().formatHex(MotionVectorCoding.encode(field, 3, 2)));
  }

  @Test
  void damageIsDetectedOrDecodesInRange() {
    Random random = new Random(11);
    int columns = 22;
    int rows = 18;
    int[] field = new int[2 * columns * rows];
    for (int i = 0; i < field.length; i++) {
      field[i] = random.nextInt(41) - 20;
    }
    byte[] coded = MotionVectorCoding.encode(field, columns, rows);
    // Truncated and extended streams always fail.
    for (int cut = 0; cut < coded.length; cut++) {
      int len = cut;
      assertThrows(EntropyDecodingException.class, () -> MotionVectorCoding.decode(coded, 0, len, columns, rows));
    }
    byte[] longer = Arrays.copyOf(coded, coded.length + 1);
    assertThrows(EntropyDecodingException.class, () -> MotionVectorCoding.decode(longer, 0, longer.length, columns, rows));
    // Flipped bytes: an exception from the decoder, or (no checksum at this level) a field in range.
    int detected = 0;
    for (int trial = 0; trial < 2000; trial++) {
      byte[] damaged = coded.clone();
      damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      try {
        int[] decoded = MotionVectorCoding.decode(damaged, 0, damaged.length, columns, rows);
        for (int v : decoded) {
          assertTrue(Math.abs(v) <= LIMIT);
        }
      } catch (EntropyDecodingException e) {
        detected++;
      }
    }
    assertTrue(detected > 1900, detected + " of 2000 damaged fields detected");
  }

  @Test
  void rejectsFieldsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> MotionVectorCoding.encode(new int[] {LIMIT + 1, 0}, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> MotionVectorCoding.encode(new int[4], 1, 1));
  }

  private static void roundTrip(int[] field, int columns, int rows) throws EntropyDecodingException {
    byte[] coded = MotionVectorCoding.encode(field, columns, rows);
    byte[] padded = new byte[coded.length + 6];
    System.arraycopy(coded, 0, padded, 3, coded.length);
    assertArrayEquals(field, MotionVectorCoding.decode(padded, 3, coded.length, columns, rows));
  }
}
