package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.CorruptStreamException;

/** {@link ContainerReader#readHeader}: the signature and header, exactly, and nothing after. */
final class HeaderOnlyReadTest {
  private final byte[] stream = Samples.stream();
  /** Signature, header body and header checksum: where the first chunk starts. */
  private final int headerLength = ContainerFormat.HEADER_BODY_OFFSET
      + ContainerFormat.u16(stream, ContainerFormat.HEADER_LENGTH_OFFSET) + ContainerFormat.CRC_LENGTH;

  @Test
  void readsExactlyTheHeader() throws IOException {
    assertEquals(headerLength, ContainerReader.read(stream, Samples.RESOURCE).chunks().get(0).offset());
    ByteArrayInputStream in = new ByteArrayInputStream(stream);
    assertEquals(Samples.header(), ContainerReader.readHeader(in, Samples.RESOURCE));
    assertEquals(stream.length - headerLength, in.available(), "bytes left after the header");
  }

  @Test
  void damagedChunksAndStreamChecksumAreNotLookedAt() throws IOException {
    byte[] damaged = stream.clone();
    ChunkEntry first = ContainerReader.read(stream, Samples.RESOURCE).chunks().get(0);
    damaged[(int) first.payloadOffset()] ^= 1;
    damaged[damaged.length - 1] ^= 1;
    assertEquals(Samples.header(),
        ContainerReader.readHeader(new ByteArrayInputStream(damaged), Samples.RESOURCE));
  }

  @Test
  void truncatedOrDamagedHeaderFails() {
    for (int length : new int[] {0, 5, ContainerFormat.HEADER_BODY_OFFSET, headerLength - 1}) {
      byte[] cut = Arrays.copyOf(stream, length);
      assertThrows(CorruptStreamException.class,
          () -> ContainerReader.readHeader(new ByteArrayInputStream(cut), Samples.RESOURCE),
          "cut at " + length);
    }
    byte[] damaged = stream.clone();
    damaged[headerLength - ContainerFormat.CRC_LENGTH - 1] ^= 1;
    CorruptStreamException failure = assertThrows(CorruptStreamException.class,
        () -> ContainerReader.readHeader(new ByteArrayInputStream(damaged), Samples.RESOURCE));
    assertTrue(failure.getMessage().contains(Samples.RESOURCE), failure.getMessage());
  }
}
