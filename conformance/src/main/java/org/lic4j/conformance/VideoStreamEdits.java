package org.lic4j.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.container.ContainerFormat;

/**
 * Rewrites video streams (docs/video.md) at the chunk level, into the damaged and unusual streams
 * the suite needs and the video writer refuses to write. A stream is cut into its header and its
 * chunks (each kept whole: type, length, payload, checksum); an edit replaces or inserts chunks,
 * and {@link StreamEdits#assemble} writes a fresh header checksum and footer. Frame offsets move
 * when a chunk is inserted, so edits that insert are made on streams without a seek index.
 */
final class VideoStreamEdits {
  private static final int CHUNK_HEADER = ContainerFormat.CHUNK_HEADER_LENGTH;
  private static final int CRC = ContainerFormat.CRC_LENGTH;

  private VideoStreamEdits() {}

  /** A stream cut up: the header without its checksum, and every chunk before the footer, whole. */
  private record Parts(byte[] header, List<byte[]> chunks) {}

  private static Parts parts(byte[] stream) {
    int headerEnd = ContainerFormat.HEADER_BODY_OFFSET + StreamEdits.u16(stream, ContainerFormat.HEADER_LENGTH_OFFSET);
    List<byte[]> chunks = new ArrayList<>();
    int at = headerEnd + CRC;
    int footer = stream.length - ContainerFormat.FOOTER_LENGTH;
    while (at < footer) {
      int length = ByteBuffer.wrap(stream, at + 4, 4).getInt();
      int end = at + CHUNK_HEADER + length + CRC;
      chunks.add(Arrays.copyOfRange(stream, at, end));
      at = end;
    }
    return new Parts(Arrays.copyOf(stream, headerEnd), chunks);
  }

  private static byte[] assemble(Parts p) {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    p.chunks().forEach(chunks::writeBytes);
    return StreamEdits.assemble(p.header(), chunks.toByteArray());
  }

  /** Offset of the payload of frame {@code frame}'s chunk ({@code FRAM}, counted from 0). */
  static int framePayload(byte[] stream, int frame) {
    return payload(stream, ChunkType.of("FRAM"), frame);
  }

  /** Offset of the payload of the seek index ({@code indx}). */
  static int indexPayload(byte[] stream) {
    return payload(stream, ChunkType.of("indx"), 0);
  }

  /** Offset of the payload of the {@code n}-th chunk of {@code type} (counted from 0). */
  private static int payload(byte[] stream, ChunkType type, int n) {
    Parts p = parts(stream);
    int at = p.header().length + CRC;
    int seen = 0;
    for (byte[] c : p.chunks()) {
      if (type(c) == type.code() && seen++ == n) {
        return at + CHUNK_HEADER;
      }
      at += c.length;
    }
    throw new IllegalArgumentException("the stream has no chunk " + type + " number " + n);
  }

  /**
   * The stream without frame {@code frame}'s chunk, header checksum and footer rewritten: a frame
   * lost whole, which only a declared frame count (or an index) can reveal. Made on streams
   * without a seek index, whose offsets would move.
   */
  static byte[] withoutFrame(byte[] stream, int frame) {
    Parts p = parts(stream);
    int seen = 0;
    for (int i = 0; i < p.chunks().size(); i++) {
      if (type(p.chunks().get(i)) == ChunkType.of("FRAM").code() && seen++ == frame) {
        p.chunks().remove(i);
        return assemble(p);
      }
    }
    throw new IllegalArgumentException("the stream has no frame " + frame);
  }

  /** The stream with a chunk of {@code type} and {@code payload} inserted before chunk {@code before}. */
  static byte[] withChunkBefore(byte[] stream, int before, ChunkType type, byte[] payload) {
    Parts p = parts(stream);
    p.chunks().add(before, chunk(type.code(), payload));
    return assemble(p);
  }

  /**
   * The stream with the {@code FrameData} of frame {@code frame} edited by {@code edit} (which
   * keeps its length), its chunk checksum recomputed: only the edited fields are wrong.
   */
  static byte[] withFramePayload(byte[] stream, int frame, Consumer<ByteBuffer> edit) {
    Parts p = parts(stream);
    int seen = 0;
    for (int i = 0; i < p.chunks().size(); i++) {
      byte[] c = p.chunks().get(i);
      if (type(c) == ChunkType.of("FRAM").code() && seen++ == frame) {
        ByteBuffer payload = ByteBuffer.wrap(Arrays.copyOfRange(c, CHUNK_HEADER, c.length - CRC));
        edit.accept(payload);
        p.chunks().set(i, chunk(type(c), payload.array()));
        return assemble(p);
      }
    }
    throw new IllegalArgumentException("the stream has no frame " + frame);
  }

  /**
   * The stream with its sequence chunk's payload ({@code SEQH}, the first chunk) replaced by {@code
   * edit}'s result, its chunk checksum recomputed. Its length may change, so it is made on streams
   * without a seek index.
   */
  static byte[] withSequencePayload(byte[] stream, UnaryOperator<byte[]> edit) {
    Parts p = parts(stream);
    byte[] c = p.chunks().get(0);
    if (type(c) != ChunkType.of("SEQH").code()) {
      throw new IllegalArgumentException("the stream's first chunk is not 'SEQH'");
    }
    p.chunks().set(0, chunk(type(c), edit.apply(Arrays.copyOfRange(c, CHUNK_HEADER, c.length - CRC))));
    return assemble(p);
  }

  private static int type(byte[] chunk) {
    return ByteBuffer.wrap(chunk).getInt();
  }

  /** Type, length, payload and ChunkCrc (over type, length and payload). */
  private static byte[] chunk(int type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(CHUNK_HEADER + payload.length + CRC);
    b.putInt(type).putInt(payload.length).put(payload);
    b.putInt(StreamEdits.crc(b.array(), 0, CHUNK_HEADER + payload.length));
    return b.array();
  }
}
