package org.lic4j.video;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.container.FramePayloads;

/**
 * One coded frame on its own, what a muxer stores as a packet (an MP4 sample, a Matroska block,
 * an RTP payload, a row of a database): its bytes, exactly the {@code FrameData} of the frame's
 * {@code FRAM} chunk in a lic4j stream (docs/video.md, "Frame chunk"), and the header fields
 * parsed from them. Immutable: the bytes are copied in and out.
 *
 * <p>A packet decodes only with its stream's sequence header, which the muxer stores once as the
 * configuration record ({@link VideoPacketEncoder#configuration()}).
 */
public final class VideoPacket {
  /** Names a packet parsed on its own in error messages. */
  private static final String RESOURCE = "packet";

  private final byte[] data;
  private final FrameHeader header;

  /** Takes {@code data} without copying; {@code header} must be what it says. */
  VideoPacket(byte[] data, FrameHeader header) {
    this.data = data;
    this.header = header;
  }

  /**
   * A packet of {@code data}, as a muxer got it back: its header fields are parsed and checked
   * (ranges, references against the frame type); the tile data waits for the decoder, which
   * knows the tile count.
   *
   * @throws org.lic4j.bitstream.CorruptStreamException if the bytes are too short for a frame or
   *     a field is out of range (offsets are from the packet's first byte)
   */
  public static VideoPacket parse(byte[] data) throws LicFormatException {
    Objects.requireNonNull(data, "data");
    byte[] copy = data.clone();
    return new VideoPacket(copy, FramePayloads.header(copy, RESOURCE, 0, FormatVersion.IMPLEMENTED, RESOURCE));
  }

  /** The packet's bytes, a copy. */
  public byte[] data() {
    return data.clone();
  }

  /** The packet's bytes, read-only and without a copy. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** The bytes themselves, for this package: never handed out or changed. */
  byte[] bytes() {
    return data;
  }

  /** Bytes in the packet. */
  public int size() {
    return data.length;
  }

  /** Type, quality, display index and references, as parsed. */
  public FrameHeader header() {
    return header;
  }

  /** Intra, predicted or bi-predicted. */
  public FrameType type() {
    return header.type();
  }

  /**
   * Whether decoding may start here (an intra frame): a muxer's key frame or sync sample, where
   * a player seeks to.
   */
  public boolean isKeyFrame() {
    return header.isIntra();
  }

  /** The frame's position in display order (a muxer's presentation time, in frame periods). */
  public long displayIndex() {
    return header.displayIndex();
  }

  /** The quality the frame was coded at, in hundredths (0..10000). */
  public int quality() {
    return header.quality();
  }

  /** The display indexes of the frames it is predicted from; empty for a key frame. */
  public List<Long> references() {
    return header.references();
  }

  @Override
  public String toString() {
    return "packet (" + header.type() + ", display " + header.displayIndex() + ", " + data.length + " bytes)";
  }
}
