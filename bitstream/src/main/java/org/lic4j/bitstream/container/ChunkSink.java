package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.CRC_LENGTH;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;

/**
 * The framing that every stream shares, written front to back (docs/bitstream.md, "Stream"): the
 * signature and header frame, chunks ({@code ChunkType, ChunkLength, payload, ChunkCrc}) and the
 * footer, with the running stream checksum and position they need. {@link ContainerWriter} and
 * {@link VideoContainerWriter} each own one and keep only their own rules (what a chunk may be,
 * limits, order); the sink knows no chunk type but {@code FOOT}.
 *
 * <p>Callers check limits before they call: the sink only refuses what the framing cannot
 * express. Once {@link #finish()} or {@link #close()} has run, writing is an {@link
 * IllegalStateException}. Not thread-safe.
 */
final class ChunkSink implements Closeable {
  /** {@code ChunkLength} is a u32. */
  private static final long MAX_CHUNK_LENGTH = 0xFFFF_FFFFL;

  private final OutputStream out;
  /** Checksum of every byte written so far; becomes the footer's StreamCrc. */
  private final CRC32C streamCrc = new CRC32C();
  /** Bytes written so far; always the offset of the next chunk. */
  private long position;
  private boolean finished;
  private boolean closed;

  private ChunkSink(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the signature (format {@link FormatVersion#CURRENT}) and the header frame around
   * {@code headerBody}, and returns the sink for the chunks. The sink owns {@code out}.
   *
   * @throws IllegalArgumentException if the body is too long for the header frame (nothing is
   *     written then)
   */
  static ChunkSink start(OutputStream out, byte[] headerBody) throws IOException {
    return start(out, FormatVersion.CURRENT, headerBody);
  }

  /** {@link #start(OutputStream, byte[])} with the signature of format {@code version}. */
  static ChunkSink start(OutputStream out, FormatVersion version, byte[] headerBody) throws IOException {
    byte[] head = ContainerFormat.encodeHeader(version, headerBody);
    ChunkSink sink = new ChunkSink(out);
    sink.write(head);
    return sink;
  }

  /** Bytes written so far: the offset the next chunk will have. */
  long position() {
    return position;
  }

  /** As {@link #writeChunk(ChunkType, List)}. */
  void writeChunk(ChunkType type, byte[]... parts) throws IOException {
    writeChunk(type, List.of(parts));
  }

  /**
   * Writes one chunk whose payload is the concatenation of {@code parts}, followed by its
   * checksum over chunk header and payload.
   *
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   * @throws IllegalArgumentException if the payload is longer than {@code ChunkLength} can say
   */
  void writeChunk(ChunkType type, List<byte[]> parts) throws IOException {
    checkOpen();
    long length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    if (length > MAX_CHUNK_LENGTH) {
      throw new IllegalArgumentException("'" + type + "' payload of " + length
          + " bytes does not fit a chunk");
    }
    byte[] head = ContainerFormat.chunkHeader(type, (int) length);
    CRC32C crc = new CRC32C();
    crc.update(head);
    write(head);
    for (byte[] part : parts) {
      crc.update(part);
      write(part);
    }
    byte[] trailer = new byte[CRC_LENGTH];
    ContainerFormat.putI32(trailer, 0, (int) crc.getValue());
    write(trailer);
  }

  /** Writes the footer and flushes; the stream is then complete and takes no more chunks. */
  void finish() throws IOException {
    checkOpen();
    // encodeFooter feeds the footer's own covered bytes to streamCrc, so not write().
    byte[] footer = ContainerFormat.encodeFooter(position, streamCrc);
    out.write(footer);
    position += footer.length;
    finished = true;
    out.flush();
  }

  /** Closes the underlying stream; without {@link #finish()} first, the stream is incomplete. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }

  /**
   * Throws unless chunks may still be written; for writers that must refuse a call before
   * checking its arguments.
   *
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   */
  void checkOpen() {
    if (finished || closed) {
      throw new IllegalStateException(finished ? "stream already finished" : "writer closed");
    }
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    streamCrc.update(bytes);
    position += bytes.length;
  }
}
