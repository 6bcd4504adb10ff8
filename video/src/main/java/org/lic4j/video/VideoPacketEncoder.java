package org.lic4j.video;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.FramePayloads;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.PredictedFrameCoder;

/**
 * Encodes frames to packets, one coded frame each ({@link VideoPacket}), for an application that
 * muxes them into a container of its own; {@link VideoEncoder} writes them into a lic4j stream.
 * Opened by {@link VideoEncoder#packets}. Frame in, packets out, as libavcodec's encoder under
 * libavformat: {@link #encode} returns the packets that became ready, {@link #flush()} those still
 * held at the end. Without a P-frame model every frame is intra; with one, an intra frame starts
 * each GOP and the frames between are P frames predicted from the frame before (low delay). Each
 * frame gives exactly one packet at once and {@link #flush()} none; when B frames come, a frame may
 * give none (held until the frames after it in display order) and later ones several, in stream
 * order.
 *
 * <p>The sequence header comes from the first frame (its size); {@link #configuration()} is then
 * the record a muxer stores once, as codec private data. Every frame must have the first one's
 * size; YUV frames become RGB by their own colour description, which must mean what the recorded
 * source does. With a target bit rate ({@link VideoEncodeParams#targetKbps()}) each frame's quality
 * is chosen by one-pass rate control from the packets' bits so far ({@link #bitrate()}; docs/video.md,
 * "Rate control"). The model is shared (not closed here). Not thread-safe.
 */
public final class VideoPacketEncoder {
  private final FrameCoder coder;
  /** Null without a P-frame model: every frame intra. */
  private final PredictedFrames predicted;
  private final PFrameModel pFrameModel;
  private final VideoEncodeParams params;
  private final VideoLimits limits;
  /** The latest frame as the decoder will reconstruct it: the next P frame's reference. */
  private RgbImage reference;
  /** Frames since the latest intra frame; its quality in hundredths. */
  private long sinceIntra;
  private int intraHundredths;
  /** From the first frame; null until then. */
  private SequenceHeader sequence;
  private byte[] configuration;
  private long frames;
  /** With a target bit rate, from the first frame (its size); null without, or before. */
  private RateController rate;

  private VideoPacketEncoder(FrameCoder coder, PFrameModel pFrameModel, VideoEncodeParams params) {
    this.coder = coder;
    this.pFrameModel = pFrameModel;
    this.predicted = pFrameModel == null ? null
        : new PredictedFrames(PredictedFrameCoder.open(pFrameModel.model()), params.pFrames().blockSize());
    this.params = params;
    this.limits = VideoLimits.DEFAULT.withPicture(coder.pictureLimits());
  }

  /** {@code pFrameModel} null: every frame intra. */
  static VideoPacketEncoder open(ImageModel model, PFrameModel pFrameModel, VideoEncodeParams params) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(params, "params");
    return new VideoPacketEncoder(FrameCoder.open(model), pFrameModel, params);
  }

  /** The parameters the encoder was opened with. */
  public VideoEncodeParams params() {
    return params;
  }

  /** Frames encoded so far. */
  public long frames() {
    return frames;
  }

  /**
   * With a target bit rate ({@link VideoEncodeParams#targetKbps()}), how the frames so far met it:
   * the bits of their packets, and whatever {@link VideoEncoder} adds around them; empty without one.
   */
  public Optional<BitrateSummary> bitrate() {
    if (!params.hasTargetBitrate()) {
      return Optional.empty();
    }
    return Optional.of(rate != null ? rate.summary(params.frameRate().perSecond())
        : new BitrateSummary(params.targetKbps(), 0, 0, 0, 0, 0));
  }

  /** Bits the container spent around the latest frame's packets, counted against the target bit rate. */
  void containerBits(long bits) {
    if (rate != null) {
      rate.overhead(bits);
    }
  }

  /** The limits the frames respect: the video defaults with the model's picture limits. */
  VideoLimits limits() {
    return limits;
  }

  /** The sequence header, once the first frame has been encoded; null before. */
  public SequenceHeader sequence() {
    return sequence;
  }

  /**
   * The configuration record of the sequence, once the first frame has been encoded: the bytes a
   * lic4j stream of these frames starts with (signature, header, sequence chunk; docs/video.md),
   * which {@link VideoPacketDecoder#open(ImageModel, byte[], String)} takes. A copy.
   *
   * @throws IllegalStateException before the first frame (the size comes from it)
   */
  public byte[] configuration() {
    if (configuration == null) {
      throw new IllegalStateException("no frame encoded: the sequence takes its picture size from its first frame");
    }
    return configuration.clone();
  }

  /**
   * Encodes a YUV frame, converted to RGB by its own colour description. Without a source in the
   * parameters, the first frame's description and format are recorded as the source.
   *
   * @return the packets ready, in stream order: one in this version
   * @throws IllegalArgumentException if the frame's size differs from the first frame's, or its
   *     colour means something else than the source recorded
   */
  public List<VideoPacket> encode(YuvFrame frame) throws IOException {
    return encodeTimed(frame, System.nanoTime()).packets();
  }

  /**
   * Encodes an RGB picture (alpha, if any, is not coded; a grey picture is coded as RGB).
   * Without a source in the parameters, an R'G'B' source is recorded if this is the first frame.
   *
   * @return the packets ready, in stream order: one in this version
   * @throws IllegalArgumentException if the picture's size differs from the first frame's
   */
  public List<VideoPacket> encode(RgbImage image) throws IOException {
    return encodeTimed(image, System.nanoTime()).packets();
  }

  /**
   * The packets still held, at the end of the frames: none in this version, whose frames are all
   * intra and leave at once. Call it anyway, so that B frames (later) are not lost.
   */
  public List<VideoPacket> flush() {
    return List.of();
  }

  /**
   * Packets and where their time went, for {@link VideoEncoder}: the timings' container and total
   * parts are 0, the caller's to fill in.
   */
  record Encoded(List<VideoPacket> packets, FrameTimings timings) {}

  /** {@link #encode(YuvFrame)}; {@code start} is when the public call began. */
  Encoded encodeTimed(YuvFrame frame, long start) throws IOException {
    Objects.requireNonNull(frame, "frame");
    SourceColour recorded = sequence != null ? sequence.colour() : params.source();
    if (recorded != null && recorded.chromaFormat().hasChroma() && recorded.matrix() != ColourMatrix.IDENTITY) {
      ColourDescription declared = ColourDescription.fromSource(recorded, frame.width(), frame.height());
      if (!declared.sameMeaningAs(frame.colour(), frame.format())) {
        throw new IllegalArgumentException("frame " + frames + " is " + frame.colour() + ", the stream records its"
            + " source as " + declared + ": describe the frame as the source is (YuvFrame.withColour)");
      }
    }
    RgbImage rgb = ColourConversion.toRgb(frame);
    return encode(rgb, recorded != null ? recorded : frame.colour().toSource(frame.format()),
        System.nanoTime() - start);
  }

  /** {@link #encode(RgbImage)}. */
  Encoded encodeTimed(RgbImage image, long start) throws IOException {
    Objects.requireNonNull(image, "image");
    return encode(image, params.source() != null ? params.source() : SourceColour.rgb(), 0);
  }

  private Encoded encode(RgbImage image, SourceColour firstSource, long colourNanos) throws IOException {
    if (sequence != null && (image.width() != sequence.width() || image.height() != sequence.height())) {
      throw new IllegalArgumentException("frame " + frames + " is " + image.width() + "x" + image.height()
          + ", the stream's frames are " + sequence.width() + "x" + sequence.height());
    }
    // Video frames are RGB: a grey picture is coded as its three equal planes.
    RgbImage picture = image.isGray() || image.hasAlpha() ? RgbImage.ofRgb(image.width(), image.height(), image.rgb())
        : image;
    if (params.hasTargetBitrate() && rate == null) {
      rate = new RateController(params.targetKbps() * 1000, params.frameRate().perSecond(),
          (long) picture.width() * picture.height(), predicted == null ? 1 : params.gopLength(), params.pFrames());
    }
    // With rate control the controller gives the base quality, else the intra frames' is the picture's.
    int base = rate != null ? rate.nextBase() : -1;
    Encoded encoded = predicted != null && reference != null && frames % params.gopLength() != 0
        ? encodePredicted(picture, colourNanos, base) : encodeIntra(picture, firstSource, colourNanos, base);
    frames++;
    return encoded;
  }

  /** Tells the rate controller, if any, what the frame became and what it cost. */
  private void feedBack(RateController.Outcome outcome, VideoPacket packet) {
    if (rate != null) {
      rate.coded(outcome, packet.quality(), 8L * packet.bytes().length);
    }
  }

  private Encoded encodeIntra(RgbImage picture, SourceColour firstSource, long colourNanos, int base)
      throws IOException {
    FrameCoder.CodedPicture coded = coder.encode(picture, base >= 0 ? atHundredths(params.picture(), base)
        : params.picture());
    if (sequence == null) {
      SequenceHeader first = sequenceFor(coded.header(), firstSource);
      configuration = VideoContainerWriter.configurationRecord(first, limits);
      sequence = first;
    }
    // Frame k is shown k-th; an intra frame has no references.
    FrameHeader header = FrameHeader.intra(frames, coded.header().quality());
    VideoPacket packet = new VideoPacket(FramePayloads.encode(header, coded.tiles()), header);
    feedBack(RateController.Outcome.INTRA, packet);
    long reconstructNanos = 0;
    if (predicted != null) {
      // The next P frame predicts from what the decoder will have, not from the source.
      long start = System.nanoTime();
      reference = coder.decode(sequence.stream(), header.quality(), coded.tiles(),
          new FrameCoder.Where("encoder", "frame " + frames + ": ", 0));
      reconstructNanos = System.nanoTime() - start;
      sinceIntra = 0;
      intraHundredths = header.quality();
    }
    return new Encoded(List.of(packet), new FrameTimings(colourNanos, coded.analysisNanos(),
        coded.modelNanos() + reconstructNanos, coded.codingNanos(), 0, 0));
  }

  private Encoded encodePredicted(RgbImage picture, long colourNanos, int base) throws IOException {
    long since = sinceIntra + 1;
    int hundredths = params.pFrames().hundredths(base >= 0 ? base : intraHundredths, since);
    PredictedFrames.Coded coded = predicted.encode(picture, reference, sequence.stream(), hundredths);
    FrameTimings timings = new FrameTimings(colourNanos, coded.motionNanos() + coded.analysisNanos(),
        coded.modelNanos(), coded.codingNanos(), 0, 0);
    if (params.pFrames().intraChoice() && !coded.skipped()) {
      // The same frame intra at the same quality; the cheaper by the model's measure is kept.
      FrameCoder.CodedPicture intra = coder.encode(picture, atHundredths(params.picture(), hundredths));
      RgbImage decoded = coder.decode(sequence.stream(), intra.header().quality(), intra.tiles(),
          new FrameCoder.Where("encoder", "frame " + frames + ": ", 0));
      long bytes = 0;
      for (byte[] t : intra.tiles()) {
        bytes += t.length;
      }
      timings = new FrameTimings(timings.colourNanos(), timings.transformNanos() + intra.analysisNanos(),
          timings.entropyModelNanos() + intra.modelNanos(), timings.codingNanos() + intra.codingNanos(), 0, 0);
      if (predicted.cost(picture, decoded, bytes, hundredths) < coded.cost()) {
        FrameHeader header = FrameHeader.intra(frames, intra.header().quality());
        reference = decoded;
        // The hierarchy restarts here, from the GOP's own quality: taking this frame's (perhaps
        // lowered) quality as the new top would lower every later frame by the drop again.
        sinceIntra = 0;
        VideoPacket packet = new VideoPacket(FramePayloads.encode(header, intra.tiles()), header);
        feedBack(RateController.Outcome.INTRA, packet);
        return new Encoded(List.of(packet), timings);
      }
    }
    sinceIntra = since;
    FrameHeader header = new FrameHeader(FrameType.PREDICTED, hundredths, frames, List.of(frames - 1));
    reference = coded.reconstruction();
    VideoPacket packet = new VideoPacket(FramePayloads.encode(header, coded.tiles()), header);
    feedBack(coded.skipped() ? RateController.Outcome.SKIPPED : RateController.Outcome.PREDICTED, packet);
    return new Encoded(List.of(packet), timings);
  }

  /** {@code picture} at quality {@code hundredths} / 100. */
  private static EncodeParams atHundredths(EncodeParams picture, int hundredths) {
    EncodeParams p = picture;
    return new EncodeParams(hundredths / 100.0, p.targetBpp(), p.tileSize(), p.overlap(), p.refineIterations());
  }

  /** The sequence header of a stream whose frames are coded as {@code picture} says. */
  private SequenceHeader sequenceFor(StreamHeader picture, SourceColour source) {
    StreamHeader stream = picture.toBuilder()
        .mediaKind(MediaKind.VIDEO)
        .colourFormat(ColourFormat.RGB)
        .frame(FrameType.INTRA, 0, params.gopLength())
        .build();
    return new SequenceHeader(stream, params.frameRate(), source, params.frameCount(),
        pFrameModel == null ? null : pFrameModel.id());
  }
}
