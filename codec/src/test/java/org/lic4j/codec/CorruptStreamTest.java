package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.UnsupportedVersionException;
import org.lic4j.bitstream.container.ContainerReader;

/**
 * Damaged streams end in a typed exception, never another one and never a hang: every truncation
 * and a flipped byte at every offset (the container's checksums), then damage behind valid
 * checksums (the codec's own checks, or garbage pixels), and missing chunks.
 */
class CorruptStreamTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int W = 17;
  private static final int H = 33;
  private static RgbImage image;
  private static byte[] stream;
  private static RgbImage decoded;

  @BeforeAll
  static void encode() throws Exception {
    image = TestPictures.colour(W, H, 13).withAlpha(TestPictures.alpha(W, H, 13));
    stream = SharedModel.encoder().encode(image, EncodeParams.quality(50)).stream();
    decoded = SharedModel.decoder().decode(stream, "intact.lic");
  }

  /** Decodes {@code bytes}: returns the picture, or null after a typed failure. */
  private static RgbImage decodeOrTypedFailure(byte[] bytes, String what) {
    try {
      return SharedModel.decoder().decode(bytes, "damaged.lic");
    } catch (CorruptStreamException | ModelMismatchException | UnsupportedVersionException
        | UnsupportedFeatureException expected) {
      assertTrue(expected.getMessage().contains("damaged.lic"), what + ": " + expected.getMessage());
      return null;
    } catch (Throwable e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }

  private static void assertTypedFailure(byte[] bytes, String what) {
    if (decodeOrTypedFailure(bytes, what) != null) {
      fail(what + " decoded");
    }
  }

  @Test
  void everyTruncation() {
    assertTimeoutPreemptively(PATIENCE, () -> {
      for (int length = 0; length < stream.length; length++) {
        assertTypedFailure(Arrays.copyOf(stream, length), "first " + length + " bytes");
      }
    });
  }

  @Test
  void aFlippedByteAtEveryOffset() {
    SplittableRandom random = new SplittableRandom(17);
    assertTimeoutPreemptively(PATIENCE, () -> {
      for (int offset = 0; offset < stream.length; offset++) {
        byte[] damaged = stream.clone();
        damaged[offset] ^= (byte) (1 + random.nextInt(255));
        assertTypedFailure(damaged, "byte " + offset + " flipped");
      }
    });
  }

  @Test
  void extendedStream() {
    assertTypedFailure(Arrays.copyOf(stream, stream.length + 1), "one byte appended");
  }

  @Test
  void damagedSymbolsBehindAValidChecksum() throws Exception {
    byte[] data = StreamSurgery.tileData(stream, 0);
    SplittableRandom random = new SplittableRandom(19);
    int[] decodedCount = new int[1];
    assertTimeoutPreemptively(PATIENCE, () -> {
      for (int offset = 0; offset < data.length; offset++) {
        byte[] damaged = data.clone();
        damaged[offset] ^= (byte) (1 + random.nextInt(255));
        RgbImage garbage = decodeOrTypedFailure(StreamSurgery.withTileData(stream, 0, damaged),
            "tile byte " + offset + " of " + data.length + " flipped");
        if (garbage != null) {
          decodedCount[0]++;
          assertEquals(W, garbage.width());
          assertArrayEquals(image.alpha(), garbage.alpha());
        }
      }
      for (int length = 0; length < data.length; length++) {
        decodeOrTypedFailure(StreamSurgery.withTileData(stream, 0, Arrays.copyOf(data, length)),
            "tile data cut to " + length + " bytes");
      }
    });
    // The rANS decoder ends in its initial states only for its own streams, nearly always.
    assertTrue(decodedCount[0] < data.length / 10, decodedCount[0] + " of " + data.length + " damaged tiles decoded");
  }

  @Test
  void badLengthsInTheTileData() throws Exception {
    byte[] data = StreamSurgery.tileData(stream, 0);
    for (long zLength : new long[] {0, 7, 8, data.length - 4, data.length - 3, 0x7fffffffL, 0x80000000L, 0xffffffffL}) {
      byte[] damaged = data.clone();
      damaged[0] = (byte) (zLength >>> 24);
      damaged[1] = (byte) (zLength >>> 16);
      damaged[2] = (byte) (zLength >>> 8);
      damaged[3] = (byte) zLength;
      assertTypedFailure(StreamSurgery.withTileData(stream, 0, damaged), "z length " + zLength);
    }
    for (byte[] tiny : new byte[][] {{}, {0}, {0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 8, 1, 0, 0, 0, 1, 0, 0, 0}}) {
      assertTypedFailure(StreamSurgery.withTileData(stream, 0, tiny), tiny.length + " bytes of tile data");
    }
  }

  @Test
  void extremeSymbolsDecodeToSomePicture() throws Exception {
    // A well-formed tile whose symbols are the extremes of int: the escape codes them, the scale
    // network clamps them, the float graphs get infinities; pixels are garbage, not exceptions.
    LatentModel model = SharedModel.model();
    int cz = model.hyperChannels();
    int m = model.latentChannels();
    for (int value : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20}) {
      int[] z = new int[cz];
      Arrays.fill(z, value);
      int[] residual = new int[m * 16];
      Arrays.fill(residual, -value);
      int[] scaleIndex = model.scaleIndex(z, 1, 1);
      byte[] data = SharedModel.latentCoder().encode(
          new LatentCoder.Symbols(z, cz, 1, 1, residual, scaleIndex, m, 4, 4));
      RgbImage garbage = decodeOrTypedFailure(StreamSurgery.withTileData(stream, 0, data), "symbols " + value);
      assertTrue(garbage != null, "a well-formed tile with symbols " + value + " was refused");
      assertEquals(H, garbage.height());
    }
  }

  @Test
  void damagedAlphaBehindAValidChecksum() throws Exception {
    byte[] alpha = alphaData();
    SplittableRandom random = new SplittableRandom(23);
    for (int offset = 0; offset < alpha.length; offset++) {
      byte[] damaged = alpha.clone();
      damaged[offset] ^= (byte) (1 + random.nextInt(255));
      RgbImage out = decodeOrTypedFailure(withAlphaData(damaged), "alpha byte " + offset + " flipped");
      if (out != null) {
        // DEFLATE has no checksum of its own: a flip may still inflate to the right count.
        assertEquals(W * H, out.alpha().length);
      }
    }
    for (int length = 0; length < alpha.length; length++) {
      assertTypedFailure(withAlphaData(Arrays.copyOf(alpha, length)), "alpha cut to " + length + " bytes");
    }
    assertTypedFailure(withAlphaData(Arrays.copyOf(alpha, alpha.length + 1)), "alpha with a byte appended");
    assertTypedFailure(withAlphaData(deflate(new byte[W * H - 1])), "one alpha sample short");
    assertTypedFailure(withAlphaData(deflate(new byte[W * H + 1])), "one alpha sample over");
    // A bomb: 64 MiB of zeros in a few kilobytes; inflating stops at the tile's samples.
    assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertTypedFailure(withAlphaData(deflate(new byte[64 << 20])), "alpha bomb"));
  }

  @Test
  void missingChunks() throws Exception {
    byte[] noTile = StreamSurgery.rewrite(stream, h -> h, (e, d) -> e.type().equals(ChunkType.TILE) ? null : d);
    assertTypedFailure(noTile, "no TILE chunk");
    byte[] noAlpha = StreamSurgery.rewrite(stream, h -> h, (e, d) -> e.type().equals(ChunkType.ALPH) ? null : d);
    assertTypedFailure(noAlpha, "no ALPH chunk");
  }

  @Test
  void intactStreamStillDecodes() throws Exception {
    byte[] copy = StreamSurgery.rewrite(stream, h -> h, (e, d) -> d);
    assertArrayEquals(stream, copy);
    assertArrayEquals(decoded.rgb(), SharedModel.decoder().decode(copy, "copy.lic").rgb());
    assertThrows(CorruptStreamException.class, () -> SharedModel.decoder().decode(new byte[0], "empty.lic"));
  }

  private static byte[] alphaData() throws Exception {
    ContainerReader reader = ContainerReader.read(stream, "intact.lic");
    return reader.readData(reader.alpha(0).orElseThrow());
  }

  private static byte[] withAlphaData(byte[] data) throws Exception {
    return StreamSurgery.rewrite(stream, h -> h, (e, d) -> e.type().equals(ChunkType.ALPH) ? data : d);
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }
}
