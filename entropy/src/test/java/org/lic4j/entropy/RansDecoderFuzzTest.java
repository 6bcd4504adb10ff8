package org.lic4j.entropy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzzes the range decoder over realistic tables (the Gaussian scale grid): whatever the bytes,
 * decoding ends or throws {@link EntropyDecodingException}; nothing else, no hang.
 *
 * <p>Input layout: u16 symbol count (at most {@link #MAX_SYMBOLS}), u8 corpus seed, then the rANS
 * stream. The table indexes are those of {@code new GaussianCorpus(tables, count, seed)}, so a
 * valid stream of that corpus is a valid input. Seeds are regenerated with
 * {@code mvn -B -pl entropy test -Dtest=RansDecoderFuzzTest -Dlic4j.regenerateSeeds=true}; to
 * fuzz, see docs/conformance.md.
 */
class RansDecoderFuzzTest {
  private static final int MAX_SYMBOLS = 4096;
  private static final int PREFIX_BYTES = 3;
  private static final ScaleTables TABLES = ScaleTables.gaussian();
  private static final Path SEEDS =
      Path.of("src/test/resources/org/lic4j/entropy/RansDecoderFuzzTestInputs/decodeStream");

  @FuzzTest(maxDuration = "60s")
  void decodeStream(byte[] data) {
    if (data.length < PREFIX_BYTES) {
      return;
    }
    int count = ((data[0] & 0xff) << 8 | (data[1] & 0xff)) % (MAX_SYMBOLS + 1);
    int seed = data[2] & 0xff;
    int[] tableIdx = new GaussianCorpus(TABLES, count, seed).tableIdx;
    int[] out = new int[count];
    try {
      new RansDecoder().decode(data, PREFIX_BYTES, data.length - PREFIX_BYTES, tableIdx, TABLES.tableSet(), out);
    } catch (EntropyDecodingException expected) {
      // The one typed failure of a hostile stream.
    }
  }

  /** Writes valid streams of a few corpus sizes, including escapes and an empty one. */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
    int[][] countsAndSeeds = {{0, 1}, {1, 2}, {17, 3}, {256, 4}, {2000, 5}};
    for (int[] cs : countsAndSeeds) {
      GaussianCorpus corpus = new GaussianCorpus(TABLES, cs[0], cs[1]);
      byte[] stream = new RansEncoder().encode(corpus.values, corpus.tableIdx, TABLES.tableSet());
      byte[] input = Arrays.copyOf(new byte[] {(byte) (cs[0] >>> 8), (byte) cs[0], (byte) cs[1]},
          PREFIX_BYTES + stream.length);
      System.arraycopy(stream, 0, input, PREFIX_BYTES, stream.length);
      Files.write(SEEDS.resolve("seed-" + cs[0] + "-symbols"), input);
    }
  }
}
