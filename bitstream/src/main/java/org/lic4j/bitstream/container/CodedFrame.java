package org.lic4j.bitstream.container;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.lic4j.bitstream.FrameHeader;

/**
 * One frame as {@link VideoContainerReader} hands it out: where it was, its header, and the
 * codec's data of each tile (docs/bitstream.md 10.4, the bytes after a {@code TILE} chunk's tile
 * index), its chunk checksum verified.
 */
public final class CodedFrame {
  private final long number;
  private final long offset;
  private final FrameHeader header;
  private final byte[] payload;
  /** Start of tile {@code i}'s data in {@code payload}; {@code starts[tileCount]} is its end. */
  private final int[] starts;

  CodedFrame(long number, long offset, FrameHeader header, byte[] payload, int[] starts) {
    this.number = number;
    this.offset = offset;
    this.header = header;
    this.payload = payload;
    this.starts = starts;
  }

  /** The frame's position in stream (decoding) order, from 0. */
  public long number() {
    return number;
  }

  /** Offset of the frame's chunk (its type) from the first byte of the stream. */
  public long offset() {
    return offset;
  }

  /** Type, quality, display index, references. */
  public FrameHeader header() {
    return header;
  }

  /** Tiles in the frame: the stream header's tile count. */
  public int tileCount() {
    return starts.length - 1;
  }

  /** Bytes of the codec's data of tile {@code tile}. */
  public int tileLength(int tile) {
    Objects.checkIndex(tile, tileCount());
    return starts[tile + 1] - starts[tile];
  }

  /** The codec's data of tile {@code tile}, a copy. */
  public byte[] tileData(int tile) {
    Objects.checkIndex(tile, tileCount());
    return Arrays.copyOfRange(payload, starts[tile], starts[tile + 1]);
  }

  /** The codec's data of tile {@code tile}, read-only and without a copy. */
  public ByteBuffer tileBuffer(int tile) {
    Objects.checkIndex(tile, tileCount());
    return ByteBuffer.wrap(payload, starts[tile], tileLength(tile)).slice().asReadOnlyBuffer();
  }

  /**
   * The frame chunk's whole payload, a copy: header fields, references, tile lengths and tile
   * data ({@link FramePayloads}), which is the frame's video packet.
   */
  public byte[] payload() {
    return payload.clone();
  }

  /** Bytes of the whole frame chunk in the stream: chunk header, payload, checksum. */
  public long chunkLength() {
    return ContainerFormat.CHUNK_OVERHEAD + payload.length;
  }

  @Override
  public String toString() {
    return "frame " + number + " (" + header.type() + ", display " + header.displayIndex()
        + ", " + chunkLength() + " bytes at offset " + offset + ")";
  }
}
