package org.lic4j.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.UnsupportedVersionException;

/**
 * Fuzzes the whole image decoder with the real bundle: whatever the bytes, it returns a picture or
 * throws one of the typed stream exceptions (corrupt, unsupported version, feature or stream,
 * model mismatch); no other exception, no hang, no out-of-memory. The picture size is capped at
 * {@link #MAX_PIXELS} so that each input costs a bounded decode.
 *
 * <p>Seeds (small valid streams of synthetic pictures) are regenerated with
 * {@code mvn -B -pl codec test -Dtest=ImageDecoderFuzzTest -Dlic4j.regenerateSeeds=true}; to fuzz,
 * see docs/conformance.md.
 */
class ImageDecoderFuzzTest {
  private static final long MAX_PIXELS = 256 * 256;
  private static final Path SEEDS =
      Path.of("src/test/resources/org/lic4j/codec/ImageDecoderFuzzTestInputs/decodeImage");

  private static final Path TILE_SEEDS =
      Path.of("src/test/resources/org/lic4j/codec/ImageDecoderFuzzTestInputs/decodeTileData");

  private static final class Holder {
    static final ImageDecoder DECODER =
        new ImageDecoder(SharedModel.model(), CodecOptions.defaults().withThreads(1).withMaxPixels(MAX_PIXELS));
    /** A valid one-tile stream whose tile data {@link #decodeTileData} replaces. */
    static final byte[] BASE = encode(TestPictures.colour(64, 64, 1), EncodeParams.quality(50));

    private static byte[] encode(RgbImage image, EncodeParams params) {
      try {
        return SharedModel.encoder().encode(image, params).stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void decodeImage(byte[] data) {
    try {
      Holder.DECODER.decode(data, "fuzz");
    } catch (CorruptStreamException | UnsupportedVersionException | UnsupportedFeatureException
        | ModelMismatchException expected) {
      // The typed kinds of a hostile stream.
    } catch (IOException e) {
      throw new AssertionError("untyped IOException: " + e, e);
    }
  }

  /**
   * Fuzzes a tile's data behind a valid container (checksums recomputed), so that mutations reach
   * the latent coder, the range decoder and the float graphs instead of stopping at a checksum.
   */
  @FuzzTest(maxDuration = "60s")
  void decodeTileData(byte[] data) throws IOException {
    decodeImage(StreamSurgery.withTileData(Holder.BASE, 0, data));
  }

  /** Writes small valid streams: colour, grey, alpha, and several tiles at a few qualities. */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
    ImageEncoder encoder = SharedModel.encoder();
    List<byte[]> seeds = List.of(
        encoder.encode(TestPictures.colour(64, 64, 1), EncodeParams.quality(50)).stream(),
        encoder.encode(TestPictures.gray(80, 48, 2), EncodeParams.quality(20)).stream(),
        encoder.encode(TestPictures.colour(70, 50, 3).withAlpha(TestPictures.alpha(70, 50, 3)),
            EncodeParams.quality(70)).stream(),
        encoder.encode(TestPictures.colour(150, 90, 4), EncodeParams.quality(40).withTiles(128, 64)).stream());
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
    Files.createDirectories(TILE_SEEDS);
    Files.write(TILE_SEEDS.resolve("seed-q50"), StreamSurgery.tileData(Holder.BASE, 0));
    Files.write(TILE_SEEDS.resolve("seed-q5"),
        StreamSurgery.tileData(Holder.encode(TestPictures.colour(64, 64, 1), EncodeParams.quality(5)), 0));
    Files.write(TILE_SEEDS.resolve("seed-q95"),
        StreamSurgery.tileData(Holder.encode(TestPictures.colour(64, 64, 1), EncodeParams.quality(95)), 0));
  }
}
