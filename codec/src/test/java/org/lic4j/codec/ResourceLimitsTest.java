package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.ContainerWriter;

/**
 * A stream that declares a huge picture or a huge chunk is rejected by the decoder at once, with a
 * message naming the limit, before it allocates anything of that size.
 */
class ResourceLimitsTest {
  /** Far below what any of these streams would need if it were believed. */
  private static final long ALLOCATION_BUDGET = 4L << 20;

  private static byte[] stream;

  @BeforeAll
  static void encode() throws Exception {
    stream = SharedModel.encoder().encode(TestPictures.colour(64, 64, 5), EncodeParams.quality(50)).stream();
  }

  @Test
  void declared30000x30000IsRejectedByMaxPixels() throws Exception {
    byte[] huge = withSize(30_000, 30_000);
    CorruptStreamException e = rejected(huge, SharedModel.decoder());
    assertTrue(e.getMessage().contains("exceeds limit maxPixels=" + CodecOptions.DEFAULT_MAX_PIXELS), e.getMessage());
  }

  @Test
  void declared65535x65535IsRejectedByMaxWidth() throws Exception {
    byte[] huge = withSize(65_535, 65_535);
    CorruptStreamException e = rejected(huge, SharedModel.decoder());
    assertTrue(e.getMessage().contains("width 65535 exceeds limit maxWidth="), e.getMessage());
  }

  @Test
  void codecOptionsMaxPixelsIsTheDecodersLimit() throws Exception {
    ImageDecoder small = new ImageDecoder(SharedModel.model(), CodecOptions.defaults().withMaxPixels(64 * 63));
    CorruptStreamException e = rejected(stream, small);
    assertTrue(e.getMessage().contains("exceeds limit maxPixels=4032"), e.getMessage());
    ImageDecoder exact = new ImageDecoder(SharedModel.model(), CodecOptions.defaults().withMaxPixels(64 * 64));
    assertEquals(64, exact.decode(stream, "exact.lic").height());
  }

  @Test
  void maxPixelsAboveWhatTheDecoderCanHoldIsRefusedNotLowered() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CodecOptions.defaults().withMaxPixels(CodecOptions.DEFAULT_MAX_PIXELS + 1));
    assertTrue(e.getMessage().contains("between 1 and " + CodecOptions.DEFAULT_MAX_PIXELS), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CodecOptions.defaults().withMaxPixels(0));
  }

  @Test
  void twoGigabyteChunkLengthIsRejected() throws Exception {
    ChunkEntry tile = ContainerReader.read(stream, "original").tile(0).orElseThrow();
    byte[] bad = stream.clone();
    // The u32 payload length follows the chunk's 4-byte type.
    int at = (int) tile.offset() + 4;
    bad[at] = 0x7F;
    bad[at + 1] = (byte) 0xFF;
    bad[at + 2] = (byte) 0xFF;
    bad[at + 3] = (byte) 0xF0;
    CorruptStreamException e = rejected(bad, SharedModel.decoder());
    assertTrue(e.getMessage().contains("bad chunk length 2147483632 for 'TILE'"), e.getMessage());
  }

  /** The stream's header and tile 0, with another picture size (written under the widest limits). */
  private static byte[] withSize(int width, int height) throws Exception {
    ContainerReader original = ContainerReader.read(stream, "original");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamHeader header = original.header().toBuilder().size(width, height).build();
    try (ContainerWriter writer = ContainerWriter.create(out, header, ContainerLimits.MAXIMUM)) {
      writer.writeTile(0, original.readData(original.tile(0).orElseThrow()));
      writer.finish();
    }
    return out.toByteArray();
  }

  /** Decodes, expecting a corrupt-stream failure that allocated little. */
  private static CorruptStreamException rejected(byte[] bytes, ImageDecoder decoder) {
    Executable decode = () -> decoder.decode(bytes, "hostile.lic");
    CorruptStreamException e = assertThrows(CorruptStreamException.class, decode);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThrows(CorruptStreamException.class, decode);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated + " bytes before rejecting");
    return e;
  }
}
