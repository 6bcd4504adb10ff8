package org.lic4j.bitstream.container;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of a video stream read front to back, from a pipe or a channel, with the running
 * checksum the footer's StreamCrc is checked against. Nothing read is kept: memory is what the
 * caller asks for, and a declared length is never allocated before its bytes arrive. A channel
 * may also be read at any offset ({@link #readAt}) and repositioned ({@link #seek}); after a
 * seek the running checksum no longer covers the stream from its start.
 */
final class VideoInput {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final SeekableByteChannel channel;
  private final long base;
  private final long size;
  /** Where bytes come from; for a channel rebuilt on demand after a random read. */
  private InputStream in;
  /** Offset of the next byte from the stream's first byte. */
  private long position;
  private final CRC32C crc = new CRC32C();
  private boolean crcFromStart = true;

  private VideoInput(InputStream in, SeekableByteChannel channel, long base, long size) {
    this.in = in;
    this.channel = channel;
    this.base = base;
    this.size = size;
  }

  static VideoInput of(InputStream in) {
    return new VideoInput(in, null, 0, -1);
  }

  /** The stream occupying {@code channel} from its current position to its end. */
  static VideoInput of(SeekableByteChannel channel) throws IOException {
    long base = channel.position();
    return new VideoInput(null, channel, base, Math.max(0, channel.size() - base));
  }

  boolean seekable() {
    return channel != null;
  }

  /** The stream's length for a channel; -1 for a pipe. */
  long size() {
    return size;
  }

  long position() {
    return position;
  }

  /** The checksum of every byte read so far, valid as StreamCrc while {@link #crcFromStart()}. */
  int crc() {
    return (int) crc.getValue();
  }

  boolean crcFromStart() {
    return crcFromStart;
  }

  /** Reads {@code length} bytes into {@code dst}; fewer only where the input ends. */
  int fill(byte[] dst, int offset, int length) throws IOException {
    InputStream source = source();
    int done = 0;
    while (done < length) {
      int n = source.read(dst, offset + done, length - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    crc.update(dst, offset, done);
    position += done;
    return done;
  }

  /**
   * Reads {@code length} bytes into a buffer that grows (at most doubling) with the bytes that
   * arrive, so a damaged length costs what the input holds, not what it declares. The result is
   * shorter than {@code length} only where the input ends.
   */
  byte[] readGrowing(int length) throws IOException {
    byte[] buffer = new byte[Math.min(length, BUFFER_SIZE)];
    int filled = 0;
    while (true) {
      filled += fill(buffer, filled, buffer.length - filled);
      if (filled < buffer.length || filled == length) {
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
      }
      buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
    }
  }

  /**
   * Reads and discards {@code length} bytes, feeding them to {@code chunkCrc} too; returns how
   * many there were (fewer only where the input ends).
   */
  long skip(long length, CRC32C chunkCrc) throws IOException {
    byte[] buffer = new byte[(int) Math.min(length, BUFFER_SIZE)];
    long done = 0;
    while (done < length) {
      int n = fill(buffer, 0, (int) Math.min(buffer.length, length - done));
      chunkCrc.update(buffer, 0, n);
      done += n;
      if (n < buffer.length && done < length) {
        break;
      }
    }
    return done;
  }

  /** Whether the input has no byte left (a pipe is read one byte further to know). */
  boolean atEnd() throws IOException {
    return channel != null ? position >= size : source().read() < 0;
  }

  /** Reads up to {@code dst.length} bytes at {@code offset} of a channel, not moving the input. */
  int readAt(long offset, byte[] dst) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(dst, 0, (int) Math.max(0, Math.min(dst.length, size - offset)));
    channel.position(base + offset);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // Channels may return short reads; loop until full or at the end.
    }
    in = null;
    return buffer.position();
  }

  /** Continues reading at {@code offset} of a channel. */
  void seek(long offset) {
    position = offset;
    in = null;
    crcFromStart = false;
  }

  private InputStream source() throws IOException {
    if (in == null) {
      channel.position(base + position);
      in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER_SIZE);
    }
    return in;
  }
}
