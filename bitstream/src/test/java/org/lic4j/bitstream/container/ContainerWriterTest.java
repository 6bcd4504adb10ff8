package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.StreamHeader;


/** Writer misuse is refused before anything is written; what it writes reads back. */
final class ContainerWriterTest {

  @Test
  void headerBeyondLimitsIsRefused() {
    StreamHeader wide = Samples.header().toBuilder().size(40_000, 100).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContainerWriter.create(new ByteArrayOutputStream(), wide));
    assertEquals("width 40000 exceeds limit maxWidth=32768", e.getMessage());
  }

  @Test
  void invalidChunksAreRefusedWithoutWriting() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ContainerLimits small = ContainerLimits.DEFAULT.withMaxChunkLength(16);
    try (ContainerWriter writer = ContainerWriter.create(bytes, Samples.header(), small)) {
      long start = writer.position();
      assertEquals(bytes.size(), start);
      assertThrows(IndexOutOfBoundsException.class, () -> writer.writeTile(6, new byte[0]));
      assertThrows(IndexOutOfBoundsException.class, () -> writer.writeTile(-1, new byte[0]));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeChunk(ChunkType.TILE, new byte[4]));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeChunk(ChunkType.ALPH, new byte[4]));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeChunk(ChunkType.FOOT, new byte[12]));
      IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
          () -> writer.writeTile(0, new byte[13]));
      assertEquals("'TILE' payload of 17 bytes exceeds limit maxChunkLength=16",
          tooLong.getMessage());
      assertEquals(start, writer.position());
      assertEquals(start, bytes.size());

      writer.writeTile(0, new byte[12]);
      assertThrows(IllegalArgumentException.class, () -> writer.writeTile(0, new byte[0]));
      writer.finish();
      assertThrows(IllegalStateException.class, () -> writer.writeTile(1, new byte[0]));
      assertThrows(IllegalStateException.class, writer::finish);
      assertEquals(bytes.size(), writer.position());
    }
  }

  @Test
  void alphaNeedsAnAlphaFormat() throws IOException {
    StreamHeader rgb = Samples.header().toBuilder().colourFormat(ColourFormat.RGB).build();
    try (ContainerWriter writer = ContainerWriter.create(new ByteArrayOutputStream(), rgb)) {
      assertThrows(IllegalArgumentException.class, () -> writer.writeAlpha(0, new byte[1]));
    }
  }

  @Test
  void chunkCountIsLimited() throws IOException {
    ContainerLimits limits = ContainerLimits.DEFAULT.withMaxChunkCount(6);
    try (ContainerWriter writer =
        ContainerWriter.create(new ByteArrayOutputStream(), Samples.header(), limits)) {
      for (int i = 0; i < 6; i++) {
        writer.writeTile(i, new byte[0]);
      }
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeChunk(ChunkType.TEXT, new byte[0]));
    }
  }

  @Test
  void closeWithoutFinishLeavesATruncatedStream() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(bytes, Samples.header())) {
      writer.writeTile(0, new byte[] {1});
    }
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> ContainerReader.read(bytes.toByteArray(), "unfinished.lic"));
    assertTrue(e.reason().startsWith("truncated: chunk header (no footer yet)"), e.getMessage());
  }

  @Test
  void closeClosesTheOutput() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    ContainerWriter writer = ContainerWriter.create(bytes, Samples.header());
    writer.finish();
    writer.close();
    writer.close();
    assertTrue(closed[0]);
  }

  @Test
  void unregisteredChunkTypesRoundTrip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(bytes, Samples.header())) {
      writer.writeChunk(ChunkType.of("xyz9"), new byte[] {9, 9});
      writer.writeChunk(ChunkType.EXIF, new byte[] {'M', 'M', 0, 42});
      writer.finish();
    }
    ContainerReader reader = ContainerReader.read(bytes.toByteArray(), "x.lic");
    assertArrayEquals(new byte[] {9, 9}, reader.readData(reader.chunks().get(0)));
    assertEquals(ChunkType.EXIF, reader.chunks().get(1).type());
  }
}
