package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;

/** The framing shared by both writers, checked byte by byte against docs/bitstream.md. */
final class ChunkSinkTest {
  private static final byte[] BODY = {1, 2, 3};

  @Test
  void chunkIsHeaderPayloadAndChecksumWhateverItsParts() throws IOException {
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ByteArrayOutputStream split = new ByteArrayOutputStream();
    try (ChunkSink a = ChunkSink.start(whole, BODY); ChunkSink b = ChunkSink.start(split, BODY)) {
      a.writeChunk(ChunkType.TEXT, new byte[] {9, 8, 7, 6, 5});
      b.writeChunk(ChunkType.TEXT, List.of(new byte[] {9, 8}, new byte[0], new byte[] {7, 6, 5}));
      assertEquals(whole.size(), a.position());
      assertEquals(split.size(), b.position());
    }
    assertArrayEquals(whole.toByteArray(), split.toByteArray());

    byte[] stream = whole.toByteArray();
    byte[] head = ContainerFormat.encodeHeader(FormatVersion.CURRENT, BODY);
    assertArrayEquals(head, Arrays.copyOf(stream, head.length));
    int at = head.length;
    assertEquals(ChunkType.TEXT.code(), ContainerFormat.i32(stream, at));
    assertEquals(5, ContainerFormat.i32(stream, at + 4));
    int crcAt = at + ContainerFormat.CHUNK_HEADER_LENGTH + 5;
    assertEquals(
        ContainerFormat.crc32c(stream, at, crcAt - at), ContainerFormat.i32(stream, crcAt));
    assertEquals(crcAt + ContainerFormat.CRC_LENGTH, stream.length);
  }

  @Test
  void footerVouchesForLengthAndStreamChecksum() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ChunkSink sink = ChunkSink.start(bytes, BODY)) {
      sink.writeChunk(ChunkType.EXIF, new byte[] {42});
      sink.finish();
      assertEquals(bytes.size(), sink.position());
    }
    byte[] stream = bytes.toByteArray();
    int footerAt = stream.length - ContainerFormat.FOOTER_LENGTH;
    assertTrue(ContainerFormat.isFooter(
        Arrays.copyOfRange(stream, footerAt, stream.length), stream.length));
    CRC32C crc = new CRC32C();
    crc.update(stream, 0, footerAt + ContainerFormat.FOOTER_STREAM_CRC_OFFSET);
    assertEquals((int) crc.getValue(),
        ContainerFormat.i32(stream, footerAt + ContainerFormat.FOOTER_STREAM_CRC_OFFSET));
  }

  @Test
  void nothingIsWrittenAfterFinishOrClose() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChunkSink finished = ChunkSink.start(bytes, BODY);
    finished.finish();
    int size = bytes.size();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> finished.writeChunk(ChunkType.TEXT, new byte[1]));
    assertEquals("stream already finished", e.getMessage());
    assertThrows(IllegalStateException.class, finished::finish);
    assertEquals(size, bytes.size());

    ChunkSink closed = ChunkSink.start(new ByteArrayOutputStream(), BODY);
    closed.close();
    closed.close();
    e = assertThrows(IllegalStateException.class, closed::checkOpen);
    assertEquals("writer closed", e.getMessage());
  }

  @Test
  void headerBodyTooLongWritesNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class,
        () -> ChunkSink.start(bytes, new byte[ContainerFormat.MAX_HEADER_BODY_LENGTH + 1]));
    assertEquals(0, bytes.size());
  }
}
