package org.lic4j.bitstream.container;

import java.io.IOException;

/** The reader contract for streams in a {@code byte[]}. */
final class ByteArrayReaderTest extends AbstractContainerReaderTest {
  @Override
  ContainerReader open(byte[] stream, String resource, ContainerLimits limits)
      throws IOException {
    return ContainerReader.read(stream, resource, limits);
  }
}
