package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.u16;
import static org.lic4j.bitstream.container.ContainerFormat.u32;
import static org.lic4j.bitstream.container.ContainerFormat.u8;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.UnsupportedFeatureException;

/**
 * A frame's coded bytes on their own: the {@code FrameData} of a {@code FRAM} chunk
 * (docs/video.md, "Frame chunk"), which is also a video packet, the unit a muxer stores. One
 * writer of the layout ({@link #encode}) and one parser ({@link #header}, {@link #parse}) for the
 * stream writer, the stream reader and the packet codecs, so a packet is byte for byte the
 * payload of the frame chunk that carries it.
 *
 * <p>Parsing checks what one payload can show: the field ranges, the references against the
 * frame type, and tile lengths that add up to exactly the payload. What involves other frames
 * (frame order) is the stream reader's; the chunk checksum protects a payload in a stream, the
 * container of one's own protects a packet.
 */
public final class FramePayloads {
  private FramePayloads() {}

  /** The payload of a frame of {@code frame}'s header and {@code tiles}' data, in tile order. */
  public static byte[] encode(FrameHeader frame, List<byte[]> tiles) {
    Objects.requireNonNull(frame, "frame");
    int[] lengths = new int[tiles.size()];
    long total = VideoFormat.frameHeadLength(frame.references().size(), lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = tiles.get(i).length;
      total += lengths[i];
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a frame of " + total + " bytes does not fit an array");
    }
    byte[] head = VideoFormat.encodeFrameHead(frame, lengths);
    byte[] payload = new byte[(int) total];
    System.arraycopy(head, 0, payload, 0, head.length);
    int at = head.length;
    for (byte[] tile : tiles) {
      System.arraycopy(tile, 0, payload, at, tile.length);
      at += tile.length;
    }
    return payload;
  }

  /**
   * The fixed fields and references of a payload, without the tile lengths (which need the
   * stream's tile count): what a muxer needs to know of a packet.
   *
   * @param label names the frame in messages, e.g. {@code "frame 7"}
   * @param payloadOffset the offset reported for the payload's first byte
   * @param version the stream's format version: a frame type code of a newer minor is an
   *     unsupported feature, in a stream this reader implements corruption
   * @throws CorruptStreamException if the payload is too short or a field is out of range
   * @throws UnsupportedFeatureException for a frame type code of a newer minor version
   */
  public static FrameHeader header(byte[] payload, String label, long payloadOffset,
      FormatVersion version, String resource) throws LicFormatException {
    return header(payload, label, payloadOffset, 0, version, resource);
  }

  /** {@link #header}, checking first that the references and {@code tileCount} lengths fit. */
  private static FrameHeader header(byte[] payload, String label, long payloadOffset,
      int tileCount, FormatVersion version, String resource) throws LicFormatException {
    Objects.requireNonNull(payload, "payload");
    if (payload.length < VideoFormat.MIN_FRAME_LENGTH) {
      throw new CorruptStreamException(label + ": bad frame length " + payload.length
          + " (at least " + VideoFormat.MIN_FRAME_LENGTH + ")", payloadOffset, resource);
    }
    int typeCode = u8(payload, VideoFormat.FRAME_TYPE);
    FrameType type = FrameType.fromCode(typeCode);
    if (type == null) {
      if (version.compareTo(FormatVersion.IMPLEMENTED) > 0) {
        throw new UnsupportedFeatureException(label + ": frame type code " + typeCode
            + " (format " + version + ") not supported by this reader", payloadOffset, resource);
      }
      throw new CorruptStreamException(label + ": invalid frame type code " + typeCode,
          payloadOffset, resource);
    }
    int referenceCount = u8(payload, VideoFormat.REFERENCE_COUNT);
    long headLength = VideoFormat.REFERENCES + (long) Integer.BYTES * (referenceCount + tileCount);
    if (headLength > payload.length) {
      throw new CorruptStreamException(label + ": frame header of " + headLength + " bytes ("
          + referenceCount + " references, " + tileCount + " tiles) longer than its chunk of "
          + payload.length, payloadOffset, resource);
    }
    List<Long> references = new ArrayList<>(referenceCount);
    for (int r = 0; r < referenceCount; r++) {
      references.add(u32(payload, VideoFormat.REFERENCES + Integer.BYTES * r));
    }
    try {
      return new FrameHeader(type, u16(payload, VideoFormat.QUALITY),
          u32(payload, VideoFormat.DISPLAY_INDEX), references);
    } catch (IllegalArgumentException e) {
      throw new CorruptStreamException(label + ": " + e.getMessage(), payloadOffset, resource);
    }
  }

  /**
   * Parses a whole payload of a stream with {@code tileCount} tiles per frame: {@link #header}
   * and the tile lengths, which must add up to exactly the rest of the payload. The payload is
   * kept, not copied.
   *
   * @param number the frame's number in stream order, named in messages ({@code "frame 7: ..."})
   * @param chunkOffset the offset of the frame's chunk, as {@link CodedFrame#offset()} gives it
   * @param payloadOffset the offset reported for the payload's first byte
   */
  public static CodedFrame parse(byte[] payload, long number, long chunkOffset, long payloadOffset,
      int tileCount, FormatVersion version, String resource) throws LicFormatException {
    String label = "frame " + number;
    FrameHeader frame = header(payload, label, payloadOffset, tileCount, version, resource);
    int length = payload.length;
    int referenceCount = frame.references().size();
    int[] starts = new int[tileCount + 1];
    starts[0] = VideoFormat.frameHeadLength(referenceCount, tileCount);
    int lengths = VideoFormat.frameHeadLength(referenceCount, 0);
    for (int t = 0; t < tileCount; t++) {
      long end = starts[t] + u32(payload, lengths + Integer.BYTES * t);
      if (end > length) {
        throw new CorruptStreamException(label + ": tile " + t + " ends at byte " + end
            + " of a frame of " + length, payloadOffset + lengths + Integer.BYTES * t, resource);
      }
      starts[t + 1] = (int) end;
    }
    if (starts[tileCount] != length) {
      throw new CorruptStreamException(label + ": tiles end at byte " + starts[tileCount]
          + " of a frame of " + length, payloadOffset + lengths, resource);
    }
    return new CodedFrame(number, chunkOffset, frame, payload, starts);
  }
}
