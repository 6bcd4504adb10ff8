package org.lic4j.video;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.UnsupportedVersionException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;

/**
 * Fuzzes the whole video decoder with the real bundle, container and frame payloads alike (the
 * container alone is {@code VideoContainerReaderFuzzTest}'s, in bitstream): whatever the bytes,
 * reading every frame from a pipe gives frames or one of the typed stream exceptions (corrupt,
 * unsupported version or feature, model mismatch); nothing else, no hang, no out-of-memory.
 * Pictures are capped at {@link #MAX_PIXELS} so that each input costs a bounded decode.
 *
 * <p>{@link #decodeVideo} starts from real streams: the conformance suite's video streams and a
 * small two-frame stream; {@link #decodeFrameData} fuzzes one frame's tile data behind a valid
 * container (checksums recomputed), so that mutations reach the latent coder, the range decoder
 * and the float graphs instead of stopping at a checksum. Under {@code mvn verify} only the seeds
 * run; they are regenerated with {@code mvn -B -pl video test -Dtest=VideoDecoderFuzzTest
 * -Dlic4j.regenerateSeeds=true}; to fuzz, see docs/conformance.md.
 */
class VideoDecoderFuzzTest {
  private static final long MAX_PIXELS = 256 * 256;
  private static final Path SEEDS =
      Path.of("src/test/resources/org/lic4j/video/VideoDecoderFuzzTestInputs/decodeVideo");
  private static final Path FRAME_SEEDS =
      Path.of("src/test/resources/org/lic4j/video/VideoDecoderFuzzTestInputs/decodeFrameData");
  /** Conformance streams larger than this are left out of the seeds: small seeds mutate faster. */
  private static final long MAX_SEED_BYTES = 8192;

  private static final class Holder {
    static final ImageModel MODEL = open();
    /** A valid two-frame stream of one tile a frame, whose first frame's tile {@link #decodeFrameData} replaces. */
    static final byte[] BASE = encode(64, 48, 2, 50);

    private static ImageModel open() {
      try {
        return ImageModel.open(CodecOptions.defaults().withThreads(1).withMaxPixels(MAX_PIXELS));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static byte[] encode(int width, int height, int frames, double quality) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (VideoEncoder encoder = VideoEncoder.open(MODEL, out, VideoEncodeParams.quality(quality))) {
        for (int k = 0; k < frames; k++) {
          encoder.encode(VideoSamples.frame(width, height, k));
        }
        encoder.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void decodeVideo(byte[] data) {
    try (VideoDecoder decoder = VideoDecoder.open(Holder.MODEL, new ByteArrayInputStream(data), "fuzz")) {
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        f.get().image();
      }
    } catch (CorruptStreamException | UnsupportedVersionException | UnsupportedFeatureException
        | ModelMismatchException expected) {
      // The typed kinds of a hostile stream.
    } catch (IOException e) {
      throw new AssertionError("untyped IOException: " + e, e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void decodeFrameData(byte[] data) {
    decodeVideo(withTileData(Holder.BASE, data));
  }

  /** {@code stream} rewritten with its first frame's first tile's data replaced by {@code tile}. */
  static byte[] withTileData(byte[] stream, byte[] tile) {
    try {
      VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "base");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (VideoContainerWriter writer = VideoContainerWriter.create(out, reader.sequence(), false)) {
        for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
          List<byte[]> tiles = new ArrayList<>();
          for (int t = 0; t < f.get().tileCount(); t++) {
            tiles.add(f.get().number() == 0 && t == 0 ? tile : f.get().tileData(t));
          }
          writer.writeFrame(f.get().header(), tiles);
        }
        writer.finish();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the base stream is valid", e);
    }
  }

  /** The first tile's data of {@code stream}'s first frame. */
  private static byte[] firstTile(byte[] stream) throws IOException {
    return VideoContainerReader.open(new ByteArrayInputStream(stream), "seed").next().orElseThrow().tileData(0);
  }

  /**
   * Writes the seeds: the conformance suite's small video streams (1 frame, odd sizes, index, tiles,
   * rejection cases) and the two-frame base; tile data at three qualities.
   */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
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
    Files.write(SEEDS.resolve("seed-two-frames"), Holder.BASE);
    Files.createDirectories(FRAME_SEEDS);
    Files.write(FRAME_SEEDS.resolve("seed-q50"), firstTile(Holder.BASE));
    Files.write(FRAME_SEEDS.resolve("seed-q5"), firstTile(Holder.encode(64, 48, 1, 5)));
    Files.write(FRAME_SEEDS.resolve("seed-q95"), firstTile(Holder.encode(64, 48, 1, 95)));
  }
}
