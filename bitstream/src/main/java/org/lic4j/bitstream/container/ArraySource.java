package org.lic4j.bitstream.container;

import java.util.zip.CRC32C;

/** A stream held in a caller's array, not copied. */
final class ArraySource extends Source {
  private final byte[] bytes;

  ArraySource(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  long available(long position, long length) {
    return Math.max(0, Math.min(length, bytes.length - position));
  }

  @Override
  void read(long position, byte[] dst, int offset, int length) {
    System.arraycopy(bytes, (int) position, dst, offset, length);
  }

  @Override
  void update(CRC32C crc, long position, long length) {
    crc.update(bytes, (int) position, (int) length);
  }

  @Override
  boolean inMemory() {
    return true;
  }
}
