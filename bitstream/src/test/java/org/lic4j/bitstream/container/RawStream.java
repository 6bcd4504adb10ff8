package org.lic4j.bitstream.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.StreamHeader;

/**
 * Assembles streams byte by byte with valid checksums, including streams the writer refuses to
 * make (other versions, header extensions, unknown mandatory chunks, fields out of range).
 */
final class RawStream {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CRC32C streamCrc = new CRC32C();

  private RawStream() {}

  /** A stream of version {@code major.minor} with the given HeaderBody. */
  static RawStream start(int major, int minor, byte[] headerBody) {
    return new RawStream().append(
        ContainerFormat.encodeHeader(new FormatVersion(major, minor), headerBody));
  }

  /** A format 1.0 stream with {@code header}. */
  static RawStream start(StreamHeader header) {
    return start(1, 0, HeaderCodec.encode(header));
  }

  /** The HeaderBody of {@code header}, for patching. */
  static byte[] body(StreamHeader header) {
    return HeaderCodec.encode(header);
  }

  /** A chunk with a valid checksum; {@code type} need not be valid. */
  RawStream chunk(String type, byte[] payload) {
    byte[] chunk = new byte[ContainerFormat.CHUNK_OVERHEAD + payload.length];
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(name, 0, chunk, 0, 4);
    ContainerFormat.putI32(chunk, 4, payload.length);
    System.arraycopy(payload, 0, chunk, 8, payload.length);
    int crcOffset = 8 + payload.length;
    ContainerFormat.putI32(chunk, crcOffset, ContainerFormat.crc32c(chunk, 0, crcOffset));
    return append(chunk);
  }

  /** A {@code TILE} chunk for {@code tileIndex}. */
  RawStream tile(int tileIndex, byte[] data) {
    byte[] payload = new byte[4 + data.length];
    ContainerFormat.putI32(payload, 0, tileIndex);
    System.arraycopy(data, 0, payload, 4, data.length);
    return chunk("TILE", payload);
  }

  /** Bytes exactly as given. */
  RawStream append(byte[] raw) {
    bytes.writeBytes(raw);
    streamCrc.update(raw);
    return this;
  }

  /** The stream with a valid footer. */
  byte[] finish() {
    bytes.writeBytes(ContainerFormat.encodeFooter(bytes.size(), streamCrc));
    return bytes.toByteArray();
  }

  /** The bytes so far, without footer. */
  byte[] unfinished() {
    return bytes.toByteArray();
  }

  /** {@code body} with {@code value} stored big-endian in {@code width} bytes at {@code at}. */
  static byte[] patch(byte[] body, int at, int width, long value) {
    byte[] copy = Arrays.copyOf(body, body.length);
    for (int i = 0; i < width; i++) {
      copy[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
    }
    return copy;
  }
}
