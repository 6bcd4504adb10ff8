package org.lic4j.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.FramePayloads;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.DecodeResult;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.PredictedFrameCoder;

/**
 * Decodes packets ({@link VideoPacket}), one coded frame each, for an application that demuxes
 * them from a container of its own; {@link VideoDecoder} reads them from a lic4j stream. Opened
 * on a model and the stream's sequence header, or the configuration record that carries it
 * ({@link VideoPacketEncoder#configuration()}).
 *
 * <p>Packet in, frame out: {@link #decode} returns the packet's frame. That suffices for intra and
 * P frames (low delay): a frame is complete as soon as its packet is, and nothing is reordered; a
 * P frame's reference is the frame decoded just before it, which the decoder keeps. When B
 * frames come (docs/video.md, "Frame order"), frames will leave in display order, after their
 * packets' stream order, and this will become send/receive (libavcodec's {@code send_packet} and
 * {@code receive_frame}), holding the few reference frames it needs.
 *
 * <p>No seek: a packet decoder decodes what it is given, and a key frame ({@link
 * VideoPacket#isKeyFrame()}) needs nothing before it, so a demuxer seeks in its own container to
 * a key frame and feeds from there. Seeking in a lic4j stream is {@link VideoDecoder#seek}'s.
 *
 * <p>Each packet passes the checks of a frame read from a stream, except those a stream's
 * framing makes (chunk checksum, frame order): its fields and tile lengths, then its tile data;
 * a damaged packet is a {@link org.lic4j.bitstream.CorruptStreamException} whose reason names
 * the frame ({@code frame 7: tile 2: ...}, numbered by the packets given to this decoder from
 * 0) and whose offset is from the packet's first byte. A P frame needs the P-frame model the
 * stream names (format 1.1): without it, it is an {@link UnsupportedFeatureException}; so is a
 * B frame. The models are shared (not closed here). Not thread-safe.
 */
public final class VideoPacketDecoder {
  private final FrameCoder coder;
  /** Null when the stream names no P-frame model or none was given. */
  private final PredictedFrames predicted;
  private final SequenceHeader sequence;
  private final String resource;
  private final VideoLimits limits;
  /** Packets given to {@link #decode} so far: the next one's name in messages. */
  private long packets;
  /** The frame decoded last and its display index: a P frame's only possible reference. */
  private RgbImage reference;
  private long referenceDisplay = -1;

  private VideoPacketDecoder(FrameCoder coder, PFrameModel pFrameModel, SequenceHeader sequence, String resource)
      throws LicFormatException {
    this.coder = coder;
    this.sequence = sequence;
    this.resource = resource;
    this.limits = limits(coder);
    coder.requireDecodable(sequence.stream(), resource);
    ModelId needed = sequence.predictionModel();
    if (needed != null && pFrameModel != null && !needed.equals(pFrameModel.id())) {
      throw new ModelMismatchException(resource, needed.name(), needed.sha256Hex(), pFrameModel.id().name(),
          pFrameModel.id().sha256Hex(), "--pframe-model");
    }
    // The block size is the stream's (each tile says it); the encoder's choice does not matter here.
    this.predicted = needed != null && pFrameModel != null
        ? new PredictedFrames(PredictedFrameCoder.open(pFrameModel.model()), 16) : null;
  }

  /**
   * A decoder of the packets of a stream of {@code sequence}.
   *
   * @param resource names the packets' source in error messages
   * @throws org.lic4j.bitstream.ModelMismatchException if the stream was coded with another model
   * @throws org.lic4j.bitstream.CorruptStreamException if the picture is over the model's limits
   */
  public static VideoPacketDecoder open(ImageModel model, SequenceHeader sequence, String resource)
      throws LicFormatException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(resource, "resource");
    FrameCoder coder = FrameCoder.open(model);
    return open(coder, null, checkLimits(sequence, limits(coder), resource), resource);
  }

  /**
   * A decoder of the packets of a stream of {@code sequence} that may have P frames, decoded with
   * {@code pFrameModel} ({@code null}: P frames are unsupported features).
   *
   * @throws org.lic4j.bitstream.ModelMismatchException if the stream was coded with other models
   */
  public static VideoPacketDecoder open(ImageModel model, PFrameModel pFrameModel, SequenceHeader sequence,
      String resource) throws LicFormatException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(resource, "resource");
    FrameCoder coder = FrameCoder.open(model);
    return open(coder, pFrameModel, checkLimits(sequence, limits(coder), resource), resource);
  }

  /**
   * A decoder of the packets of a stream whose configuration record is {@code configuration}
   * (read and checked as a stream's first bytes are).
   *
   * @throws org.lic4j.bitstream.CorruptStreamException if the record is damaged
   * @throws org.lic4j.bitstream.ModelMismatchException if the stream was coded with another model
   */
  public static VideoPacketDecoder open(ImageModel model, byte[] configuration, String resource) throws IOException {
    return open(model, null, configuration, resource);
  }

  /**
   * {@link #open(ImageModel, byte[], String)} for a stream that may have P frames, decoded with
   * {@code pFrameModel} ({@code null}: P frames are unsupported features).
   */
  public static VideoPacketDecoder open(ImageModel model, PFrameModel pFrameModel, byte[] configuration,
      String resource) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(resource, "resource");
    FrameCoder coder = FrameCoder.open(model);
    return open(coder, pFrameModel,
        VideoContainerReader.readConfiguration(configuration, resource, limits(coder)), resource);
  }

  /** For {@link VideoDecoder}, whose reader has checked the sequence against the limits. */
  static VideoPacketDecoder open(FrameCoder coder, PFrameModel pFrameModel, SequenceHeader sequence,
      String resource) throws LicFormatException {
    return new VideoPacketDecoder(coder, pFrameModel, sequence, resource);
  }

  /** The image decoder's picture limits, with the container's default video limits. */
  static VideoLimits limits(FrameCoder coder) {
    return VideoLimits.DEFAULT.withPicture(coder.pictureLimits());
  }

  /**
   * A sequence header given as a value has not passed a reader's limits: check them as the
   * writer of its configuration record does.
   */
  private static SequenceHeader checkLimits(SequenceHeader sequence, VideoLimits limits, String resource)
      throws CorruptStreamException {
    try {
      VideoContainerWriter.configurationRecord(sequence, limits);
    } catch (IllegalArgumentException e) {
      throw new CorruptStreamException(e.getMessage(), 0, resource);
    }
    return sequence;
  }

  /** The sequence header the packets belong to. */
  public SequenceHeader sequence() {
    return sequence;
  }

  /**
   * Decodes one packet's frame.
   *
   * @throws org.lic4j.bitstream.CorruptStreamException if the packet is damaged (its fields, its
   *     tile lengths, its tile data), naming the frame; or over the limits
   * @throws UnsupportedFeatureException for a predicted frame
   */
  public DecodedFrame decode(VideoPacket packet) throws IOException {
    return decodeTimed(packet).frame();
  }

  /**
   * {@link #decode}, with where the time went (range decoding, entropy model, synthesis; no
   * container, no colour conversion).
   */
  public TimedFrame decodeTimed(VideoPacket packet) throws IOException {
    Objects.requireNonNull(packet, "packet");
    long start = System.nanoTime();
    long number = packets++;
    if (packet.size() > limits.maxFrameLength()) {
      throw new CorruptStreamException("frame " + number + ": packet of " + packet.size()
          + " bytes exceeds limit maxFrameLength=" + limits.maxFrameLength(), 0, resource);
    }
    CodedFrame frame = FramePayloads.parse(packet.bytes(), number, 0, 0, sequence.tileCount(),
        FormatVersion.IMPLEMENTED, resource);
    return decode(frame, 0, start);
  }

  /**
   * Decodes a frame whose fields have been parsed and checked (a stream's, by its reader);
   * {@code offset} is reported for its damage, {@code start} began the caller's clock.
   */
  TimedFrame decode(CodedFrame frame, long offset, long start) throws IOException {
    FrameHeader header = frame.header();
    String context = "frame " + frame.number() + ": ";
    if (header.type() == FrameType.PREDICTED) {
      checkPredicted(frame, offset);
    } else if (!header.isIntra()) {
      throw new UnsupportedFeatureException(context + header.type()
          + " frames are not decoded by this version (intra and P frames only)", offset, resource);
    }
    long parsed = System.nanoTime();
    List<byte[]> tiles = new ArrayList<>(frame.tileCount());
    for (int i = 0; i < frame.tileCount(); i++) {
      tiles.add(frame.tileData(i));
    }
    FrameCoder.Where where = new FrameCoder.Where(resource, context, offset);
    RgbImage image;
    FrameTimings timings;
    if (header.isIntra()) {
      DecodeResult d = coder.decodeTimed(sequence.stream(), header.quality(), tiles, where);
      DecodeResult.Timings t = d.timings();
      image = d.image();
      timings = new FrameTimings(0, t.synthesisNanos(), t.entropyModelNanos(), t.codingNanos(), parsed - start,
          System.nanoTime() - start);
    } else {
      image = predicted.decode(sequence.stream(), header.quality(), tiles, reference, where);
      long total = System.nanoTime() - start;
      timings = new FrameTimings(0, total - (parsed - start), 0, 0, parsed - start, total);
    }
    if (sequence.hasPredictionModel()) {
      reference = image;
      referenceDisplay = header.displayIndex();
    }
    DecodedFrame decoded = new DecodedFrame(header.displayIndex(), frame.number(), image, sequence.colour());
    return new TimedFrame(decoded, timings);
  }

  /**
   * What a P frame needs before its tiles: the stream's P-frame model, and as its one reference
   * the frame decoded just before it (format 1.1).
   */
  private void checkPredicted(CodedFrame frame, long offset) throws LicFormatException {
    String context = "frame " + frame.number() + ": ";
    if (!sequence.hasPredictionModel()) {
      // Format 1.0 reserves P frames without the means to decode them, as a later version's feature.
      throw new UnsupportedFeatureException(context + "P frame in a stream that names no P-frame model", offset,
          resource);
    }
    if (predicted == null) {
      throw new UnsupportedFeatureException(context + "P frame needs the P-frame model "
          + sequence.predictionModel().name() + ", which the decoder was not given", offset, resource);
    }
    List<Long> references = frame.header().references();
    if (references.size() != 1) {
      throw new UnsupportedFeatureException(context + "P frame with " + references.size()
          + " references (format 1.1: one)", offset, resource);
    }
    if (reference == null || references.get(0) != referenceDisplay) {
      throw new UnsupportedFeatureException(context + "P frame refers to frame " + references.get(0)
          + (reference == null ? ", and no frame was decoded before it"
              : ", not to the frame decoded just before it (" + referenceDisplay + ")")
          + " (format 1.1: the frame just before)", offset, resource);
    }
  }
}
