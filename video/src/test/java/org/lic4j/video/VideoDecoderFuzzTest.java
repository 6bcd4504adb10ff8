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
 * <p>{@link #decodeVideo} starts from real streams: the conformance suite's video streams (P frames
 * among them) and small streams of intra and of P frames; {@link #decodeFrameData} fuzzes one
 * intra frame's tile data behind a valid container (checksums recomputed), so that mutations reach
 * the latent coder, the range decoder and the float graphs instead of stopping at a checksum;
 * {@link #decodePredictedFrameData} does the same for a P frame's tile data (block size code,
 * motion field, residual data), followed by a P frame that refers to it. The decoder has the
 * bundled P-frame model, so P frames are decoded, not refused. Under {@code mvn verify} only the
 * seeds run; they are regenerated with {@code mvn -B -pl video test -Dtest=VideoDecoderFuzzTest
 * -Dlic4j.regenerateSeeds=true}; to fuzz, see docs/conformance.md.
 */
class VideoDecoderFuzzTest {
  private static final long MAX_PIXELS = 256 * 256;
  private static final Path SEEDS =
      Path.of("src/test/resources/org/lic4j/video/VideoDecoderFuzzTestInputs/decodeVideo");
  private static final Path FRAME_SEEDS =
      Path.of("src/test/resources/org/lic4j/video/VideoDecoderFuzzTestInputs/decodeFrameData");
  private static final Path P_FRAME_SEEDS =
      Path.of("src/test/resources/org/lic4j/video/VideoDecoderFuzzTestInputs/decodePredictedFrameData");
  /** Conformance streams larger than this are left out of the seeds: small seeds mutate faster. */
  private static final long MAX_SEED_BYTES = 8192;

  private static final class Holder {
    static final CodecOptions OPTIONS = CodecOptions.defaults().withThreads(1).withMaxPixels(MAX_PIXELS);
    static final ImageModel MODEL = open();
    static final PFrameModel P_FRAME_MODEL = openPFrameModel();
    /** A valid two-frame stream of one tile a frame, whose first frame's tile {@link #decodeFrameData} replaces. */
    static final byte[] BASE = encode(64, 48, 2, 50);
    /**
     * A valid stream of one tile a frame, I P P (blocks of 16), whose first P frame's tile {@link
     * #decodePredictedFrameData} replaces; the second P frame then refers to the fuzzed one.
     */
    static final byte[] P_BASE = encodePredicted(64, 48, 3, 50, 16);

    private static ImageModel open() {
      try {
        return ImageModel.open(OPTIONS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static PFrameModel openPFrameModel() {
      try {
        return PFrameModel.open(OPTIONS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static byte[] encode(int width, int height, int frames, double quality) {
      return encode(width, height, frames, null, VideoEncodeParams.quality(quality));
    }

    /** Every frame after the first a P frame (no intra choice), motion blocks of {@code blockSize}. */
    static byte[] encodePredicted(int width, int height, int frames, double quality, int blockSize) {
      return encode(width, height, frames, P_FRAME_MODEL, VideoEncodeParams.quality(quality)
          .withPFrames(PFrameParams.DEFAULT.withBlockSize(blockSize).withIntraChoice(false)));
    }

    private static byte[] encode(int width, int height, int frames, PFrameModel pFrameModel,
        VideoEncodeParams params) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (VideoEncoder encoder = VideoEncoder.open(MODEL, pFrameModel, out, params)) {
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
    try (VideoDecoder decoder = VideoDecoder.open(Holder.MODEL, Holder.P_FRAME_MODEL, new ByteArrayInputStream(data),
        "fuzz")) {
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
    decodeVideo(withTileData(Holder.BASE, 0, data));
  }

  @FuzzTest(maxDuration = "60s")
  void decodePredictedFrameData(byte[] data) {
    decodeVideo(withTileData(Holder.P_BASE, 1, data));
  }

  /** {@code stream} rewritten with frame {@code frame}'s first tile's data replaced by {@code tile}. */
  static byte[] withTileData(byte[] stream, long frame, byte[] tile) {
    try {
      VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "base");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (VideoContainerWriter writer = VideoContainerWriter.create(out, reader.sequence(), false)) {
        for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
          List<byte[]> tiles = new ArrayList<>();
          for (int t = 0; t < f.get().tileCount(); t++) {
            tiles.add(f.get().number() == frame && t == 0 ? tile : f.get().tileData(t));
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
    return firstTile(stream, 0);
  }

  /** The first tile's data of {@code stream}'s frame {@code frame} (stream order). */
  private static byte[] firstTile(byte[] stream, long frame) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "seed");
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      if (f.get().number() == frame) {
        return f.get().tileData(0);
      }
    }
    throw new IllegalArgumentException("no frame " + frame);
  }

  /**
   * Writes the seeds: the conformance suite's small video streams (1 frame, odd sizes, index, tiles,
   * P frames, rejection cases), the two-frame base and the P-frame base; intra tile data at three
   * qualities; P tile data of both block sizes at three qualities.
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
    // P frames: the stream of I P P, and P tiles of both block sizes, coded and skipped.
    Files.write(SEEDS.resolve("seed-p-frames"), Holder.P_BASE);
    Files.createDirectories(P_FRAME_SEEDS);
    Files.write(P_FRAME_SEEDS.resolve("seed-p1-q50"), firstTile(Holder.P_BASE, 1));
    Files.write(P_FRAME_SEEDS.resolve("seed-p2-q50"), firstTile(Holder.P_BASE, 2));
    byte[] eights = Holder.encodePredicted(64, 48, 3, 80, 8);
    Files.write(P_FRAME_SEEDS.resolve("seed-p1-q80-blocks8"), firstTile(eights, 1));
    Files.write(P_FRAME_SEEDS.resolve("seed-p2-q80-blocks8"), firstTile(eights, 2));
    Files.write(P_FRAME_SEEDS.resolve("seed-p1-q5"), firstTile(Holder.encodePredicted(64, 48, 2, 5, 16), 1));
  }
}
