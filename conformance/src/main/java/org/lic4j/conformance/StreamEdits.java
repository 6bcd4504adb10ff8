package org.lic4j.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.container.ContainerFormat;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.ContainerWriter;

/**
 * Rewrites encoder output into the streams the suite needs and an encoder never writes: metadata
 * and unknown chunks, chunks out of order, another format version, damage. Works on the container
 * alone (docs/bitstream.md); tile data is carried over byte for byte.
 */
final class StreamEdits {
  // Offsets of the frozen framing (docs/bitstream.md, section 7).
  private static final int MAJOR = ContainerFormat.MAJOR_OFFSET;
  private static final int MINOR = ContainerFormat.MINOR_OFFSET;
  private static final int HEADER_LENGTH = ContainerFormat.HEADER_LENGTH_OFFSET;
  private static final int HEADER_BODY = ContainerFormat.HEADER_BODY_OFFSET;
  private static final int CRC = ContainerFormat.CRC_LENGTH;
  private static final int FOOTER_LENGTH = ContainerFormat.FOOTER_LENGTH;

  private StreamEdits() {}

  /** A chunk to add: type and payload. */
  record Chunk(ChunkType type, byte[] payload) {}

  /**
   * The same picture with {@code extra} chunks written before the tiles, and the tiles (each
   * followed by its alpha) in reverse index order when {@code reverse}.
   */
  static byte[] rewrap(byte[] stream, List<Chunk> extra, boolean reverse) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, "encoder output");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(out, reader.header())) {
      for (Chunk c : extra) {
        writer.writeChunk(c.type(), c.payload());
      }
      List<ChunkEntry> tiles = new ArrayList<>(reader.chunks(ChunkType.TILE));
      if (reverse) {
        java.util.Collections.reverse(tiles);
      }
      for (ChunkEntry t : tiles) {
        writer.writeTile(t.tileIndex(), reader.readData(t));
        var alpha = reader.alpha(t.tileIndex());
        if (alpha.isPresent()) {
          writer.writeAlpha(t.tileIndex(), reader.readData(alpha.get()));
        }
      }
      writer.finish();
    }
    return out.toByteArray();
  }

  /**
   * The stream as a newer minor version would write it: {@code Minor} set, {@code extension}
   * appended to the header body, header checksum and footer recomputed.
   */
  static byte[] withMinorVersion(byte[] stream, int minor, byte[] extension) {
    int bodyLength = u16(stream, HEADER_LENGTH);
    int headerEnd = HEADER_BODY + bodyLength;
    byte[] header = Arrays.copyOf(stream, headerEnd + extension.length);
    System.arraycopy(extension, 0, header, headerEnd, extension.length);
    header[MINOR] = (byte) minor;
    putU16(header, HEADER_LENGTH, bodyLength + extension.length);
    int chunksStart = headerEnd + CRC;
    int footer = stream.length - FOOTER_LENGTH;
    return assemble(header, Arrays.copyOfRange(stream, chunksStart, footer));
  }

  /** The stream with another {@code Major}, checksums recomputed: only the version is wrong. */
  static byte[] withMajorVersion(byte[] stream, int major) {
    int headerEnd = HEADER_BODY + u16(stream, HEADER_LENGTH);
    byte[] header = Arrays.copyOf(stream, headerEnd);
    header[MAJOR] = (byte) major;
    return assemble(header, Arrays.copyOfRange(stream, headerEnd + CRC, stream.length - FOOTER_LENGTH));
  }

  /** The first {@code length} bytes. */
  static byte[] truncated(byte[] stream, int length) {
    return Arrays.copyOf(stream, length);
  }

  /** The stream with the byte at {@code offset} inverted (a checksum must catch it). */
  static byte[] flipped(byte[] stream, int offset) {
    byte[] out = stream.clone();
    out[offset] ^= (byte) 0xff;
    return out;
  }

  /** Offset of the first byte of the first {@code TILE} chunk's payload. */
  static int firstTilePayload(byte[] stream) throws IOException {
    return (int) ContainerReader.read(stream, "encoder output").chunks(ChunkType.TILE).get(0).payloadOffset();
  }

  /** Header (with a fresh checksum appended), chunks, and a fresh footer. */
  static byte[] assemble(byte[] header, byte[] chunks) {
    int total = header.length + CRC + chunks.length + FOOTER_LENGTH;
    ByteBuffer out = ByteBuffer.allocate(total);
    out.put(header);
    out.putInt(crc(header, 0, header.length));
    out.put(chunks);
    int footer = out.position();
    out.putInt(ChunkType.FOOT.code());
    out.putInt(ContainerFormat.FOOTER_PAYLOAD_LENGTH);
    out.putLong(total);
    byte[] a = out.array();
    out.putInt(crc(a, 0, footer + ContainerFormat.FOOTER_STREAM_CRC_OFFSET));
    // ChunkCrc covers the footer's type, length and payload.
    out.putInt(crc(a, footer, ContainerFormat.CHUNK_HEADER_LENGTH + ContainerFormat.FOOTER_PAYLOAD_LENGTH));
    return a;
  }

  static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static void putU16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }
}
