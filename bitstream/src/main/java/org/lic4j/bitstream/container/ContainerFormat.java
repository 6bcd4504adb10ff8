package org.lic4j.bitstream.container;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.StreamSignature;
import org.lic4j.bitstream.UnsupportedVersionException;
import org.lic4j.bitstream.VersionTooNewException;
import org.lic4j.bitstream.VersionTooOldException;

/**
 * The framing of docs/bitstream.md in one place: the constants, big-endian field access, the
 * checksum, and the code that writes and checks the signature, header frame and footer. The
 * writer and the reader both go through here. The offsets and lengths of the frozen framing
 * (section 7) are public, for tools that edit streams at the byte level (the conformance suite's
 * damaged and re-versioned streams); everything else stays inside the package.
 */
public final class ContainerFormat {
  /** PNG-style: a high-bit byte, the name, CR LF, DOS end-of-file, LF; text-mode damage shows. */
  static final byte[] MAGIC = StreamSignature.bytes();
  /** Offset of {@code Major} (u8), right after the magic. */
  public static final int MAJOR_OFFSET = 8;
  /** Offset of {@code Minor} (u8). */
  public static final int MINOR_OFFSET = 9;
  /** Offset of {@code HeaderLength} (u16): the length of {@code HeaderBody}. */
  public static final int HEADER_LENGTH_OFFSET = 10;
  /** Offset of {@code HeaderBody}; {@code HeaderCrc} follows it. */
  public static final int HEADER_BODY_OFFSET = 12;
  /** Length of every CRC-32C field: {@code HeaderCrc}, {@code ChunkCrc}, {@code StreamCrc}. */
  public static final int CRC_LENGTH = 4;
  /** Chunk header: {@code ChunkType} (4 bytes), {@code ChunkLength} (u32). */
  public static final int CHUNK_HEADER_LENGTH = ChunkEntry.HEADER_LENGTH;
  static final int CHUNK_OVERHEAD = CHUNK_HEADER_LENGTH + CRC_LENGTH;
  /** Footer payload: TotalLength u64, StreamCrc u32. */
  public static final int FOOTER_PAYLOAD_LENGTH = 12;
  /** The whole footer chunk: chunk header, payload, {@code ChunkCrc}. */
  public static final int FOOTER_LENGTH = CHUNK_OVERHEAD + FOOTER_PAYLOAD_LENGTH;
  /** StreamCrc covers the stream up to here, relative to the footer's first byte. */
  public static final int FOOTER_STREAM_CRC_OFFSET = CHUNK_HEADER_LENGTH + Long.BYTES;
  static final int MAX_HEADER_BODY_LENGTH = 0xFFFF;

  private static final VarHandle SHORT = view(short[].class);
  private static final VarHandle INT = view(int[].class);
  private static final VarHandle LONG = view(long[].class);
  private static final HexFormat HEX = HexFormat.of();

  private ContainerFormat() {}

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.BIG_ENDIAN);
  }

  static int u8(byte[] b, int off) {
    return b[off] & 0xFF;
  }

  static int u16(byte[] b, int off) {
    return Short.toUnsignedInt((short) SHORT.get(b, off));
  }

  static int i32(byte[] b, int off) {
    return (int) INT.get(b, off);
  }

  static long u32(byte[] b, int off) {
    return Integer.toUnsignedLong(i32(b, off));
  }

  static long i64(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  static void putU16(byte[] b, int off, int value) {
    SHORT.set(b, off, (short) value);
  }

  static void putI32(byte[] b, int off, int value) {
    INT.set(b, off, value);
  }

  static void putI64(byte[] b, int off, long value) {
    LONG.set(b, off, value);
  }

  static int crc32c(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, len);
    return (int) crc.getValue();
  }

  static String hex(byte[] b, int off, int len) {
    return HEX.formatHex(b, off, off + len);
  }

  static String hex32(int value) {
    return "0x" + HEX.toHexDigits(value);
  }

  /**
   * Signature and header frame: magic, version, HeaderLength, body, HeaderCrc over all of it.
   */
  static byte[] encodeHeader(FormatVersion version, byte[] body) {
    if (body.length > MAX_HEADER_BODY_LENGTH) {
      throw new IllegalArgumentException("header body " + body.length + " bytes, max 65535");
    }
    byte[] out = new byte[HEADER_BODY_OFFSET + body.length + CRC_LENGTH];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[MAJOR_OFFSET] = (byte) version.major();
    out[MINOR_OFFSET] = (byte) version.minor();
    putU16(out, HEADER_LENGTH_OFFSET, body.length);
    System.arraycopy(body, 0, out, HEADER_BODY_OFFSET, body.length);
    int crcOffset = HEADER_BODY_OFFSET + body.length;
    putI32(out, crcOffset, crc32c(out, 0, crcOffset));
    return out;
  }

  /**
   * Checks the magic in the first {@code min(length, 8)} bytes of {@code signature}.
   *
   * @throws CorruptStreamException on a mismatch, with a hint if it looks like transfer damage
   */
  static void checkMagic(byte[] signature, int length, String resource)
      throws CorruptStreamException {
    int n = Math.min(length, MAGIC.length);
    for (int i = 0; i < n; i++) {
      if (signature[i] != MAGIC[i]) {
        throw new CorruptStreamException("bad magic " + hex(signature, 0, n) + ", expected "
            + hex(MAGIC, 0, MAGIC.length) + damageHint(signature[i], MAGIC[i]), i, resource);
      }
    }
  }

  private static String damageHint(byte found, byte expected) {
    boolean lineEnd = found == '\r' || found == '\n';
    if (lineEnd && (expected == '\r' || expected == '\n' || expected == 0x1A)) {
      return " (line endings altered: transferred in text mode?)";
    }
    if ((found & 0xFF) == ((expected & 0xFF) & 0x7F) && found != expected) {
      return " (high bit cleared: transferred over a 7-bit channel?)";
    }
    return " (not a lic4j stream)";
  }

  /**
   * Checks that {@code found} is in [{@link FormatVersion#OLDEST_SUPPORTED}, {@link
   * FormatVersion#NEWEST_SUPPORTED}].
   */
  static void checkVersion(FormatVersion found, String resource)
      throws UnsupportedVersionException {
    if (found.compareTo(FormatVersion.OLDEST_SUPPORTED) < 0) {
      throw new VersionTooOldException(found, FormatVersion.OLDEST_SUPPORTED,
          FormatVersion.NEWEST_SUPPORTED, resource);
    }
    if (found.compareTo(FormatVersion.NEWEST_SUPPORTED) > 0) {
      throw new VersionTooNewException(found, FormatVersion.OLDEST_SUPPORTED,
          FormatVersion.NEWEST_SUPPORTED, resource);
    }
  }

  /**
   * Checks a whole signature and header frame as read ({@code head}: magic, version,
   * HeaderLength, body, HeaderCrc): the checksum first, as the frame is the same in every major
   * version and only then is the version trusted (section 7), then the version.
   *
   * @return the version the stream declares, one this reader supports
   */
  static FormatVersion checkHeaderFrame(byte[] head, String resource)
      throws CorruptStreamException, UnsupportedVersionException {
    int crcOffset = head.length - CRC_LENGTH;
    checkCrc("header", i32(head, crcOffset), crc32c(head, 0, crcOffset), 0, resource);
    FormatVersion version = new FormatVersion(u8(head, MAJOR_OFFSET), u8(head, MINOR_OFFSET));
    checkVersion(version, resource);
    return version;
  }

  /** A checksum mismatch of {@code what} is corruption at {@code offset}. */
  static void checkCrc(String what, int stored, int computed, long offset, String resource)
      throws CorruptStreamException {
    if (stored != computed) {
      throw new CorruptStreamException(what + " checksum mismatch: stored " + hex32(stored)
          + ", computed " + hex32(computed), offset, resource);
    }
  }

  /** Chunk type and length, the first eight bytes of every chunk. */
  static byte[] chunkHeader(ChunkType type, int length) {
    byte[] head = new byte[CHUNK_HEADER_LENGTH];
    putI32(head, 0, type.code());
    putI32(head, 4, length);
    return head;
  }

  /**
   * The footer for a stream whose bytes before the footer start at {@code footerOffset} and have
   * been fed to {@code streamCrc}; {@code streamCrc} is updated with the footer's first 16 bytes.
   */
  static byte[] encodeFooter(long footerOffset, CRC32C streamCrc) {
    byte[] footer = new byte[FOOTER_LENGTH];
    putI32(footer, 0, ChunkType.FOOT.code());
    putI32(footer, 4, FOOTER_PAYLOAD_LENGTH);
    putI64(footer, CHUNK_HEADER_LENGTH, footerOffset + FOOTER_LENGTH);
    streamCrc.update(footer, 0, FOOTER_STREAM_CRC_OFFSET);
    putI32(footer, FOOTER_STREAM_CRC_OFFSET, (int) streamCrc.getValue());
    int chunkCrcOffset = FOOTER_LENGTH - CRC_LENGTH;
    putI32(footer, chunkCrcOffset, crc32c(footer, 0, chunkCrcOffset));
    return footer;
  }

  /** A footer chunk's ChunkLength, read at {@code at}, must be the footer's. */
  static void checkFooterLength(long length, long at, String resource)
      throws CorruptStreamException {
    if (length != FOOTER_PAYLOAD_LENGTH) {
      throw new CorruptStreamException("bad footer length " + length + " (must be "
          + FOOTER_PAYLOAD_LENGTH + ")", at + 4, resource);
    }
  }

  /**
   * Checks a whole footer chunk read at {@code at}: its ChunkCrc, then that TotalLength ends the
   * stream right after it. The stream checksum is the caller's, which knows what it has read.
   *
   * @return the stream's length, the footer included
   */
  static long checkFooter(byte[] footer, long at, String resource)
      throws CorruptStreamException {
    int chunkCrcOffset = FOOTER_LENGTH - CRC_LENGTH;
    checkCrc("footer", i32(footer, chunkCrcOffset), crc32c(footer, 0, chunkCrcOffset), at,
        resource);
    long end = at + FOOTER_LENGTH;
    long declared = i64(footer, CHUNK_HEADER_LENGTH);
    if (declared != end) {
      throw new CorruptStreamException("footer declares stream length "
          + Long.toUnsignedString(declared) + " but ends at " + end
          + " (chunks lost or spliced)", at + CHUNK_HEADER_LENGTH, resource);
    }
    return end;
  }

  /**
   * Whether {@code footer} (the last {@link #FOOTER_LENGTH} bytes of a stream of {@code end}
   * bytes) is an intact footer vouching for that length: type, length, ChunkCrc, TotalLength.
   */
  static boolean isFooter(byte[] footer, long end) {
    int chunkCrcOffset = FOOTER_LENGTH - CRC_LENGTH;
    return i32(footer, 0) == ChunkType.FOOT.code()
        && i32(footer, 4) == FOOTER_PAYLOAD_LENGTH
        && i64(footer, CHUNK_HEADER_LENGTH) == end
        && i32(footer, chunkCrcOffset) == crc32c(footer, 0, chunkCrcOffset);
  }
}
