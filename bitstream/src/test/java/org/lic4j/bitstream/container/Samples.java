package org.lic4j.bitstream.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;

/**
 * The sample stream the tests share: a few hundred bytes using every registered chunk type. It is
 * also format 1.0's golden stream (see {@link GoldenStreamTest}): do not change what it writes.
 */
final class Samples {
  static final String RESOURCE = "sample.lic";
  static final ModelId MODEL = new ModelId("hyperprior-mse-q4", sha256("lic4j test model"));
  static final ChunkType PRIVATE_OPTIONAL = ChunkType.of("prvt");
  static final byte[] ICC = "not really an ICC profile".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TEXT = "Comment\0made by Samples".getBytes(StandardCharsets.UTF_8);
  static final byte[] PRIVATE = {42, 43, 44};

  private Samples() {}

  /** 300x200 RGBA in 128x128 tiles with 16 pixels overlap: 3 x 2 = 6 tiles. */
  static StreamHeader header() {
    return StreamHeader.builder()
        .size(300, 200)
        .colourFormat(ColourFormat.RGBA)
        .model(MODEL)
        .quality(75)
        .tiles(new TileLayout(128, 128, 16))
        .build();
  }

  /** Codec bytes of tile {@code i}; tile 0 is empty, the others grow. */
  static byte[] tileData(int i) {
    byte[] data = new byte[i * 5];
    for (int k = 0; k < data.length; k++) {
      data[k] = (byte) (31 * i + 7 * k);
    }
    return data;
  }

  static byte[] alphaData(int i) {
    return new byte[] {(byte) 0xA0, (byte) i, (byte) 0xFF};
  }

  /** Tiles written out of order, alpha for two tiles, metadata, a private optional chunk. */
  static byte[] stream() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ContainerWriter writer = ContainerWriter.create(bytes, header())) {
        writer.writeChunk(ChunkType.ICCP, ICC);
        for (int i : new int[] {0, 1, 2, 5, 4, 3}) {
          writer.writeTile(i, tileData(i));
        }
        writer.writeAlpha(1, alphaData(1));
        writer.writeAlpha(4, alphaData(4));
        writer.writeChunk(ChunkType.TEXT, TEXT);
        writer.writeChunk(PRIVATE_OPTIONAL, PRIVATE);
        writer.finish();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
