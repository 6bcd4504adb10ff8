package org.lic4j.bitstream.container;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.CorruptStreamException;

/**
 * A stream read from an {@link InputStream} into memory as far as it is asked for. The buffer
 * grows with the bytes that actually arrive (at most doubling), never with a length a stream
 * declares, so a header claiming a 2 GiB chunk costs a few kilobytes if the data is not there.
 */
final class StreamSource extends Source {
  private static final int INITIAL_CAPACITY = 8192;
  private static final int MAX_LENGTH = ContainerLimits.MAX_CHUNK_LENGTH;

  private final InputStream in;
  private final String resource;
  private byte[] buffer = new byte[INITIAL_CAPACITY];
  /** Bytes of the stream in {@code buffer}; always in [0, buffer.length]. */
  private int filled;
  private boolean ended;

  StreamSource(InputStream in, String resource) {
    this.in = in;
    this.resource = resource;
  }

  @Override
  long available(long position, long length) throws IOException {
    long target = position + length;
    while (filled < target && !ended) {
      if (filled == buffer.length) {
        if (filled == MAX_LENGTH) {
          throw new CorruptStreamException("stream longer than " + MAX_LENGTH
              + " bytes cannot be read into memory; read it through a channel", filled, resource);
        }
        long grown = Math.max((long) buffer.length * 2, INITIAL_CAPACITY);
        buffer = Arrays.copyOf(buffer, (int) Math.min(Math.min(grown, target), MAX_LENGTH));
      }
      int n = in.read(buffer, filled, (int) Math.min(buffer.length - filled, target - filled));
      if (n < 0) {
        ended = true;
      } else {
        filled += n;
      }
    }
    return Math.max(0, Math.min(length, filled - position));
  }

  @Override
  void read(long position, byte[] dst, int offset, int length) {
    System.arraycopy(buffer, (int) position, dst, offset, length);
  }

  @Override
  void update(CRC32C crc, long position, long length) {
    crc.update(buffer, (int) position, (int) length);
  }

  @Override
  boolean inMemory() {
    return true;
  }
}
