package org.lic4j.bitstream.container;

import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * The bytes of one stream, addressed from its first byte. Memory-backed sources hold the whole
 * stream and are checked in full when opened; a channel is read on demand.
 */
abstract sealed class Source permits ArraySource, StreamSource, ChannelSource {

  /**
   * How many of the {@code length} bytes at {@code position} exist, loading them if the source
   * reads lazily; less than {@code length} only where the stream ends.
   */
  abstract long available(long position, long length) throws IOException;

  /** Copies bytes that {@link #available} has confirmed. */
  abstract void read(long position, byte[] dst, int offset, int length) throws IOException;

  /** Feeds bytes that {@link #available} has confirmed to {@code crc}. */
  abstract void update(CRC32C crc, long position, long length) throws IOException;

  /** Whether the whole stream is in memory, so opening it checks every checksum. */
  abstract boolean inMemory();
}
