package org.lic4j.bitstream;

/**
 * Where one chunk lies in a stream: the index {@link ContainerReader#chunks()} returns, so a
 * decoder can fetch the tiles a region needs and nothing else.
 *
 * @param type the chunk type
 * @param offset offset of the chunk's first byte (its type) from the start of the stream
 * @param length payload length in bytes, tile index prefix included
 * @param tileIndex the tile index for {@link ChunkType#isTileIndexed() tile-indexed} types, else -1
 */
public record ChunkEntry(ChunkType type, long offset, int length, int tileIndex) {

  /** Bytes before the payload: type and length. */
  public static final int HEADER_LENGTH = 8;

  /** Offset of the first payload byte from the start of the stream. */
  public long payloadOffset() {
    return offset + HEADER_LENGTH;
  }

  /** Bytes of the payload that precede the codec's data: 4 for tile-indexed types, else 0. */
  public int prefixLength() {
    return type.isTileIndexed() ? Integer.BYTES : 0;
  }

  /** Offset just past the chunk's checksum, where the next chunk starts. */
  public long end() {
    return payloadOffset() + length + Integer.BYTES;
  }
}
