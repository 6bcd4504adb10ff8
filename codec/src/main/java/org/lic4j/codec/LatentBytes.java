package org.lic4j.codec;

import java.io.IOException;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.container.ContainerReader;

/**
 * Where an image stream's bytes go: the hyper-latent z (side information), the latent y, and the
 * rest (header, chunk framing, tile indexes, z lengths, checksums, alpha). Read from the stream
 * alone (docs/bitstream.md, 10.4 "Tile data": each tile's data starts with its z stream's length).
 *
 * @param z bytes of the z streams of every tile
 * @param y bytes of the y streams of every tile
 * @param other every other byte of the stream
 */
public record LatentBytes(long z, long y, long other) {

  /** Bytes of a tile's data before its z stream: the z length. */
  private static final int Z_LENGTH_BYTES = 4;

  /** Splits {@code stream}, an image stream; {@code resource} names it in errors. */
  public static LatentBytes of(byte[] stream, String resource) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, resource);
    long z = 0;
    long y = 0;
    for (ChunkEntry tile : reader.chunks(ChunkType.TILE)) {
      byte[] data = reader.readData(tile);
      if (data.length < Z_LENGTH_BYTES) {
        throw new IOException(resource + ": tile " + tile.tileIndex() + " has no z length");
      }
      long zLength = ((data[0] & 0xffL) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
      if (zLength > data.length - Z_LENGTH_BYTES) {
        throw new IOException(resource + ": tile " + tile.tileIndex() + " z length " + zLength + " exceeds its data");
      }
      z += zLength;
      y += data.length - Z_LENGTH_BYTES - zLength;
    }
    return new LatentBytes(z, y, stream.length - z - y);
  }
}
