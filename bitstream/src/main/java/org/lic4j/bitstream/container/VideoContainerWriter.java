package org.lic4j.bitstream.container;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.SequenceHeader;

/**
 * Writes a video stream (docs/video.md, "Stream") front to back, never seeking back: the
 * signature, header and sequence chunk on {@link #create}, one chunk per {@link #writeFrame}, then
 * on {@link #finish()} the seek index (if asked for) and the footer. Memory does not grow with the
 * number of frames, except the index's 24 bytes per intra frame when there is one.
 *
 * <p>As {@link ContainerWriter}: only {@link #finish()} completes a stream, so a failed encode
 * leaves one that every reader rejects as truncated; arguments that would make an invalid stream
 * (frame order, references, tile count, limits) are refused with {@link
 * IllegalArgumentException} before anything of the frame is written. Not thread-safe.
 */
public final class VideoContainerWriter implements Closeable {
  private final ChunkSink sink;
  private final SequenceHeader sequence;
  private final VideoLimits limits;
  private final boolean indexed;
  private final FrameOrder order;
  /** Intra frames' display index, frame number and offset, three per entry, for the index. */
  private long[] intraFrames = new long[0];
  private int intraCount;

  private VideoContainerWriter(
      ChunkSink sink, SequenceHeader sequence, VideoLimits limits, boolean indexed) {
    this.sink = sink;
    this.sequence = sequence;
    this.limits = limits;
    this.indexed = indexed;
    this.order = new FrameOrder(sequence.gopLength(), sequence.frameCount());
  }

  /** Starts a stream with default limits; see the other overload. */
  public static VideoContainerWriter create(
      OutputStream out, SequenceHeader sequence, boolean indexed) throws IOException {
    return create(out, sequence, indexed, VideoLimits.DEFAULT);
  }

  /**
   * Writes the signature (format {@link SequenceHeader#formatVersion()}), header and sequence chunk to
   * {@code out} and returns a writer for the frames. The writer owns {@code out} and closes it on
   * {@link #close()}.
   *
   * @param indexed whether {@link #finish()} writes a seek index of the intra frames
   * @param limits what the stream must respect, so readers with the same limits accept it
   * @throws IllegalArgumentException if the sequence exceeds {@code limits}
   */
  public static VideoContainerWriter create(
      OutputStream out, SequenceHeader sequence, boolean indexed, VideoLimits limits)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(limits, "limits");
    checkSequence(sequence, limits);
    ChunkSink sink = ChunkSink.start(out, sequence.formatVersion(), HeaderCodec.encode(sequence.stream()));
    sink.writeChunk(VideoFormat.SEQUENCE, VideoFormat.encodeSequence(sequence));
    return new VideoContainerWriter(sink, sequence, limits, indexed);
  }

  /**
   * The configuration record of {@code sequence}: the bytes a stream of it starts with, signature
   * (format {@link SequenceHeader#formatVersion()}), header and sequence chunk, exactly as {@link #create}
   * writes them. A muxer stores it once, as codec private data, with the frames' payloads as
   * packets; {@link VideoContainerReader#readConfiguration} reads it back.
   *
   * @throws IllegalArgumentException if the sequence exceeds {@code limits}
   */
  public static byte[] configurationRecord(SequenceHeader sequence, VideoLimits limits) {
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(limits, "limits");
    checkSequence(sequence, limits);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChunkSink sink = ChunkSink.start(out, sequence.formatVersion(), HeaderCodec.encode(sequence.stream()));
      sink.writeChunk(VideoFormat.SEQUENCE, VideoFormat.encodeSequence(sequence));
    } catch (IOException e) {
      throw new UncheckedIOException("in memory", e);
    }
    return out.toByteArray();
  }

  private static void checkSequence(SequenceHeader sequence, VideoLimits limits) {
    HeaderRules.require(limits.picture().headerProblem(sequence.stream()));
    if (sequence.frameCount() > limits.maxFrames()) {
      throw new IllegalArgumentException("frame count " + sequence.frameCount()
          + " exceeds limit maxFrames=" + limits.maxFrames());
    }
  }

  /** The sequence this stream was started with. */
  public SequenceHeader sequence() {
    return sequence;
  }

  /** Bytes written so far: the offset the next chunk will have. */
  public long position() {
    return sink.position();
  }

  /**
   * The bytes {@link #finish()} would write now: the seek index of the intra frames so far (if the
   * writer keeps one) and the footer. With {@link #position()}, the length the stream would have
   * if it ended here; a rate controller counts it as spent.
   */
  public long finishLength() {
    long index = indexed ? ContainerFormat.CHUNK_OVERHEAD + VideoFormat.indexLength(intraCount) : 0;
    return index + ContainerFormat.FOOTER_LENGTH;
  }

  /** Frames written so far. */
  public long frames() {
    return order.frames();
  }

  /**
   * Writes one frame: its header and the codec's data of each tile, in tile order (the bytes a
   * {@code TILE} chunk carries after its tile index).
   *
   * @throws IllegalArgumentException if the frame breaks the frame order (docs/video.md), the
   *     number of tiles is not the header's tile count, or the frame is over the limits
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   */
  public void writeFrame(FrameHeader frame, List<byte[]> tiles) throws IOException {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(tiles, "tiles");
    sink.checkOpen();
    if (tiles.size() != sequence.tileCount()) {
      throw new IllegalArgumentException(
          tiles.size() + " tiles for a frame of " + sequence.tileCount());
    }
    long length = VideoFormat.frameHeadLength(frame.references().size(), tiles.size());
    for (byte[] tile : tiles) {
      length += tile.length;
    }
    checkFrame(frame, length);
    write(frame, FramePayloads.encode(frame, tiles));
  }

  /**
   * Writes one frame given as its chunk's whole payload ({@link FramePayloads}: a video packet
   * as the packet encoder gives it), unchanged.
   *
   * @throws IllegalArgumentException if the payload does not parse as a frame of this stream
   *     (field ranges, tile lengths for its tile count), breaks the frame order, or is over the
   *     limits
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   */
  public void writeFrame(byte[] payload) throws IOException {
    Objects.requireNonNull(payload, "payload");
    sink.checkOpen();
    FrameHeader frame;
    try {
      frame = FramePayloads.parse(payload, frames(), position(), 0, sequence.tileCount(),
          sequence.formatVersion(), "frame payload").header();
    } catch (LicFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    checkFrame(frame, payload.length);
    write(frame, payload);
  }

  /** The limits a frame of {@code length} payload bytes must respect. */
  private void checkFrame(FrameHeader frame, long length) {
    if (length > limits.maxFrameLength()) {
      throw new IllegalArgumentException("frame " + frames() + " of " + length
          + " bytes exceeds limit maxFrameLength=" + limits.maxFrameLength());
    }
    if (frames() >= limits.maxFrames()) {
      throw new IllegalArgumentException("more than " + limits.maxFrames()
          + " frames (limit maxFrames)");
    }
    if (indexed && frame.isIntra() && intraCount >= limits.maxIndexEntries()) {
      throw new IllegalArgumentException("more than " + limits.maxIndexEntries()
          + " intra frames to index (limit maxIndexEntries)");
    }
  }

  private void write(FrameHeader frame, byte[] payload) throws IOException {
    long number = frames();
    long offset = sink.position();
    HeaderRules.require(order.admit(frame));
    if (indexed && frame.isIntra()) {
      remember(frame.displayIndex(), number, offset);
    }
    sink.writeChunk(VideoFormat.FRAME, payload);
  }

  private void remember(long display, long number, long offset) {
    if (3 * intraCount == intraFrames.length) {
      intraFrames = Arrays.copyOf(intraFrames, Math.max(48, intraFrames.length * 2));
    }
    intraFrames[3 * intraCount] = display;
    intraFrames[3 * intraCount + 1] = number;
    intraFrames[3 * intraCount + 2] = offset;
    intraCount++;
  }

  /**
   * Writes a metadata chunk between frames: {@link ChunkType#ICCP}, {@link ChunkType#EXIF},
   * {@link ChunkType#TEXT}, or an unregistered optional type (readers skip it).
   *
   * @throws IllegalArgumentException for a mandatory type, for the video's own types (written by
   *     {@link #create}, {@link #writeFrame} and {@link #finish()}), or over the limits
   */
  public void writeMetadata(ChunkType type, byte[] payload) throws IOException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    if (type.isMandatory() || type.equals(VideoFormat.INDEX)) {
      throw new IllegalArgumentException("'" + type + "' is not a metadata chunk of a video");
    }
    sink.checkOpen();
    if (payload.length > limits.picture().maxChunkLength()) {
      throw new IllegalArgumentException("'" + type + "' payload of " + payload.length
          + " bytes exceeds limit maxChunkLength=" + limits.picture().maxChunkLength());
    }
    sink.writeChunk(type, payload);
  }

  /**
   * Writes the index (if the writer was created with one) and the footer, and flushes; the stream
   * is then complete and takes no more frames.
   *
   * @throws IllegalStateException if the sequence declares a frame count that was not written
   *     (nothing is written then: the stream stays incomplete)
   */
  public void finish() throws IOException {
    sink.checkOpen();
    String missing = order.end();
    if (missing != null) {
      throw new IllegalStateException(missing);
    }
    if (indexed) {
      byte[] index = new byte[(int) VideoFormat.indexLength(intraCount)];
      for (int i = 0; i < intraCount; i++) {
        VideoFormat.putIndexEntry(index, i, intraFrames[3 * i], intraFrames[3 * i + 1],
            intraFrames[3 * i + 2]);
      }
      ContainerFormat.putI32(index, index.length - VideoFormat.INDEX_COUNT_LENGTH, intraCount);
      // Bounded by maxIndexEntries, checked as each intra frame was written.
      sink.writeChunk(VideoFormat.INDEX, index);
    }
    sink.finish();
  }

  /** Closes the underlying stream; without {@link #finish()} first, the stream is incomplete. */
  @Override
  public void close() throws IOException {
    sink.close();
  }
}
