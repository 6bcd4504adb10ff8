package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reference implementation written from docs/entropy.md meets the same contract, and the
 * production coder writes and reads exactly its bytes.
 */
class ReferenceCoderTest extends AbstractEntropyCoderTest {
  @Override
  byte[] encode(int[] values, int[] tableIdx, TableSet tables) {
    return ReferenceRans.encode(values, tableIdx, tables);
  }

  @Override
  int[] decode(byte[] src, int[] tableIdx, TableSet tables) throws EntropyDecodingException {
    return ReferenceRans.decode(src, tableIdx, tables);
  }

  @Override
  int heavyCount() {
    return 100_000;
  }

  @Test
  void productionCoderWritesTheReferenceBytes() throws Exception {
    SplittableRandom random = new SplittableRandom(20);
    RansEncoder encoder = new RansEncoder();
    RansDecoder decoder = new RansDecoder();
    for (int run = 0; run < 40; run++) {
      int precision = 1 + random.nextInt(16);
      RandomStreams s = RandomStreams.create(random, 1 + random.nextInt(30), precision, 3000, random.nextInt(20_000));
      byte[] reference = ReferenceRans.encode(s.values, s.tableIdx, s.tables);
      assertArrayEquals(reference, encoder.encode(s.values, s.tableIdx, s.tables), "run " + run);
      int[] out = new int[s.values.length];
      decoder.decode(reference, 0, reference.length, s.tableIdx, s.tables, out);
      assertArrayEquals(s.values, out);
    }
    ScaleTables scales = ScaleTables.gaussian();
    GaussianCorpus corpus = new GaussianCorpus(scales, 200_000, 21);
    assertArrayEquals(ReferenceRans.encode(corpus.values, corpus.tableIdx, scales.tableSet()),
        encoder.encode(corpus.values, corpus.tableIdx, scales.tableSet()));
  }
}
