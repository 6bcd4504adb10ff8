package org.lic4j.bitstream.container;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.UnsupportedVersionException;

/**
 * Fuzzes the video reader: whatever the bytes, reading every frame from a pipe, and from a
 * channel with seeks, ends at the footer or in one of the typed stream exceptions; nothing else,
 * no hang. Under {@code mvn verify} only the seeds in {@code
 * VideoContainerReaderFuzzTestInputs/readVideo} run; to fuzz, see docs/conformance.md. The seeds
 * are regenerated with {@code mvn -B -pl bitstream test -Dtest=VideoContainerReaderFuzzTest
 * -Dlic4j.regenerateSeeds=true}.
 */
class VideoContainerReaderFuzzTest {
  private static final Path SEEDS = Path.of(
      "src/test/resources/org/lic4j/bitstream/container/VideoContainerReaderFuzzTestInputs/readVideo");

  /** Conformance streams larger than this are left out of the seeds: small seeds mutate faster. */
  private static final long MAX_SEED_BYTES = 8192;

  @FuzzTest(maxDuration = "60s")
  void readVideo(byte[] data) {
    try {
      readAll(VideoContainerReader.open(new ByteArrayInputStream(data), "fuzz"));
    } catch (CorruptStreamException | UnsupportedVersionException | UnsupportedFeatureException expected) {
      // The typed kinds of a hostile stream.
    } catch (IOException e) {
      throw new AssertionError("untyped IOException from a pipe: " + e, e);
    }
    try {
      VideoContainerReader reader = VideoContainerReader.open(new ByteArrayChannel(data), "fuzz");
      for (long target : new long[] {Long.MAX_VALUE, 0, 3}) {
        reader.seek(target);
        reader.next();
      }
      reader.seek(0);
      readAll(reader);
    } catch (CorruptStreamException | UnsupportedVersionException | UnsupportedFeatureException expected) {
      // As above.
    } catch (IOException e) {
      throw new AssertionError("untyped IOException from a channel: " + e, e);
    }
  }

  private static void readAll(VideoContainerReader reader) throws IOException {
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      for (int t = 0; t < f.get().tileCount(); t++) {
        f.get().tileBuffer(t);
      }
    }
  }

  /**
   * Writes the seeds: the golden stream, all-intra with an index, P and B frames without; and the
   * conformance suite's video streams, real frames of the bundled model (1 frame, odd sizes, an
   * index, several tiles, the rejection cases).
   */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
    SequenceHeader twoTiles = VideoSamples.sequence(100, 40, 0, 0);
    SequenceHeader oneTile = VideoSamples.sequence(17, 9, 2, 3);
    List<byte[]> seeds = List.of(
        VideoSamples.golden(),
        VideoSamples.allIntra(twoTiles, 4, true),
        VideoSamples.write(oneTile, false, writer -> {
          writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(oneTile, 0));
          writer.writeFrame(new FrameHeader(FrameType.PREDICTED, 100, 1, List.of(0L)),
              VideoSamples.tiles(oneTile, 1));
          writer.writeFrame(VideoSamples.intra(2), VideoSamples.tiles(oneTile, 2));
        }));
    for (int i = 0; i < seeds.size(); i++) {
      Files.write(SEEDS.resolve("seed-" + i), seeds.get(i));
    }
    // Seeds of streams the suite no longer has go first, so the corpus follows the suite.
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(SEEDS, "conformance-*")) {
      for (Path f : stale) {
        Files.delete(f);
      }
    }
    try (DirectoryStream<Path> suite = Files.newDirectoryStream(Path.of("..", "conformance", "streams"), "*.licv")) {
      for (Path f : suite) {
        if (Files.size(f) <= MAX_SEED_BYTES) {
          Files.copy(f, SEEDS.resolve("conformance-" + f.getFileName().toString().replace(".licv", "")),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
