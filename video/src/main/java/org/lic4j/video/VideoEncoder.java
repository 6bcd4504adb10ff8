package org.lic4j.video;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.frame.FrameCoder;

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
 */
public final class VideoEncoder implements AutoCloseable {
  private final FrameCoder coder;
  private final OutputStream out;
  private final VideoEncodeParams params;
  /** Started with the first frame (its size is the sequence's); null until then. */
  private VideoContainerWriter writer;
  private long frames;
  private boolean finished;
  private boolean closed;

  private VideoEncoder(FrameCoder coder, OutputStream out, VideoEncodeParams params) {
    this.coder = coder;
    this.out = out;
    this.params = params;
  }

  /**
   * An encoder writing to {@code out}, which it owns from now on. Nothing is written until the
   * first frame.
   */
  public static VideoEncoder open(ImageModel model, OutputStream out, VideoEncodeParams params) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(params, "params");
    return new VideoEncoder(FrameCoder.open(model), out, params);
  }

  /** The parameters the encoder was opened with. */
  public VideoEncodeParams params() {
    return params;
  }

  /** Frames encoded so far. */
  public long frames() {
    return frames;
  }

  /** Bytes written so far. */
  public long position() {
    return writer == null ? 0 : writer.position();
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
    Objects.requireNonNull(frame, "frame");
    SourceColour recorded = writer != null ? writer.sequence().colour() : params.source();
    if (recorded != null && recorded.chromaFormat().hasChroma()
        && recorded.matrix() != ColourMatrix.IDENTITY) {
      ColourDescription declared = ColourDescription.fromSource(recorded, frame.width(), frame.height());
      if (!declared.sameMeaningAs(frame.colour(), frame.format())) {
        throw new IllegalArgumentException("frame " + frames + " is " + frame.colour() + ", the stream records its"
            + " source as " + declared + ": describe the frame as the source is (YuvFrame.withColour)");
      }
    }
    RgbImage rgb = ColourConversion.toRgb(frame);
    return encode(rgb, recorded != null ? recorded : frame.colour().toSource(frame.format()), start,
        System.nanoTime() - start);
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
    Objects.requireNonNull(image, "image");
    return encode(image, params.source() != null ? params.source() : SourceColour.rgb(), start, 0);
  }

  /**
   * Codes and writes {@code image}; {@code start} is when the public call began, {@code colourNanos}
   * what its conversion to RGB took since.
   */
  private FrameTimings encode(RgbImage image, SourceColour firstSource, long start, long colourNanos)
      throws IOException {
    checkOpen();
    if (writer != null && (image.width() != writer.sequence().width() || image.height() != writer.sequence().height())) {
      throw new IllegalArgumentException("frame " + frames + " is " + image.width() + "x" + image.height()
          + ", the stream's frames are " + writer.sequence().width() + "x" + writer.sequence().height());
    }
    // Video frames are RGB: a grey picture is coded as its three equal planes.
    RgbImage picture = image.isGray() || image.hasAlpha() ? RgbImage.ofRgb(image.width(), image.height(), image.rgb())
        : image;
    FrameCoder.CodedPicture coded = coder.encode(picture, params.picture());
    long writeStart = System.nanoTime();
    if (writer == null) {
      writer = VideoContainerWriter.create(out, sequenceFor(coded.header(), firstSource), params.seekIndex(),
          VideoLimits.DEFAULT.withPicture(coder.pictureLimits()));
    }
    // All intra: frame k is shown k-th, with no references.
    writer.writeFrame(FrameHeader.intra(frames, coded.header().quality()), coded.tiles());
    out.flush();
    frames++;
    long end = System.nanoTime();
    return new FrameTimings(colourNanos, coded.analysisNanos(), coded.modelNanos(), coded.codingNanos(),
        end - writeStart, end - start);
  }

  /** The sequence header of a stream whose frames are coded as {@code picture} says. */
  private SequenceHeader sequenceFor(StreamHeader picture, SourceColour source) {
    StreamHeader stream = picture.toBuilder()
        .mediaKind(MediaKind.VIDEO)
        .colourFormat(ColourFormat.RGB)
        .frame(FrameType.INTRA, 0, params.gopLength())
        .build();
    return new SequenceHeader(stream, params.frameRate(), source, params.frameCount());
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
