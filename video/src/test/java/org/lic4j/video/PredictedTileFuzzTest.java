package org.lic4j.video;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lic4j.bitstream.CorruptStreamException;

/**
 * Fuzzes the P tile parser (docs/video.md, "P frames"; the motion field's coding, "Motion
 * vectors"): whatever the bytes, a parsed tile with vectors in range or a
 * {@link CorruptStreamException}; nothing else, no hang, no allocation beyond the area's field.
 * Input: u8 area selector (the tile's own area, up to 512 x 512 samples), then the tile data.
 * Under {@code mvn verify} only the seeds run; they are regenerated with {@code mvn -B -pl video -am
 * test -Dtest=PredictedTileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlic4j.regenerateSeeds=true}.
 */
class PredictedTileFuzzTest {
  private static final Path SEEDS = Path.of("src/test/resources/org/lic4j/video/PredictedTileFuzzTestInputs/parseTile");

  @FuzzTest(maxDuration = "60s")
  void parseTile(byte[] data) {
    if (data.length < 1) {
      return;
    }
    int selector = data[0] & 0xFF;
    int width = 64 * (1 + (selector & 7)) - (selector >> 6) * 7;
    int height = 64 * (1 + ((selector >> 3) & 7));
    try {
      PredictedTile tile = PredictedTile.parse(data, 1, data.length - 1, width, height, 0, "fuzz");
      for (int v : tile.vectors()) {
        if (Math.abs(v) > MotionCompensation.MV_LIMIT) {
          throw new AssertionError("vector component " + v + " out of range");
        }
      }
    } catch (CorruptStreamException expected) {
      // the one allowed failure
    }
  }

  /** Writes the seeds: tiles of a few areas and block sizes, small and extreme vectors. */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
    Random random = new Random(1);
    int[][] cases = {{0, 16, 4}, {0, 8, 4}, {9, 16, 40}, {73, 8, 256}};
    for (int[] c : cases) {
      int selector = c[0];
      int width = 64 * (1 + (selector & 7)) - (selector >> 6) * 7;
      int height = 64 * (1 + ((selector >> 3) & 7));
      int block = c[1];
      int[] vectors = new int[2 * MotionCompensation.blockColumns(width, block) * MotionCompensation.blockRows(height, block)];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = random.nextInt(2 * c[2] + 1) - c[2];
      }
      byte[] tile = PredictedTile.of(width, height, block, vectors, new byte[] {1, 2, 3}).write();
      byte[] seed = new byte[tile.length + 1];
      seed[0] = (byte) selector;
      System.arraycopy(tile, 0, seed, 1, tile.length);
      Files.write(SEEDS.resolve("seed-" + width + "x" + height + "-b" + block + "-r" + c[2]), seed);
    }
  }
}
