package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The reader contract for streams read from an {@link InputStream} that hands out a few bytes at
 * a time, as sockets and decompressors do.
 */
final class InputStreamReaderTest extends AbstractContainerReaderTest {
  @Override
  ContainerReader open(byte[] stream, String resource, ContainerLimits limits)
      throws IOException {
    return ContainerReader.read(new Trickle(stream), resource, limits);
  }

  @Test
  void streamLargerThanTheInitialBufferIsRead() throws IOException {
    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 7);
    }
    byte[] stream = RawStream.start(Samples.header()).tile(0, big).tile(1, big).finish();
    ContainerReader reader = readAll(stream);
    assertArrayEquals(big, reader.readData(reader.tile(1).orElseThrow()));
    assertEquals(stream.length, reader.length());
  }

  /** Returns between 1 and 13 bytes per read, never what was asked for if that is more. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private int position;

    Trickle(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] dst, int offset, int length) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, 1 + position % 13), bytes.length - position);
      System.arraycopy(bytes, position, dst, offset, n);
      position += n;
      return n;
    }
  }
}
