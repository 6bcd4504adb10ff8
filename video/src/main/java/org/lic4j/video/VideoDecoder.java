package org.lic4j.video;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import java.util.Optional;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.frame.FrameCoder;

/**
 * Decodes a lic4j video stream (docs/video.md) frame by frame: from a pipe ({@link InputStream},
 * front to back) or from a channel, which can also {@link #seek} to any frame, through the
 * stream's index when it has one. It holds the coded frame and the picture in hand, nothing else,
 * whatever the length.
 *
 * <pre>{@code
 * try (VideoDecoder decoder = VideoDecoder.open(model, Files.newByteChannel(path), path.toString())) {
 *   decoder.seek(100);
 *   for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
 *     YuvFrame yuv = f.get().toYuv();
 *   }
 * }
 * }</pre>
 *
 * <p>Errors: a stream of another model is a {@link org.lic4j.bitstream.ModelMismatchException}
 * at open; a damaged frame a {@link org.lic4j.bitstream.CorruptStreamException} whose reason
 * names the frame ({@code frame 7: ...}) and whose offset is its chunk's; a predicted frame an
 * {@link UnsupportedFeatureException} (this version decodes intra frames). The model is shared
 * (closing the decoder leaves it open); the input is the decoder's, closed by {@link #close()}.
 * Not thread-safe.
 *
 * <p>Built on the packet level: the reader's frames are decoded by a {@link VideoPacketDecoder},
 * which an application demuxing its own container uses directly. Seeking is this level's.
 */
public final class VideoDecoder implements AutoCloseable {
  private final VideoContainerReader reader;
  /** Decodes the frames the reader hands out: this decoder is the packet level plus the stream. */
  private final VideoPacketDecoder frames;
  private final Closeable input;
  /** Frames shown before this display index are read and checked but not decoded (after a seek). */
  private long skipBelow;

  private VideoDecoder(FrameCoder coder, PFrameModel pFrameModel, VideoContainerReader reader, Closeable input)
      throws IOException {
    this.reader = reader;
    this.input = input;
    this.frames = VideoPacketDecoder.open(coder, pFrameModel, reader.sequence(), reader.resource());
  }

  /**
   * A decoder reading the stream that {@code in} delivers, front to back; {@code in} must end
   * where the stream does. Reads the header and sequence chunk.
   *
   * @param resource names the stream in error messages, e.g. a file name or {@code -}
   * @throws org.lic4j.bitstream.ModelMismatchException if the stream was coded with another model
   */
  public static VideoDecoder open(ImageModel model, InputStream in, String resource) throws IOException {
    return open(model, null, in, resource);
  }

  /**
   * {@link #open(ImageModel, InputStream, String)} for a stream that may have P frames, decoded
   * with {@code pFrameModel} ({@code null}: P frames are unsupported features).
   *
   * @throws org.lic4j.bitstream.ModelMismatchException if the stream was coded with other models
   */
  public static VideoDecoder open(ImageModel model, PFrameModel pFrameModel, InputStream in, String resource)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(in, "in");
    FrameCoder coder = FrameCoder.open(model);
    return open(coder, pFrameModel, () -> VideoContainerReader.open(in, resource, limits(coder)), in);
  }

  /**
   * A decoder reading the stream that occupies {@code channel} from its position to its end, which
   * can {@link #seek}. Reads the header, sequence chunk, footer and index.
   *
   * @throws org.lic4j.bitstream.ModelMismatchException if the stream was coded with another model
   */
  public static VideoDecoder open(ImageModel model, SeekableByteChannel channel, String resource)
      throws IOException {
    return open(model, null, channel, resource);
  }

  /**
   * {@link #open(ImageModel, SeekableByteChannel, String)} for a stream that may have P frames,
   * decoded with {@code pFrameModel} ({@code null}: P frames are unsupported features).
   */
  public static VideoDecoder open(ImageModel model, PFrameModel pFrameModel, SeekableByteChannel channel,
      String resource) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(channel, "channel");
    FrameCoder coder = FrameCoder.open(model);
    return open(coder, pFrameModel, () -> VideoContainerReader.open(channel, resource, limits(coder)), channel);
  }

  private interface ReaderOpener {
    VideoContainerReader open() throws IOException;
  }

  /** Opens the reader and the decoder; closes the input if either fails. */
  private static VideoDecoder open(FrameCoder coder, PFrameModel pFrameModel, ReaderOpener opener, Closeable input)
      throws IOException {
    try {
      return new VideoDecoder(coder, pFrameModel, opener.open(), input);
    } catch (IOException | RuntimeException e) {
      try {
        input.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The image decoder's picture limits, with the container's default video limits. */
  private static VideoLimits limits(FrameCoder coder) {
    return VideoPacketDecoder.limits(coder);
  }

  /**
   * What the stream says before its frames: size, frame rate, source colour, frame count if
   * known, model, GOP length, tiling.
   */
  public SequenceHeader sequence() {
    return reader.sequence();
  }

  /** The name given at open, used in error messages. */
  public String resource() {
    return reader.resource();
  }

  /** Whether {@link #seek} is possible: the decoder was opened on a channel. */
  public boolean seekable() {
    return reader.seekable();
  }

  /** Whether the stream has a seek index (known on a channel only). */
  public boolean hasIndex() {
    return reader.hasIndex();
  }

  /**
   * The next frame in stream order (display order, in an all-intra stream), or empty after the
   * last one, once the stream's end has been checked.
   *
   * @throws org.lic4j.bitstream.CorruptStreamException if the frame is damaged, naming it
   * @throws UnsupportedFeatureException for a predicted frame
   */
  public Optional<DecodedFrame> next() throws IOException {
    return nextTimed().map(TimedFrame::frame);
  }

  /**
   * {@link #next()}, with where the frame's time went: reading and checking its chunk, range
   * decoding, entropy model, synthesis ({@link FrameTimings}; no colour conversion, the frame is
   * RGB). Every decode runs these clocks, so this costs nothing more.
   *
   * @throws org.lic4j.bitstream.CorruptStreamException if the frame is damaged, naming it
   * @throws UnsupportedFeatureException for a predicted frame
   */
  public Optional<TimedFrame> nextTimed() throws IOException {
    long start = System.nanoTime();
    while (true) {
      Optional<CodedFrame> read = reader.next();
      if (read.isEmpty()) {
        return Optional.empty();
      }
      CodedFrame frame = read.get();
      if (frame.header().displayIndex() < skipBelow) {
        // Frames shown before the target are not returned. Without P frames none is decoded (an
        // intra frame needs nothing before it); with them each is, as the next one's reference.
        if (reader.sequence().hasPredictionModel()) {
          frames.decode(frame, frame.offset(), start);
        }
        continue;
      }
      return Optional.of(frames.decode(frame, frame.offset(), start));
    }
  }

  /**
   * Positions the decoder so that {@link #next()} returns the frame shown at {@code display} (or,
   * past the last frame, nothing more): the reader goes to the intra frame at or before it,
   * through the index or by walking the frame headers, and the frames shown before it are read
   * and checked but not decoded.
   *
   * @throws IllegalStateException if the decoder was opened on a pipe
   */
  public void seek(long display) throws IOException {
    reader.seek(display);
    skipBelow = display;
  }

  /** Closes the input. */
  @Override
  public void close() throws IOException {
    input.close();
  }
}
