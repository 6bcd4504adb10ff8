package org.lic4j.bitstream.container;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.Objects;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.StreamHeader;


/**
 * Writes a lic4j stream (docs/bitstream.md): the signature and header on {@link #create}, one
 * chunk per call, the footer on {@link #finish()}.
 *
 * <p>A stream is complete only after {@link #finish()}: {@link #close()} without it leaves a
 * stream without footer, which every reader rejects as truncated, so a failed encode cannot pass
 * for a good one. Arguments that would make an invalid stream (a tile index out of range or
 * repeated, an {@code ALPH} chunk without alpha, a chunk over the limits) are refused with {@link
 * IllegalArgumentException} before anything is written. Not thread-safe.
 */
public final class ContainerWriter implements Closeable {
  /** The prefix of a chunk without tile index. */
  private static final byte[] NO_PREFIX = new byte[0];

  private final ChunkSink sink;
  private final StreamHeader header;
  private final ContainerLimits limits;
  private final BitSet tilesWritten = new BitSet();
  private final BitSet alphaWritten = new BitSet();
  private int chunkCount;

  private ContainerWriter(ChunkSink sink, StreamHeader header, ContainerLimits limits) {
    this.sink = sink;
    this.header = header;
    this.limits = limits;
  }

  /** Starts a stream with default limits; see the other overload. */
  public static ContainerWriter create(OutputStream out, StreamHeader header) throws IOException {
    return create(out, header, ContainerLimits.DEFAULT);
  }

  /**
   * Writes the signature (version {@link FormatVersion#CURRENT}) and header to {@code out} and
   * returns a writer for the chunks. The writer owns {@code out} and closes it on {@link
   * #close()}.
   *
   * @param limits the limits the header and chunks must respect, so readers using the same
   *     limits accept the stream
   * @throws IllegalArgumentException if the header exceeds {@code limits}
   */
  public static ContainerWriter create(
      OutputStream out, StreamHeader header, ContainerLimits limits) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(limits, "limits");
    HeaderRules.require(limits.headerProblem(header));
    return new ContainerWriter(ChunkSink.start(out, HeaderCodec.encode(header)), header, limits);
  }

  /** The header this stream was started with. */
  public StreamHeader header() {
    return header;
  }

  /** Bytes written so far: the offset the next chunk will have. */
  public long position() {
    return sink.position();
  }

  /**
   * Writes the {@code TILE} chunk of tile {@code tileIndex} carrying the codec's {@code data}.
   *
   * @throws IndexOutOfBoundsException if {@code tileIndex} is not in {@code 0..tileCount-1}
   * @throws IllegalArgumentException if the tile was written already or the chunk is over the
   *     limits
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   */
  public void writeTile(int tileIndex, byte[] data) throws IOException {
    writeIndexed(ChunkType.TILE, tilesWritten, tileIndex, data);
  }

  /**
   * Writes the {@code ALPH} chunk of tile {@code tileIndex} carrying the codec's {@code data}.
   *
   * @throws IllegalArgumentException if the colour format has no alpha, or as {@link
   *     #writeTile}
   * @throws IndexOutOfBoundsException if {@code tileIndex} is not in {@code 0..tileCount-1}
   */
  public void writeAlpha(int tileIndex, byte[] data) throws IOException {
    if (!header.colourFormat().hasAlpha()) {
      throw new IllegalArgumentException("'ALPH' chunk in a " + header.colourFormat() + " stream");
    }
    writeIndexed(ChunkType.ALPH, alphaWritten, tileIndex, data);
  }

  /**
   * Writes a chunk of a type without tile index: metadata ({@link ChunkType#ICCP}, {@link
   * ChunkType#EXIF}, {@link ChunkType#TEXT}) or an unregistered type. Readers skip unregistered
   * optional types and reject unregistered mandatory ones.
   *
   * @throws IllegalArgumentException for {@code TILE}, {@code ALPH} (use {@link #writeTile},
   *     {@link #writeAlpha}) and {@code FOOT} (written by {@link #finish()}), and for a chunk
   *     over the limits
   */
  public void writeChunk(ChunkType type, byte[] payload) throws IOException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    if (type.isTileIndexed() || type.equals(ChunkType.FOOT)) {
      throw new IllegalArgumentException("'" + type + "' chunks are written by "
          + (type.equals(ChunkType.FOOT) ? "finish()" : "writeTile/writeAlpha"));
    }
    writeChunk(type, NO_PREFIX, payload);
  }

  private void writeIndexed(ChunkType type, BitSet written, int tileIndex, byte[] data)
      throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.checkIndex(tileIndex, header.tileCount());
    if (written.get(tileIndex)) {
      throw new IllegalArgumentException("second '" + type + "' chunk for tile " + tileIndex);
    }
    byte[] prefix = new byte[Integer.BYTES];
    ContainerFormat.putI32(prefix, 0, tileIndex);
    writeChunk(type, prefix, data);
    written.set(tileIndex);
  }

  private void writeChunk(ChunkType type, byte[] prefix, byte[] data) throws IOException {
    sink.checkOpen();
    long length = (long) prefix.length + data.length;
    if (length > limits.maxChunkLength()) {
      throw new IllegalArgumentException("'" + type + "' payload of " + length
          + " bytes exceeds limit maxChunkLength=" + limits.maxChunkLength());
    }
    if (chunkCount >= limits.maxChunkCount()) {
      throw new IllegalArgumentException(
          "more than " + limits.maxChunkCount() + " chunks (limit maxChunkCount)");
    }
    sink.writeChunk(type, prefix, data);
    chunkCount++;
  }

  /** Writes the footer and flushes; the stream is then complete and takes no more chunks. */
  public void finish() throws IOException {
    sink.finish();
  }

  /** Closes the underlying stream; without {@link #finish()} first, the stream is incomplete. */
  @Override
  public void close() throws IOException {
    sink.close();
  }
}
