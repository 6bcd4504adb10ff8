package org.lic4j.bitstream.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.CorruptStreamException;

/**
 * A stream occupying a channel from its position at open to its end, read on demand. Reads are
 * serialised, as a {@link SeekableByteChannel} has one position.
 */
final class ChannelSource extends Source {
  /** Checksums stream through a buffer of this size instead of loading whole chunks. */
  private static final int CRC_BUFFER_SIZE = 64 * 1024;

  private final SeekableByteChannel channel;
  private final String resource;
  private final long base;
  private final long size;

  ChannelSource(SeekableByteChannel channel, String resource) throws IOException {
    this.channel = channel;
    this.resource = resource;
    this.base = channel.position();
    this.size = Math.max(0, channel.size() - base);
  }

  @Override
  long available(long position, long length) {
    return Math.max(0, Math.min(length, size - position));
  }

  @Override
  synchronized void read(long position, byte[] dst, int offset, int length) throws IOException {
    readFully(position, ByteBuffer.wrap(dst, offset, length));
  }

  @Override
  synchronized void update(CRC32C crc, long position, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, CRC_BUFFER_SIZE));
    for (long done = 0; done < length; ) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
      readFully(position + done, buffer);
      buffer.flip();
      done += buffer.remaining();
      crc.update(buffer);
    }
  }

  private void readFully(long position, ByteBuffer dst) throws IOException {
    long at = base + position;
    if (!(channel instanceof FileChannel)) {
      channel.position(at);
    }
    while (dst.hasRemaining()) {
      int n = channel instanceof FileChannel file ? file.read(dst, at) : channel.read(dst);
      if (n < 0) {
        throw new CorruptStreamException(
            "truncated: channel shrank below " + size + " bytes while reading", at - base,
            resource);
      }
      at += n;
    }
  }

  @Override
  boolean inMemory() {
    return false;
  }
}
