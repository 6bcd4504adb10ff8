package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.CHUNK_HEADER_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.CRC_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.FOOTER_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.FOOTER_STREAM_CRC_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.HEADER_BODY_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.HEADER_LENGTH_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.hex32;
import static org.lic4j.bitstream.container.ContainerFormat.i32;
import static org.lic4j.bitstream.container.ContainerFormat.u16;
import static org.lic4j.bitstream.container.ContainerFormat.u32;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;


/**
 * Walks a stream from signature to footer (docs/bitstream.md, "Reading") and returns its index.
 *
 * <p>In <em>full</em> mode every checksum is verified before the bytes it covers are
 * interpreted, so a damaged stream fails as corruption rather than as a strange value. In
 * <em>structure</em> mode (channels) chunk payloads are not read: the header, the framing, tile
 * indices, unknown chunks and the footer are checked, payload checksums when a payload is read.
 */
final class StreamParser {
  private final Source source;
  private final String resource;
  private final ContainerLimits limits;
  private final boolean full;
  private final byte[] scratch = new byte[FOOTER_LENGTH];

  private StreamParser(Source source, String resource, ContainerLimits limits, boolean full) {
    this.source = source;
    this.resource = resource;
    this.limits = limits;
    this.full = full;
  }

  /** The result of a walk. */
  record Index(
      FormatVersion version,
      StreamHeader header,
      List<ChunkEntry> chunks,
      Map<Integer, ChunkEntry> tiles,
      Map<Integer, ChunkEntry> alpha,
      long length) {}

  static Index parse(Source source, String resource, ContainerLimits limits, boolean full)
      throws IOException {
    return new StreamParser(source, resource, limits, full).parse();
  }

  /** The signature and stream header, checked; {@code length} bytes from the stream's start. */
  record Head(FormatVersion version, StreamHeader header, int length) {}

  /** Reads and checks only the signature and stream header: no chunk, no stream checksum. */
  static Head parseHeader(Source source, String resource, ContainerLimits limits) throws IOException {
    return new StreamParser(source, resource, limits, false).head();
  }

  private Index parse() throws IOException {
    Head head = head();
    return walkChunks(head.version(), head.header(), head.length());
  }

  private Head head() throws IOException {
    byte[] signature = new byte[HEADER_BODY_OFFSET];
    int present = (int) source.available(0, HEADER_BODY_OFFSET);
    source.read(0, signature, 0, present);
    ContainerFormat.checkMagic(signature, present, resource);
    require(0, HEADER_BODY_OFFSET, "signature");
    int bodyLength = u16(signature, HEADER_LENGTH_OFFSET);
    require(HEADER_BODY_OFFSET, bodyLength + CRC_LENGTH, "header of " + bodyLength + " bytes");
    byte[] head = new byte[HEADER_BODY_OFFSET + bodyLength + CRC_LENGTH];
    source.read(0, head, 0, head.length);
    FormatVersion version = ContainerFormat.checkHeaderFrame(head, resource);
    StreamHeader header = HeaderCodec.decode(head, bodyLength, version, limits, resource);
    return new Head(version, header, head.length);
  }

  private Index walkChunks(FormatVersion version, StreamHeader header, long start)
      throws IOException {
    List<ChunkEntry> chunks = new ArrayList<>();
    Map<Integer, ChunkEntry> tiles = new HashMap<>();
    Map<Integer, ChunkEntry> alpha = new HashMap<>();
    long position = start;
    while (true) {
      require(position, CHUNK_HEADER_LENGTH, "chunk header (no footer yet)");
      source.read(position, scratch, 0, CHUNK_HEADER_LENGTH);
      int code = i32(scratch, 0);
      long length = u32(scratch, 4);
      ChunkType type = ChunkType.fromCode(code);
      if (type == null) {
        throw corrupt("bad chunk type " + hex32(code), position);
      }
      if (type.equals(ChunkType.FOOT)) {
        long end = checkFooter(position, length);
        return new Index(version, header, Collections.unmodifiableList(chunks),
            Collections.unmodifiableMap(tiles), Collections.unmodifiableMap(alpha), end);
      }
      if (length > limits.maxChunkLength()) {
        throw corrupt("bad chunk length " + length + " for '" + type + "' (limit maxChunkLength="
            + limits.maxChunkLength() + ")", position + 4);
      }
      if (chunks.size() >= limits.maxChunkCount()) {
        throw corrupt("more than " + limits.maxChunkCount()
            + " chunks (limit maxChunkCount)", position);
      }
      require(position + CHUNK_HEADER_LENGTH, length + CRC_LENGTH,
          "chunk '" + type + "' of " + length + " bytes");
      if (full || !type.isRegistered()) {
        checkChunkCrc(type, position, length);
      }
      ChunkEntry entry = entry(header, type, position, (int) length);
      if (type.isTileIndexed()) {
        Map<Integer, ChunkEntry> byTile = type.equals(ChunkType.TILE) ? tiles : alpha;
        if (byTile.putIfAbsent(entry.tileIndex(), entry) != null) {
          throw corrupt("second '" + type + "' chunk for tile " + entry.tileIndex(),
              position + CHUNK_HEADER_LENGTH);
        }
      }
      chunks.add(entry);
      position = entry.end();
    }
  }

  /** The index entry of a chunk whose framing (and, in full mode, checksum) has been checked. */
  private ChunkEntry entry(StreamHeader header, ChunkType type, long position, int length)
      throws IOException {
    if (!type.isRegistered()) {
      if (type.isMandatory()) {
        throw new UnsupportedFeatureException("unknown mandatory chunk type '" + type
            + "' (reader supports format " + FormatVersion.IMPLEMENTED + ")", position, resource);
      }
      return new ChunkEntry(type, position, length, -1);
    }
    if (!type.isTileIndexed()) {
      return new ChunkEntry(type, position, length, -1);
    }
    long payload = position + CHUNK_HEADER_LENGTH;
    if (length < Integer.BYTES) {
      throw corrupt("'" + type + "' chunk of " + length + " bytes has no tile index", position + 4);
    }
    if (type.equals(ChunkType.ALPH) && !header.colourFormat().hasAlpha()) {
      throw corrupt("'ALPH' chunk in a " + header.colourFormat() + " stream", position);
    }
    source.read(payload, scratch, 0, Integer.BYTES);
    long tile = u32(scratch, 0);
    if (tile >= header.tileCount()) {
      throw corrupt("tile index " + tile + " out of range 0.." + (header.tileCount() - 1), payload);
    }
    return new ChunkEntry(type, position, length, (int) tile);
  }

  /** Checks the footer at {@code position}; returns the stream length. */
  private long checkFooter(long position, long length) throws IOException {
    ContainerFormat.checkFooterLength(length, position, resource);
    require(position, FOOTER_LENGTH, "footer");
    source.read(position, scratch, 0, FOOTER_LENGTH);
    long end = ContainerFormat.checkFooter(scratch, position, resource);
    if (full) {
      CRC32C crc = new CRC32C();
      long covered = position + FOOTER_STREAM_CRC_OFFSET;
      source.update(crc, 0, covered);
      checkCrc("stream", i32(scratch, FOOTER_STREAM_CRC_OFFSET), (int) crc.getValue(), covered);
    }
    if (source.available(end, 1) != 0) {
      throw corrupt("extended: data after the footer", end);
    }
    return end;
  }

  private void checkChunkCrc(ChunkType type, long position, long length) throws IOException {
    CRC32C crc = new CRC32C();
    source.update(crc, position, CHUNK_HEADER_LENGTH + length);
    source.read(position + CHUNK_HEADER_LENGTH + length, scratch, 0, CRC_LENGTH);
    checkCrc("chunk '" + type + "'", i32(scratch, 0), (int) crc.getValue(), position);
  }

  private void checkCrc(String what, int stored, int computed, long offset)
      throws CorruptStreamException {
    ContainerFormat.checkCrc(what, stored, computed, offset, resource);
  }

  /**
   * Requires {@code length} bytes at {@code position}. A shortfall is truncation, unless the
   * stream still ends with its intact footer: then a length field was damaged.
   */
  private void require(long position, long length, String what) throws IOException {
    long present = source.available(position, length);
    if (present < length) {
      long end = position + present;
      if (endsWithFooter(end)) {
        throw corrupt("bad length: " + what + " needs " + length + " bytes, " + present
            + " present before the footer at " + (end - FOOTER_LENGTH), position);
      }
      throw corrupt("truncated: " + what + " needs " + length + " bytes, " + present
          + " present", end);
    }
  }

  /** Whether the {@code end} bytes of the stream end with a footer that vouches for them. */
  private boolean endsWithFooter(long end) throws IOException {
    if (end < HEADER_BODY_OFFSET + HeaderCodec.MIN_LENGTH + CRC_LENGTH + FOOTER_LENGTH) {
      return false;
    }
    byte[] footer = new byte[FOOTER_LENGTH];
    source.read(end - FOOTER_LENGTH, footer, 0, FOOTER_LENGTH);
    return ContainerFormat.isFooter(footer, end);
  }

  private CorruptStreamException corrupt(String reason, long offset) {
    return new CorruptStreamException(reason, offset, resource);
  }
}
