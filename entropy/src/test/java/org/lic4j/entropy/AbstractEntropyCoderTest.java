package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of a symbol coder over {@link TableSet}s: round trips of anything, every int value
 * through the escape, the extreme tables, and typed failure on corrupt input. Each implementation
 * of the format extends this.
 */
abstract class AbstractEntropyCoderTest {
  abstract byte[] encode(int[] values, int[] tableIdx, TableSet tables);

  abstract int[] decode(byte[] src, int[] tableIdx, TableSet tables) throws EntropyDecodingException;

  /** Symbols per heavy test; the slow reference implementation asks for fewer. */
  abstract int heavyCount();

  final void assertRoundTrip(int[] values, int[] tableIdx, TableSet tables) {
    byte[] coded = encode(values, tableIdx, tables);
    int[] decoded;
    try {
      decoded = decode(coded, tableIdx, tables);
    } catch (EntropyDecodingException e) {
      throw new AssertionError("own stream rejected", e);
    }
    if (!Arrays.equals(values, decoded)) {
      int i = Arrays.mismatch(values, decoded);
      fail("symbol " + i + " of " + values.length + ": wrote " + values[i] + ", read " + decoded[i]
          + " with " + tables.table(tableIdx[i]));
    }
  }

  @Test
  void emptyStreamIsTheTwoInitialStates() throws Exception {
    TableSet tables = TableSet.of(CdfTable.of(new int[] {0, 1 << 16}, 0, 16));
    byte[] coded = encode(new int[0], new int[0], tables);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 1, 0, 0, 0}, coded);
    assertEquals(0, decode(coded, new int[0], tables).length);
  }

  @Test
  void everyShortLength() {
    SplittableRandom random = new SplittableRandom(1);
    for (int count = 0; count < 64; count++) {
      RandomStreams s = RandomStreams.create(random, 3, 1 + random.nextInt(16), 40, count);
      assertRoundTrip(s.values, s.tableIdx, s.tables);
    }
  }

  @Test
  void randomTablesAtEveryPrecision() {
    SplittableRandom random = new SplittableRandom(2);
    for (int precision = 1; precision <= 16; precision++) {
      RandomStreams s = RandomStreams.create(random, 20, precision, 1 << 12, heavyCount() / 16);
      assertRoundTrip(s.values, s.tableIdx, s.tables);
    }
  }

  @Test
  void realisticGaussianStream() {
    ScaleTables scales = ScaleTables.gaussian();
    GaussianCorpus corpus = new GaussianCorpus(scales, heavyCount(), 3);
    assertRoundTrip(corpus.values, corpus.tableIdx, scales.tableSet());
  }

  @Test
  void oneSymbolWithAlmostAllMass() {
    // frequencies 65535 and 1 (the escape): the regular symbol costs 2.2e-5 bits.
    CdfTable table = FrequencyQuantizer.fromCounts(new long[] {1L << 40, 0}, 7, 16);
    assertEquals(65535, table.frequency(0));
    int[] values = new int[heavyCount()];
    Arrays.fill(values, 7);
    values[values.length / 2] = 8;  // one escape in the middle
    values[values.length - 1] = Integer.MIN_VALUE;
    int[] idx = new int[values.length];
    byte[] coded = encode(values, idx, TableSet.of(table));
    assertRoundTrip(values, idx, TableSet.of(table));
    // 1e6 * 2.2e-5 bits + two escapes of < 60 bits + 8 bytes of header.
    if (values.length >= 1_000_000) {
      assertEquals(true, coded.length < 8 + 40, "coded " + coded.length + " bytes");
    }
  }

  @Test
  void uniformOverAllSlotsAtPrecision16() {
    // 65536 symbols of frequency 1: the largest table a precision allows; the escape has one slot.
    int[] cdf = new int[(1 << 16) + 1];
    Arrays.setAll(cdf, i -> i);
    CdfTable table = CdfTable.of(cdf, -32768, 16);
    assertEquals(65535, table.escapeSymbol());
    SplittableRandom random = new SplittableRandom(4);
    int[] values = new int[heavyCount() / 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(20) == 0 ? RandomStreams.outOfRange(random, table) : -32768 + random.nextInt(65535);
    }
    assertRoundTrip(values, new int[values.length], TableSet.of(table));
  }

  @Test
  void escapeOnlyAndPrecisionOneTables() {
    CdfTable[] tables = {
        CdfTable.of(new int[] {0, 1 << 16}, 0, 16),  // everything escapes, the escape costs nothing
        CdfTable.of(new int[] {0, 1, 2}, 5, 1),  // precision 1: value 5 or escape, a bit each
        CdfTable.of(new int[] {0, 1 << 12}, Integer.MAX_VALUE, 12),
        CdfTable.of(new int[] {0, 4095, 4096}, Integer.MAX_VALUE, 12),  // regular value MAX
    };
    SplittableRandom random = new SplittableRandom(5);
    for (CdfTable table : tables) {
      int[] values = new int[5000];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(4) == 0 ? RandomStreams.sample(random, table) : RandomStreams.outOfRange(random, table);
      }
      assertRoundTrip(values, new int[values.length], TableSet.of(table));
    }
  }

  @Test
  void escapesCarryEveryIntExactly() {
    int[] specials = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65537, -65536, -65535, -2, -1, 0, 1,
        2, 65535, 65536, 65537, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    int[] offsets = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1000, 0, 3, Integer.MAX_VALUE - 3, Integer.MAX_VALUE - 2};
    for (int offset : offsets) {
      CdfTable table = FrequencyQuantizer.fromCounts(new long[] {5, 10, 3, 1}, offset, 14);
      int[] values = new int[specials.length * 3 + 200];
      SplittableRandom random = new SplittableRandom(offset);
      for (int i = 0; i < values.length; i++) {
        values[i] = i < specials.length ? specials[i]
            : i < 2 * specials.length ? specials[specials.length - 1 - i + specials.length]
            : i < 3 * specials.length ? offset + specials[i - 2 * specials.length] % 3
            : random.nextInt();
      }
      assertRoundTrip(values, new int[values.length], TableSet.of(table));
    }
  }

  @Test
  void truncatedStreamsThrow() {
    SplittableRandom random = new SplittableRandom(6);
    RandomStreams s = RandomStreams.create(random, 8, 14, 300, 3000);
    byte[] coded = encode(s.values, s.tableIdx, s.tables);
    for (int cut = 1; cut <= coded.length; cut++) {
      byte[] shorter = Arrays.copyOf(coded, coded.length - cut);
      assertThrows(EntropyDecodingException.class, () -> decode(shorter, s.tableIdx, s.tables), "cut " + cut);
    }
  }

  @Test
  void extendedStreamsThrow() {
    SplittableRandom random = new SplittableRandom(7);
    RandomStreams s = RandomStreams.create(random, 8, 14, 300, 3000);
    byte[] coded = encode(s.values, s.tableIdx, s.tables);
    for (int extra = 1; extra <= 16; extra++) {
      byte[] longer = Arrays.copyOf(coded, coded.length + extra);
      assertThrows(EntropyDecodingException.class, () -> decode(longer, s.tableIdx, s.tables));
    }
  }

  @Test
  void randomBytesThrowOrDecodeGarbageButNothingElse() {
    SplittableRandom random = new SplittableRandom(8);
    RandomStreams s = RandomStreams.create(random, 16, 16, 2000, 2000);
    int thrown = 0;
    int runs = heavyCount() / 100;
    for (int run = 0; run < runs; run++) {
      byte[] junk = new byte[random.nextInt(run % 10 == 0 ? 8000 : 40)];
      random.nextBytes(junk);
      if (junk.length >= 8 && random.nextBoolean()) {
        junk[0] |= 0x40;  // a plausible initial state, to get past the first check
        junk[4] |= 0x40;
      }
      int count = random.nextInt(s.values.length + 1);
      try {
        decode(junk, Arrays.copyOf(s.tableIdx, count), s.tables);
      } catch (EntropyDecodingException expected) {
        thrown++;
      }
    }
    // Garbage that passes every check is possible but must be rare.
    assertEquals(true, thrown > runs * 0.99, thrown + " of " + runs + " thrown");
  }

  @Test
  void flippedBitsThrowOrDecodeGarbageButNothingElse() {
    SplittableRandom random = new SplittableRandom(9);
    RandomStreams s = RandomStreams.create(random, 16, 15, 500, 5000);
    byte[] coded = encode(s.values, s.tableIdx, s.tables);
    for (int run = 0; run < heavyCount() / 1000; run++) {
      byte[] bad = coded.clone();
      int bit = random.nextInt(bad.length * 8);
      bad[bit >> 3] ^= (byte) (1 << (bit & 7));
      try {
        decode(bad, s.tableIdx, s.tables);
      } catch (EntropyDecodingException expected) {
        // fine: typed
      }
    }
  }
}
