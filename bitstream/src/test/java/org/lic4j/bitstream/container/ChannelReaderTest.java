package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lic4j.bitstream.container.Samples.RESOURCE;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.CorruptStreamException;


/**
 * The reader contract for streams on a channel, where opening reads the structure only and
 * payload checksums are checked on reading.
 */
final class ChannelReaderTest extends AbstractContainerReaderTest {
  @Override
  ContainerReader open(byte[] stream, String resource, ContainerLimits limits)
      throws IOException {
    return ContainerReader.open(new ByteArrayChannel(stream), resource, limits);
  }

  @Test
  void damagedPayloadIsFoundWhenReadNotWhenOpened() throws IOException {
    byte[] stream = Samples.stream();
    ChunkEntry tile5 = open(stream, RESOURCE, ContainerLimits.DEFAULT).tile(5).orElseThrow();
    stream[(int) tile5.payloadOffset() + 10] ^= 0x40;

    ContainerReader reader = open(stream, RESOURCE, ContainerLimits.DEFAULT);
    assertArrayEquals(Samples.tileData(4), reader.readData(reader.tile(4).orElseThrow()));
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> reader.readData(reader.tile(5).orElseThrow()));
    assertEquals(tile5.offset(), e.offset());
    assertThrows(CorruptStreamException.class, reader::checkIntegrity);
  }

  @Test
  void streamMayStartInsideTheChannel() throws IOException {
    byte[] stream = Samples.stream();
    byte[] file = concat(new byte[] {1, 2, 3, 4, 5}, stream);
    ByteArrayChannel channel = new ByteArrayChannel(file);
    channel.position(5);
    ContainerReader reader = ContainerReader.open(channel, RESOURCE);
    assertEquals(stream.length, reader.length());
    assertArrayEquals(Samples.tileData(3), reader.readData(reader.tile(3).orElseThrow()));
    reader.checkIntegrity();
  }
}
