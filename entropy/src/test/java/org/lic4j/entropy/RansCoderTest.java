package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The production coder: the contract, plus its API edges and millions of symbols. */
class RansCoderTest extends AbstractEntropyCoderTest {
  private final RansEncoder encoder = new RansEncoder();
  private final RansDecoder decoder = new RansDecoder();

  @Override
  byte[] encode(int[] values, int[] tableIdx, TableSet tables) {
    return encoder.encode(values, tableIdx, tables);
  }

  @Override
  int[] decode(byte[] src, int[] tableIdx, TableSet tables) throws EntropyDecodingException {
    int[] out = new int[tableIdx.length];
    decoder.decode(src, 0, src.length, tableIdx, tables, out);
    return out;
  }

  @Override
  int heavyCount() {
    return 1_000_000;
  }

  @Test
  void millionsOfSymbolsWithRandomTables() {
    SplittableRandom random = new SplittableRandom(10);
    for (int run = 0; run < 4; run++) {
      int precision = 12 + run;  // 12..15 here, 16 below
      RandomStreams s = RandomStreams.create(random, 64, precision, 1000, 1_000_000);
      assertRoundTrip(s.values, s.tableIdx, s.tables);
    }
    RandomStreams s = RandomStreams.create(random, 256, 16, 5000, 1_000_000);
    assertRoundTrip(s.values, s.tableIdx, s.tables);
  }

  @Test
  void rangesOfLargerArrays() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    RandomStreams s = RandomStreams.create(random, 10, 16, 100, 10_000);
    int off = 1234;
    int count = 5001;
    byte[] coded = encoder.encode(s.values, s.tableIdx, off, count, s.tables);
    assertArrayEquals(encoder.encode(Arrays.copyOfRange(s.values, off, off + count),
        Arrays.copyOfRange(s.tableIdx, off, off + count), s.tables), coded);
    byte[] framed = new byte[coded.length + 20];
    System.arraycopy(coded, 0, framed, 7, coded.length);
    int[] out = new int[10_000];
    decoder.decode(framed, 7, coded.length, s.tableIdx, off, count, s.tables, out);
    assertArrayEquals(Arrays.copyOfRange(s.values, off, off + count), Arrays.copyOfRange(out, off, off + count));
    assertEquals(0, out[off - 1]);
    assertEquals(0, out[off + count]);
  }

  @Test
  void encoderReuseAndGrowth() {
    // All escapes with large distances: up to 8 bytes a symbol, past the initial 2 a symbol.
    CdfTable table = FrequencyQuantizer.fromCounts(new long[] {1, 1, 1}, 0, 16);
    SplittableRandom random = new SplittableRandom(12);
    int[] values = random.ints(200_000, Integer.MIN_VALUE, -1).toArray();
    TableSet tables = TableSet.of(table);
    byte[] first = encoder.encode(values, new int[values.length], tables);
    assertEquals(true, first.length > 4 * values.length, "length " + first.length);
    assertArrayEquals(first, new RansEncoder().encode(values, new int[values.length], tables));
    assertArrayEquals(first, encoder.encode(values, new int[values.length], tables));
    assertRoundTrip(values, new int[values.length], tables);
  }

  @Test
  void badTableIndexesAreRejected() {
    TableSet tables = TableSet.of(CdfTable.of(new int[] {0, 1, 2}, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(new int[] {0, 0}, new int[] {0, 1}, tables));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(new int[] {0}, new int[] {-1}, tables));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(new int[] {0}, new int[] {0, 0}, tables));
    assertThrows(IllegalArgumentException.class,
        () -> decoder.decode(new byte[8], 0, 8, new int[] {2}, tables, new int[1]));
    assertThrows(IndexOutOfBoundsException.class,
        () -> decoder.decode(new byte[8], 0, 8, new int[] {0, 0}, tables, new int[1]));
  }

  @Test
  void tablesOfOneStreamShareAPrecision() {
    assertThrows(IllegalArgumentException.class, () -> TableSet.of(
        CdfTable.of(new int[] {0, 1, 2}, 0, 1), CdfTable.of(new int[] {0, 1, 4}, 0, 2)));
    assertThrows(IllegalArgumentException.class, TableSet::of);
  }

  @Test
  void headerErrorsAreTyped() {
    TableSet tables = TableSet.of(CdfTable.of(new int[] {0, 1, 2}, 0, 1));
    for (int len = 0; len < 8; len++) {
      int n = len;
      assertThrows(EntropyDecodingException.class,
          () -> decoder.decode(new byte[n], 0, n, new int[0], tables, new int[0]));
    }
    EntropyDecodingException e = assertThrows(EntropyDecodingException.class,
        () -> decoder.decode(new byte[] {0, 0, 0, 0, 1, 0, 0, 0}, 0, 8, new int[0], tables, new int[0]));
    assertEquals(0, e.offset());
  }
}
