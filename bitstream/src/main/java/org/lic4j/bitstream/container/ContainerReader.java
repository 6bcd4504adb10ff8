package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.CHUNK_HEADER_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.CRC_LENGTH;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.StreamHeader;


/**
 * Reads a lic4j stream (docs/bitstream.md): checks the signature, version and header, indexes the
 * chunks, and hands out payloads by index entry or by tile.
 *
 * <p>Opening a stream from a {@code byte[]} or an {@link InputStream} checks everything, every
 * checksum included. Opening one on a {@link SeekableByteChannel} reads only the signature,
 * header, chunk framing, tile indices and footer, so that a region can be decoded without reading
 * the whole file; each payload's checksum is then checked when it is read, and {@link
 * #checkIntegrity()} checks the whole stream. {@link #readHeader} reads the header alone, for
 * size queries.
 *
 * <p>Every failure names the resource given at open: {@link CorruptStreamException} for a
 * damaged, truncated or over-limit stream, {@link UnsupportedVersionException} for another major
 * version, {@link UnsupportedFeatureException} for an unknown mandatory chunk. Unknown optional
 * chunks are listed in {@link #chunks()} and otherwise ignored. Instances are safe for concurrent
 * reads.
 */
public final class ContainerReader {
  private static final Comparator<ChunkEntry> BY_OFFSET =
      Comparator.comparingLong(ChunkEntry::offset);

  private final Source source;
  private final String resource;
  private final ContainerLimits limits;
  private final StreamParser.Index index;

  private ContainerReader(Source source, String resource, ContainerLimits limits, boolean full)
      throws IOException {
    this.source = source;
    this.resource = resource;
    this.limits = limits;
    this.index = StreamParser.parse(source, resource, limits, full);
  }

  /** Reads and fully checks a stream held in {@code stream}, with default limits. */
  public static ContainerReader read(byte[] stream, String resource) throws IOException {
    return read(stream, resource, ContainerLimits.DEFAULT);
  }

  /**
   * Reads and fully checks a stream held in {@code stream}, which must be exactly the stream. The
   * array is not copied and must not change while the reader is in use.
   *
   * @param resource names the stream in error messages, usually a file name
   */
  public static ContainerReader read(byte[] stream, String resource, ContainerLimits limits)
      throws IOException {
    Objects.requireNonNull(stream, "stream");
    return new ContainerReader(new ArraySource(stream), check(resource), check(limits), true);
  }

  /** Reads and fully checks a stream from {@code in}, with default limits. */
  public static ContainerReader read(InputStream in, String resource) throws IOException {
    return read(in, resource, ContainerLimits.DEFAULT);
  }

  /**
   * Reads a stream from {@code in} to its end into memory and checks it fully; {@code in} must end
   * where the stream does, and is not closed. Memory grows with the bytes that arrive, never with
   * a declared length.
   *
   * @param resource names the stream in error messages, usually a file name
   */
  public static ContainerReader read(InputStream in, String resource, ContainerLimits limits)
      throws IOException {
    Objects.requireNonNull(in, "in");
    String name = check(resource);
    return new ContainerReader(new StreamSource(in, name), name, check(limits), true);
  }

  /** Reads only the stream header from {@code in}, with default limits; see the other overload. */
  public static StreamHeader readHeader(InputStream in, String resource) throws IOException {
    return readHeader(in, resource, ContainerLimits.DEFAULT);
  }

  /**
   * Reads only the signature and stream header from {@code in}, exactly those bytes, and checks
   * them (magic, version, the header's own checksum, the header's fields): no chunk is read and
   * no stream checksum verified, so a stream whose tile data is damaged still answers. For size
   * and type queries; decoding opens the stream again and checks it all. {@code in} is left just
   * after the header and is not closed.
   *
   * @param resource names the stream in error messages, usually a file name
   */
  public static StreamHeader readHeader(InputStream in, String resource, ContainerLimits limits)
      throws IOException {
    Objects.requireNonNull(in, "in");
    String name = check(resource);
    return StreamParser.parseHeader(new StreamSource(in, name), name, check(limits)).header();
  }

  /** Opens a stream on a channel with default limits; see the other overload. */
  public static ContainerReader open(SeekableByteChannel channel, String resource)
      throws IOException {
    return open(channel, resource, ContainerLimits.DEFAULT);
  }

  /**
   * Opens the stream that occupies {@code channel} from its current position to its end, reading
   * only its structure (see the class comment). Offsets are relative to that position. The
   * channel stays the caller's to close, after the last read.
   *
   * @param resource names the stream in error messages, usually a file name
   */
  public static ContainerReader open(
      SeekableByteChannel channel, String resource, ContainerLimits limits) throws IOException {
    Objects.requireNonNull(channel, "channel");
    String name = check(resource);
    return new ContainerReader(new ChannelSource(channel, name), name, check(limits), false);
  }

  private static String check(String resource) {
    return Objects.requireNonNull(resource, "resource");
  }

  private static ContainerLimits check(ContainerLimits limits) {
    return Objects.requireNonNull(limits, "limits");
  }

  /** The name given at open, used in error messages. */
  public String resource() {
    return resource;
  }

  /** The limits the stream was checked against. */
  public ContainerLimits limits() {
    return limits;
  }

  /** The format version the stream declares (any minor of a supported major). */
  public FormatVersion version() {
    return index.version();
  }

  /** The stream header. */
  public StreamHeader header() {
    return index.header();
  }

  /** Total stream length in bytes, footer included. */
  public long length() {
    return index.length();
  }

  /** Every chunk before the footer, in stream order, unknown optional ones included. */
  public List<ChunkEntry> chunks() {
    return index.chunks();
  }

  /** The chunks of one type, in stream order. */
  public List<ChunkEntry> chunks(ChunkType type) {
    return index.chunks().stream().filter(c -> c.type().equals(type)).toList();
  }

  /** The {@code TILE} chunk of a tile, if the stream has one. */
  public Optional<ChunkEntry> tile(int tileIndex) {
    return Optional.ofNullable(index.tiles().get(checkTile(tileIndex)));
  }

  /** The {@code ALPH} chunk of a tile, if the stream has one. */
  public Optional<ChunkEntry> alpha(int tileIndex) {
    return Optional.ofNullable(index.alpha().get(checkTile(tileIndex)));
  }

  private int checkTile(int tileIndex) {
    Objects.checkIndex(tileIndex, index.header().tileCount());
    return tileIndex;
  }

  /**
   * The payload of a chunk of this stream, prefix (tile index) included. From a channel, the
   * chunk's checksum is verified first.
   *
   * @throws IllegalArgumentException if {@code entry} is not one of {@link #chunks()}
   * @throws CorruptStreamException if the chunk's checksum does not match
   */
  public byte[] readPayload(ChunkEntry entry) throws IOException {
    return read(entry, 0);
  }

  /**
   * The codec's part of a chunk's payload: after the tile index for {@code TILE} and {@code
   * ALPH}, the whole payload otherwise. Checked as {@link #readPayload(ChunkEntry)}.
   */
  public byte[] readData(ChunkEntry entry) throws IOException {
    return read(entry, entry.prefixLength());
  }

  private byte[] read(ChunkEntry entry, int skip) throws IOException {
    int i = Collections.binarySearch(index.chunks(), entry, BY_OFFSET);
    if (i < 0 || !index.chunks().get(i).equals(entry)) {
      throw new IllegalArgumentException("not a chunk of " + resource + ": " + entry);
    }
    byte[] payload = new byte[entry.length()];
    source.read(entry.payloadOffset(), payload, 0, payload.length);
    if (!source.inMemory()) {
      verify(entry, payload);
    }
    return skip == 0 ? payload : Arrays.copyOfRange(payload, skip, payload.length);
  }

  private void verify(ChunkEntry entry, byte[] payload) throws IOException {
    byte[] head = ContainerFormat.chunkHeader(entry.type(), entry.length());
    byte[] stored = new byte[CRC_LENGTH];
    source.read(entry.payloadOffset() + entry.length(), stored, 0, CRC_LENGTH);
    CRC32C crc = new CRC32C();
    crc.update(head, 0, CHUNK_HEADER_LENGTH);
    crc.update(payload, 0, payload.length);
    int expected = ContainerFormat.i32(stored, 0);
    if (expected != (int) crc.getValue()) {
      throw new CorruptStreamException("chunk '" + entry.type() + "' checksum mismatch: stored "
          + ContainerFormat.hex32(expected) + ", computed "
          + ContainerFormat.hex32((int) crc.getValue()), entry.offset(), resource);
    }
  }

  /**
   * Checks the whole stream again, every chunk checksum and the stream checksum included. Needed
   * for channels, where opening reads only the structure; for in-memory streams it repeats what
   * opening did.
   *
   * @throws CorruptStreamException if anything does not match
   */
  public void checkIntegrity() throws IOException {
    StreamParser.Index again = StreamParser.parse(source, resource, limits, true);
    if (!again.chunks().equals(index.chunks())) {
      throw new CorruptStreamException("stream changed since it was opened", 0, resource);
    }
  }
}
