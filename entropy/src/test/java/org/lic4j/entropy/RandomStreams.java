package org.lic4j.entropy;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random tables and symbol streams drawn from them, for round-trip and corruption tests. */
final class RandomStreams {
  final TableSet tables;
  final int[] values;
  final int[] tableIdx;

  private RandomStreams(TableSet tables, int[] values, int[] tableIdx) {
    this.tables = tables;
    this.values = values;
    this.tableIdx = tableIdx;
  }

  /**
   * {@code tableCount} random tables at {@code precision} (sizes up to {@code maxSymbols}, masses
   * uniform, skewed or nearly one-hot, offsets anywhere in int) and {@code count} values drawn
   * from them; escapes take random ints, int extremes included.
   */
  static RandomStreams create(SplittableRandom random, int tableCount, int precision, int maxSymbols, int count) {
    CdfTable[] tables = new CdfTable[tableCount];
    for (int t = 0; t < tableCount; t++) {
      tables[t] = randomTable(random, precision, maxSymbols);
    }
    TableSet set = TableSet.of(tables);
    int[] tableIdx = new int[count];
    int[] values = new int[count];
    for (int i = 0; i < count; i++) {
      int t = random.nextInt(tableCount);
      tableIdx[i] = t;
      values[i] = sample(random, tables[t]);
    }
    return new RandomStreams(set, values, tableIdx);
  }

  static CdfTable randomTable(SplittableRandom random, int precision, int maxSymbols) {
    int total = 1 << precision;
    int n = 1 + random.nextInt(Math.min(total, maxSymbols));
    long[] counts = new long[n];
    switch (random.nextInt(4)) {
      case 0 -> {  // uniform random masses
        for (int s = 0; s < n; s++) {
          counts[s] = random.nextLong(1_000_000);
        }
      }
      case 1 -> {  // geometric: skewed
        double ratio = 0.3 + 0.69 * random.nextDouble();
        double c = 1e15;
        for (int s = 0; s < n; s++, c *= ratio) {
          counts[s] = (long) c;
        }
      }
      case 2 -> {  // one symbol with almost all mass
        counts[random.nextInt(n)] = 1L << 50;
      }
      default -> {  // two-sided, peaked in the middle, as latents are
        for (int s = 0; s < n; s++) {
          counts[s] = (long) (1e12 * Math.exp(-Math.abs(s - n / 2.0) / (1 + random.nextInt(20))));
        }
      }
    }
    if (Arrays.stream(counts).sum() == 0) {
      counts[0] = 1;
    }
    long span = n - 1;
    int offset = switch (random.nextInt(4)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> (int) (Integer.MAX_VALUE - Math.max(span - 1, 0));
      default -> (int) random.nextLong(Integer.MIN_VALUE, Integer.MAX_VALUE - span + 1);
    };
    return FrequencyQuantizer.fromCounts(counts, offset, precision);
  }

  /** A value distributed as {@code table} says; escapes become random out-of-range ints. */
  static int sample(SplittableRandom random, CdfTable table) {
    int slot = random.nextInt(1 << table.precision());
    int s = 0;
    while (table.cumulative(s + 1) <= slot) {
      s++;
    }
    if (s != table.escapeSymbol()) {
      return table.offset() + s;
    }
    return outOfRange(random, table);
  }

  static int outOfRange(SplittableRandom random, CdfTable table) {
    int v;
    do {
      v = switch (random.nextInt(6)) {
        case 0 -> Integer.MIN_VALUE;
        case 1 -> Integer.MAX_VALUE;
        case 2 -> table.offset() - 1 - random.nextInt(100);
        case 3 -> table.offset() + table.escapeSymbol() + random.nextInt(100);
        default -> random.nextInt();
      };
    } while (table.isRegular(v));
    return v;
  }
}
