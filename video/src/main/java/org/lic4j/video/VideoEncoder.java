package org.lic4j.video;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;

/**
 * Encodes frames to a lic4j video stream (docs/video.md), streaming: each {@link #encode} codes
 * one frame with the image model, as an intra frame, and writes its chunk to the output at once
 * (flushed), so nothing beyond the frame in hand is held, whatever the length. The sequence
 * header is written with the first frame, which gives the picture size; {@link #finish()} writes
 * the seek index (if asked for) and the footer.
 *
 * <pre>{@code
 * try (ImageModel model = ImageModel.open(CodecOptions.defaults());
 *      VideoEncoder encoder = VideoEncoder.open(model, Files.newOutputStream(path),
 *          VideoEncodeParams.quality(60).withFrameRate(new FrameRate(30000, 1001)))) {
 *   for (YuvFrame frame : frames) {
 *     encoder.encode(frame);
 *   }
 *   encoder.finish();
 * }
 * }</pre>
 *
 * <p>YUV frames become the model's RGB through {@link ColourConversion}, by their own colour
 * description; the stream records the source's description ({@link VideoEncodeParams#source()}).
 * Every frame must have the first one's size. The model is shared (closing the encoder leaves it
 * open); the output is the encoder's, closed by {@link #close()}, which without {@link #finish()}
 * leaves an incomplete stream that every reader rejects as truncated. Not thread-safe.
 *
 * <p>Built on the packet level ({@link #packets}, {@link VideoPacketEncoder}): each frame chunk's
 * payload is a packet, as is.
 */
public final class VideoEncoder implements AutoCloseable {
  private final VideoPacketEncoder packets;
  private final OutputStream out;
  /** Started with the first frame (its size is the sequence's); null until then. */
  private VideoContainerWriter writer;
  private boolean finished;
  private boolean closed;

  private VideoEncoder(VideoPacketEncoder packets, OutputStream out) {
    this.packets = packets;
    this.out = out;
  }

  /**
   * An encoder writing to {@code out}, which it owns from now on. Nothing is written until the
   * first frame.
   */
  public static VideoEncoder open(ImageModel model, OutputStream out, VideoEncodeParams params) {
    return open(model, null, out, params);
  }

  /**
   * An encoder writing to {@code out} (which it owns from now on) that codes P frames with
   * {@code pFrameModel} between the intra frames of each GOP ({@code null}: every frame intra).
   * Nothing is written until the first frame.
   */
  public static VideoEncoder open(ImageModel model, PFrameModel pFrameModel, OutputStream out,
      VideoEncodeParams params) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(params, "params");
    return new VideoEncoder(VideoPacketEncoder.open(model, pFrameModel, params), out);
  }

  /**
   * An encoder of packets, one coded frame each, for a container of one's own: the level under
   * this one, on which this encoder writes its stream. Nothing to close; the model stays shared.
   */
  public static VideoPacketEncoder packets(ImageModel model, VideoEncodeParams params) {
    return VideoPacketEncoder.open(model, null, params);
  }

  /** {@link #packets(ImageModel, VideoEncodeParams)} with P frames ({@code pFrameModel} null: none). */
  public static VideoPacketEncoder packets(ImageModel model, PFrameModel pFrameModel, VideoEncodeParams params) {
    return VideoPacketEncoder.open(model, pFrameModel, params);
  }

  /** The parameters the encoder was opened with. */
  public VideoEncodeParams params() {
    return packets.params();
  }

  /** Frames encoded so far. */
  public long frames() {
    return packets.frames();
  }

  /** Bytes written so far. */
  public long position() {
    return writer == null ? 0 : writer.position();
  }

  /**
   * With a target bit rate ({@link VideoEncodeParams#targetKbps()}), how the stream so far met it:
   * the target, the rate achieved (every byte of the stream, the seek index and footer that {@link
   * #finish()} writes included), the mean quality, and {@link BitrateSummary#unreachable()} when
   * the target was out of reach. Empty without a target.
   */
  public Optional<BitrateSummary> bitrate() {
    return packets.bitrate();
  }

  /** The sequence header written, once the first frame has been encoded; null before. */
  public SequenceHeader sequence() {
    return writer == null ? null : writer.sequence();
  }

  /**
   * Encodes a YUV frame, converted to RGB by its own colour description. Without a source in the
   * parameters, the first frame's description and format are recorded as the source.
   *
   * @return where the frame's time went, the conversion to RGB included
   * @throws IllegalArgumentException if the frame's size differs from the first frame's, or the
   *     frame's colour means something else than the source recorded
   */
  public FrameTimings encode(YuvFrame frame) throws IOException {
    long start = System.nanoTime();
    checkOpen();
    return write(packets.encodeTimed(frame, start), start);
  }

  /**
   * Encodes an RGB picture (alpha, if any, is not coded). Without a source in the parameters, an
   * R'G'B' source is recorded if this is the first frame.
   *
   * @return where the frame's time went (no colour conversion)
   * @throws IllegalArgumentException if the picture's size differs from the first frame's
   */
  public FrameTimings encode(RgbImage image) throws IOException {
    long start = System.nanoTime();
    checkOpen();
    return write(packets.encodeTimed(image, start), start);
  }

  /**
   * Writes the packets of one frame, each as a frame chunk whose payload is the packet, and
   * flushes; {@code start} is when the public call began.
   */
  private FrameTimings write(VideoPacketEncoder.Encoded encoded, long start) throws IOException {
    long writeStart = System.nanoTime();
    long before = 0;
    if (writer == null) {
      writer = VideoContainerWriter.create(out, packets.sequence(), packets.params().seekIndex(), packets.limits());
    } else {
      before = writer.position() + writer.finishLength();
    }
    long payload = 0;
    for (VideoPacket packet : encoded.packets()) {
      writer.writeFrame(packet.bytes());
      payload += packet.bytes().length;
    }
    // What the stream grew by beyond the packets (chunk framing, an index entry per intra frame,
    // with the first frame the header and the footer to come) counts against a target bit rate as
    // the packets do: the rate achieved is the whole stream's.
    packets.containerBits(8 * (writer.position() + writer.finishLength() - before - payload));
    out.flush();
    long end = System.nanoTime();
    FrameTimings t = encoded.timings();
    return new FrameTimings(t.colourNanos(), t.transformNanos(), t.entropyModelNanos(), t.codingNanos(),
        end - writeStart, end - start);
  }

  /**
   * Writes the seek index (if asked for) and the footer, and flushes: the stream is complete.
   *
   * @throws IllegalStateException if no frame was encoded (the picture size comes from the first
   *     frame), or the parameters declared a frame count that was not encoded
   */
  public void finish() throws IOException {
    checkOpen();
    if (writer == null) {
      throw new IllegalStateException("no frame encoded: a stream takes its picture size from its first frame");
    }
    for (VideoPacket packet : packets.flush()) {
      writer.writeFrame(packet.bytes());
    }
    writer.finish();
    finished = true;
  }

  private void checkOpen() {
    if (closed || finished) {
      throw new IllegalStateException(closed ? "the encoder is closed" : "the stream is finished");
    }
  }

  /** Closes the output; without {@link #finish()} first, the stream is incomplete. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (writer != null) {
      writer.close();
    } else {
      out.close();
    }
  }
}
