package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sequential decoding (begin, next, finish) reads exactly the streams that batch decoding reads. */
class RansSequentialTest {
  private static final TableSet TABLES = TableSet.of(
      CdfTable.of(new int[] {0, 100, 3000, 4000, 4096}, -1, 12),
      CdfTable.of(new int[] {0, 4000, 4095, 4096}, 0, 12));

  @Test
  void decodesWhatBatchDecodingDecodes() throws EntropyDecodingException {
    Random random = new Random(5);
    for (int count : new int[] {0, 1, 2, 3, 17, 1000}) {
      int[] values = new int[count];
      int[] tableIdx = new int[count];
      for (int i = 0; i < count; i++) {
        tableIdx[i] = random.nextInt(2);
        // Mostly regular values, some escapes far out.
        values[i] = random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(3) - 1;
      }
      byte[] coded = new RansEncoder().encode(values, tableIdx, TABLES);
      RansDecoder decoder = new RansDecoder();
      int[] out = new int[count];
      decoder.begin(coded, 0, coded.length);
      for (int i = 0; i < count; i++) {
        out[i] = decoder.next(tableIdx[i], TABLES);
      }
      decoder.finish();
      assertArrayEquals(values, out);
    }
  }

  @Test
  void detectsLeftoverAndMissingBytes() throws EntropyDecodingException {
    int[] values = {0, 1, -1, 5000, 0};
    int[] tableIdx = {0, 0, 0, 0, 1};
    byte[] coded = new RansEncoder().encode(values, tableIdx, TABLES);
    RansDecoder decoder = new RansDecoder();
    decoder.begin(coded, 0, coded.length);
    for (int i = 0; i < 4; i++) {
      decoder.next(tableIdx[i], TABLES);
    }
    assertThrows(EntropyDecodingException.class, decoder::finish); // one value not read
    byte[] cut = Arrays.copyOf(coded, coded.length - 1);
    assertThrows(EntropyDecodingException.class, () -> {
      decoder.begin(cut, 0, cut.length);
      for (int t : tableIdx) {
        decoder.next(t, TABLES);
      }
      decoder.finish();
    });
    assertThrows(EntropyDecodingException.class, () -> decoder.begin(coded, 0, 7));
    assertThrows(IllegalStateException.class, () -> new RansDecoder().next(0, TABLES));
  }
}
