package org.lic4j.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.ContainerWriter;

/**
 * Rewrites valid streams through the container writer, so that every checksum matches what was
 * changed: the codec, not the container, then has to cope with the change.
 */
final class StreamSurgery {
  private StreamSurgery() {}

  /** What to do with the codec data of one chunk: return it changed, or null to drop the chunk. */
  interface ChunkEdit {
    byte[] apply(ChunkEntry entry, byte[] data);
  }

  static byte[] rewrite(byte[] stream, UnaryOperator<StreamHeader> header, ChunkEdit edit) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, "original");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(out, header.apply(reader.header()))) {
      for (ChunkEntry entry : reader.chunks()) {
        byte[] data = edit.apply(entry, reader.readData(entry));
        if (data == null) {
          continue;
        }
        if (entry.type().equals(ChunkType.TILE)) {
          writer.writeTile(entry.tileIndex(), data);
        } else if (entry.type().equals(ChunkType.ALPH)) {
          writer.writeAlpha(entry.tileIndex(), data);
        } else {
          writer.writeChunk(entry.type(), data);
        }
      }
      writer.finish();
    }
    return out.toByteArray();
  }

  /** The stream with the codec data of one tile's {@code TILE} chunk replaced. */
  static byte[] withTileData(byte[] stream, int tile, byte[] data) throws IOException {
    return rewrite(stream, h -> h, (e, d) -> e.type().equals(ChunkType.TILE) && e.tileIndex() == tile ? data : d);
  }

  /** The codec data of a tile's {@code TILE} chunk. */
  static byte[] tileData(byte[] stream, int tile) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, "original");
    return reader.readData(reader.tile(tile).orElseThrow());
  }
}
