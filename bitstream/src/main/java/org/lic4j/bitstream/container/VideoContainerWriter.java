package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.CRC_LENGTH;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
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
  private final OutputStream out;
  private final SequenceHeader sequence;
  private final VideoLimits limits;
  private final boolean indexed;
  private final FrameOrder order;
  /** Checksum of every byte written so far; becomes the footer's StreamCrc. */
  private final CRC32C streamCrc = new CRC32C();
  /** Intra frames' display index, frame number and offset, three per entry, for the index. */
  private long[] intraFrames = new long[0];
  private int intraCount;
  private long position;
  private boolean finished;
  private boolean closed;

  private VideoContainerWriter(
      OutputStream out, SequenceHeader sequence, VideoLimits limits, boolean indexed) {
    this.out = out;
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
   * Writes the signature (format {@link FormatVersion#CURRENT}), header and sequence chunk to
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
    HeaderRules.require(limits.picture().headerProblem(sequence.stream()));
    if (sequence.frameCount() > limits.maxFrames()) {
      throw new IllegalArgumentException("frame count " + sequence.frameCount()
          + " exceeds limit maxFrames=" + limits.maxFrames());
    }
    VideoContainerWriter writer = new VideoContainerWriter(out, sequence, limits, indexed);
    writer.write(ContainerFormat.encodeHeader(
        FormatVersion.CURRENT, HeaderCodec.encode(sequence.stream())));
    writer.writeChunk(VideoFormat.SEQUENCE, VideoFormat.encodeSequence(sequence));
    return writer;
  }

  /** The sequence this stream was started with. */
  public SequenceHeader sequence() {
    return sequence;
  }

  /** Bytes written so far: the offset the next chunk will have. */
  public long position() {
    return position;
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
    checkOpen();
    if (tiles.size() != sequence.tileCount()) {
      throw new IllegalArgumentException(
          tiles.size() + " tiles for a frame of " + sequence.tileCount());
    }
    int[] lengths = new int[tiles.size()];
    long length = VideoFormat.frameHeadLength(frame.references().size(), tiles.size());
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = tiles.get(i).length;
      length += lengths[i];
    }
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
    long number = frames();
    long offset = position;
    HeaderRules.require(order.admit(frame));
    if (indexed && frame.isIntra()) {
      remember(frame.displayIndex(), number, offset);
    }
    byte[] head = VideoFormat.encodeFrameHead(frame, lengths);
    byte[] chunkHead = ContainerFormat.chunkHeader(VideoFormat.FRAME, (int) length);
    CRC32C crc = new CRC32C();
    crc.update(chunkHead);
    crc.update(head);
    write(chunkHead);
    write(head);
    for (byte[] tile : tiles) {
      crc.update(tile);
      write(tile);
    }
    writeCrc(crc);
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
    checkOpen();
    if (payload.length > limits.picture().maxChunkLength()) {
      throw new IllegalArgumentException("'" + type + "' payload of " + payload.length
          + " bytes exceeds limit maxChunkLength=" + limits.picture().maxChunkLength());
    }
    writeChunk(type, payload);
  }

  /** A chunk whose length the caller has bounded (sequence, index: by their own limits). */
  private void writeChunk(ChunkType type, byte[] payload) throws IOException {
    byte[] head = ContainerFormat.chunkHeader(type, payload.length);
    CRC32C crc = new CRC32C();
    crc.update(head);
    crc.update(payload);
    write(head);
    write(payload);
    writeCrc(crc);
  }

  /**
   * Writes the index (if the writer was created with one) and the footer, and flushes; the stream
   * is then complete and takes no more frames.
   *
   * @throws IllegalStateException if the sequence declares a frame count that was not written
   *     (nothing is written then: the stream stays incomplete)
   */
  public void finish() throws IOException {
    checkOpen();
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
      writeChunk(VideoFormat.INDEX, index);
    }
    byte[] footer = ContainerFormat.encodeFooter(position, streamCrc);
    out.write(footer);
    position += footer.length;
    finished = true;
    out.flush();
  }

  /** Closes the underlying stream; without {@link #finish()} first, the stream is incomplete. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }

  private void checkOpen() {
    if (finished || closed) {
      throw new IllegalStateException(finished ? "stream already finished" : "writer closed");
    }
  }

  private void writeCrc(CRC32C crc) throws IOException {
    byte[] trailer = new byte[CRC_LENGTH];
    ContainerFormat.putI32(trailer, 0, (int) crc.getValue());
    write(trailer);
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    streamCrc.update(bytes);
    position += bytes.length;
  }
}
