package org.lic4j.bitstream.container;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.UnsupportedVersionException;

/**
 * Fuzzes the container reader: whatever the bytes, it succeeds (and every chunk it lists reads) or
 * throws one of the typed stream exceptions; nothing else, no hang. Under {@code mvn verify} only
 * the seeds in {@code ContainerReaderFuzzTestInputs/readContainer} run; to fuzz, see
 * docs/conformance.md. The seeds are regenerated with
 * {@code mvn -B -pl bitstream test -Dtest=ContainerReaderFuzzTest -Dlic4j.regenerateSeeds=true}.
 */
class ContainerReaderFuzzTest {
  private static final Path SEEDS =
      Path.of("src/test/resources/org/lic4j/bitstream/container/ContainerReaderFuzzTestInputs/readContainer");

  @FuzzTest(maxDuration = "60s")
  void readContainer(byte[] data) {
    try {
      ContainerReader reader = ContainerReader.read(data, "fuzz");
      for (ChunkEntry entry : reader.chunks()) {
        reader.readData(entry);
      }
    } catch (CorruptStreamException | UnsupportedVersionException | UnsupportedFeatureException expected) {
      // The typed kinds of a hostile stream.
    } catch (IOException e) {
      throw new AssertionError("untyped IOException: " + e, e);
    }
  }

  /** Writes the seeds: the shared sample stream and a minimal one-tile stream. */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
    java.io.ByteArrayOutputStream minimal = new java.io.ByteArrayOutputStream();
    StreamHeader header = StreamHeader.builder()
        .size(64, 64)
        .colourFormat(ColourFormat.RGB)
        .model(Samples.MODEL)
        .quality(50)
        .tiles(new TileLayout(64, 64, 0))
        .build();
    try (ContainerWriter writer = ContainerWriter.create(minimal, header)) {
      writer.writeTile(0, new byte[] {1, 2, 3, 4});
      writer.finish();
    }
    List<byte[]> seeds = List.of(Samples.stream(), minimal.toByteArray());
    for (int i = 0; i < seeds.size(); i++) {
      Files.write(SEEDS.resolve("seed-" + i), seeds.get(i));
    }
    // The conformance suite's small streams: every chunk type, colour format and version it has.
    // Seeds of streams the suite no longer has go first, so the corpus follows the suite.
    try (var stale = Files.newDirectoryStream(SEEDS, "conformance-*")) {
      for (java.nio.file.Path f : stale) {
        Files.delete(f);
      }
    }
    try (var suite = Files.newDirectoryStream(java.nio.file.Path.of("..", "conformance", "streams"), "*.lic")) {
      for (java.nio.file.Path f : suite) {
        if (Files.size(f) <= 8192) {
          Files.copy(f, SEEDS.resolve("conformance-" + f.getFileName().toString().replace(".lic", "")),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
