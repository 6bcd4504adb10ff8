package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.CHUNK_HEADER_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.CHUNK_OVERHEAD;
import static org.lic4j.bitstream.container.ContainerFormat.CRC_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.FOOTER_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.FOOTER_PAYLOAD_LENGTH;
import static org.lic4j.bitstream.container.ContainerFormat.HEADER_BODY_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.HEADER_LENGTH_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.MAJOR_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.MINOR_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.hex32;
import static org.lic4j.bitstream.container.ContainerFormat.i32;
import static org.lic4j.bitstream.container.ContainerFormat.u16;
import static org.lic4j.bitstream.container.ContainerFormat.u32;
import static org.lic4j.bitstream.container.ContainerFormat.u8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;

/**
 * Reads a video stream (docs/video.md, "Stream") frame by frame, front to back, keeping nothing
 * of the frames it has handed out: from a pipe ({@link InputStream}) or from a channel, which may
 * also {@link #seek} to the intra frame at or before a display index, through the stream's index
 * when it has one.
 *
 * <p>Opening reads the signature, header and sequence chunk; from a channel also the footer and
 * the index at the end. {@link #next()} then returns the frames in stream order, each after its
 * chunk checksum and the frame order rules have been checked, and an empty result once the
 * footer has been checked (stream checksum and length, declared frame count, nothing after it).
 * Metadata and unknown optional chunks between frames are skipped; unknown mandatory ones are an
 * {@link UnsupportedFeatureException}. Every other fault is a {@link CorruptStreamException}
 * whose reason names the frame ({@code frame 7: ...}, numbered in stream order from 0, or
 * {@code after frame 6} for a chunk between frames) and whose offset is the faulty chunk's.
 *
 * <p>The caller owns the input and closes it. Not thread-safe.
 */
public final class VideoContainerReader {
  /** An index chunk must fit a Java array, whatever maxIndexEntries allows. */
  private static final long MAX_INDEX_CHUNK = ContainerLimits.MAX_CHUNK_LENGTH;

  private final VideoInput input;
  private final String resource;
  private final VideoLimits limits;
  private final FormatVersion version;
  private final SequenceHeader sequence;
  /** Offset of the first chunk after the sequence chunk. */
  private final long firstItem;
  /**
   * Offset of the footer for a channel, once checked at open; -1 for a pipe and until then (so
   * the sequence chunk is read without it).
   */
  private long footerOffset = -1;
  /** The stream's index, read at open from a channel; null without one. */
  private final SeekIndex index;
  private final byte[] scratch = new byte[FOOTER_LENGTH];

  private FrameOrder order;
  /** Number, in stream order, of the frame {@link #next()} reads next. */
  private long frameNumber;
  /** The intra frames read, as index entries, to check an index met in stream order. */
  private final CRC32C intraEntries = new CRC32C();
  private long intraCount;
  /** Whether reading began at the first frame, so the whole-stream checks apply. */
  private boolean fromStart = true;
  /** The index entry a seek went to, to check against the frame found there; or null. */
  private SeekIndex.Entry seekTarget;
  private boolean indexSeen;
  private boolean ended;
  /** Why the latest {@link #next()} failed, until a seek; null when it did not. */
  private LicFormatException failure;

  private VideoContainerReader(VideoInput input, String resource, VideoLimits limits)
      throws IOException {
    this.input = input;
    this.resource = resource;
    this.limits = limits;
    byte[] head = readHead();
    this.version = new FormatVersion(u8(head, MAJOR_OFFSET), u8(head, MINOR_OFFSET));
    StreamHeader header =
        HeaderCodec.decode(head, head.length - HEADER_BODY_OFFSET - CRC_LENGTH, version,
            limits.picture(), resource);
    if (header.mediaKind() != MediaKind.VIDEO) {
      throw new UnsupportedFeatureException("not a video stream: media kind "
          + header.mediaKind(), HEADER_BODY_OFFSET, resource);
    }
    String problem = VideoRules.videoHeader(header);
    if (problem != null) {
      throw corrupt(problem, HEADER_BODY_OFFSET);
    }
    this.sequence = readSequence(header);
    this.firstItem = input.position();
    this.order = new FrameOrder(sequence.gopLength(), sequence.frameCount());
    if (input.seekable()) {
      this.footerOffset = checkFooterAtEnd();
      this.index = readIndexAtEnd();
    } else {
      this.index = null;
    }
  }

  /** Opens a stream read from a pipe, with default limits; see the other overload. */
  public static VideoContainerReader open(InputStream in, String resource) throws IOException {
    return open(in, resource, VideoLimits.DEFAULT);
  }

  /**
   * Opens the stream that {@code in} delivers, reading its header and sequence chunk. {@code in}
   * must end where the stream does (the reader checks nothing follows the footer); it is read as
   * far as {@link #next()} needs, and not closed.
   *
   * @param resource names the stream in error messages, usually a file name or {@code -}
   */
  public static VideoContainerReader open(InputStream in, String resource, VideoLimits limits)
      throws IOException {
    Objects.requireNonNull(in, "in");
    return new VideoContainerReader(VideoInput.of(in), check(resource), check(limits));
  }

  /** Opens a stream on a channel with default limits; see the other overload. */
  public static VideoContainerReader open(SeekableByteChannel channel, String resource)
      throws IOException {
    return open(channel, resource, VideoLimits.DEFAULT);
  }

  /**
   * Opens the stream that occupies {@code channel} from its current position to its end: reads
   * its header and sequence chunk, checks the footer at the end and reads the index if there is
   * one. Offsets are relative to that position. The channel stays the caller's to close.
   */
  public static VideoContainerReader open(
      SeekableByteChannel channel, String resource, VideoLimits limits) throws IOException {
    Objects.requireNonNull(channel, "channel");
    return new VideoContainerReader(VideoInput.of(channel), check(resource), check(limits));
  }

  /**
   * The sequence header of a configuration record ({@link
   * VideoContainerWriter#configurationRecord}): the first bytes of a stream, signature, header and
   * sequence chunk, checked as a reader checks them at open, and nothing after them.
   *
   * @throws CorruptStreamException if the record is damaged, truncated or followed by more bytes
   * @throws org.lic4j.bitstream.LicFormatException as {@link #open(InputStream, String,
   *     VideoLimits)} for a version, media kind or limit the reader refuses
   */
  public static SequenceHeader readConfiguration(byte[] record, String resource, VideoLimits limits)
      throws IOException {
    Objects.requireNonNull(record, "record");
    VideoContainerReader reader =
        open(new ByteArrayInputStream(record), resource, limits);
    if (reader.position() != record.length) {
      throw reader.corrupt("configuration record of " + record.length + " bytes: "
          + (record.length - reader.position()) + " bytes after the sequence chunk",
          reader.position());
    }
    return reader.sequence();
  }

  private static String check(String resource) {
    return Objects.requireNonNull(resource, "resource");
  }

  private static VideoLimits check(VideoLimits limits) {
    return Objects.requireNonNull(limits, "limits");
  }

  /** The name given at open, used in error messages. */
  public String resource() {
    return resource;
  }

  /** The format version the stream declares. */
  public FormatVersion version() {
    return version;
  }

  /** The stream header and sequence chunk. */
  public SequenceHeader sequence() {
    return sequence;
  }

  /** Whether {@link #seek} is possible: the stream was opened on a channel. */
  public boolean seekable() {
    return input.seekable();
  }

  /** Whether the stream has a seek index (known for channels only; false for a pipe). */
  public boolean hasIndex() {
    return index != null;
  }

  /** Offset of the next chunk to read. */
  public long position() {
    return input.position();
  }

  // ---- header ----

  /** Signature, header frame and HeaderCrc, checked; the version checked against the range. */
  private byte[] readHead() throws IOException {
    byte[] signature = new byte[HEADER_BODY_OFFSET];
    int present = input.fill(signature, 0, signature.length);
    ContainerFormat.checkMagic(signature, present, resource);
    if (present < signature.length) {
      throw truncated("signature", signature.length, present, present);
    }
    int bodyLength = u16(signature, HEADER_LENGTH_OFFSET);
    byte[] head = Arrays.copyOf(signature, HEADER_BODY_OFFSET + bodyLength + CRC_LENGTH);
    int read = input.fill(head, HEADER_BODY_OFFSET, bodyLength + CRC_LENGTH);
    if (read < bodyLength + CRC_LENGTH) {
      throw truncated("header of " + bodyLength + " bytes", bodyLength + CRC_LENGTH, read,
          HEADER_BODY_OFFSET + read);
    }
    ContainerFormat.checkHeaderFrame(head, resource);
    return head;
  }

  private SequenceHeader readSequence(StreamHeader header) throws IOException {
    long at = input.position();
    ChunkType type = readChunkHeader(at, "sequence chunk");
    long length = u32(scratch, 4);
    if (!type.equals(VideoFormat.SEQUENCE)) {
      throw corrupt("first chunk is '" + type + "', a video stream starts with '"
          + VideoFormat.SEQUENCE + "'", at);
    }
    // 1.0: exactly the fixed fields; 1.1: the prediction model's length byte at least (the rest
    // checked once the payload is read); newer minors: anything from the fixed fields on.
    boolean exact = version.compareTo(FormatVersion.CURRENT) <= 0;
    int shortest = version.equals(FormatVersion.V1_1) ? VideoFormat.SEQUENCE_LENGTH + 1 : VideoFormat.SEQUENCE_LENGTH;
    if (length < shortest || (exact && length != VideoFormat.SEQUENCE_LENGTH)
        || length > limits.picture().maxChunkLength()) {
      throw corrupt("bad 'SEQH' length " + length + " (format " + version + ": "
          + shortest + (exact ? "" : " or more") + ")", at + 4);
    }
    byte[] payload = readPayload(at, type, (int) length, "sequence chunk");
    long p = at + CHUNK_HEADER_LENGTH;
    ModelId prediction = version.compareTo(FormatVersion.V1_1) >= 0 && length > VideoFormat.SEQUENCE_LENGTH
        ? predictionModel(payload, p) : null;
    FrameRate rate;
    long numerator = u32(payload, VideoFormat.RATE_NUMERATOR);
    long denominator = u32(payload, VideoFormat.RATE_DENOMINATOR);
    try {
      rate = new FrameRate(numerator, denominator);
    } catch (IllegalArgumentException e) {
      throw corrupt(e.getMessage(), p + VideoFormat.RATE_NUMERATOR);
    }
    long frameCount = u32(payload, VideoFormat.FRAME_COUNT);
    if (frameCount > limits.maxFrames()) {
      throw corrupt("frame count " + frameCount + " exceeds limit maxFrames="
          + limits.maxFrames(), p + VideoFormat.FRAME_COUNT);
    }
    ColourMatrix matrix = ColourMatrix.fromCode(u8(payload, VideoFormat.MATRIX));
    if (matrix == null) {
      throw unknownCode("colour matrix", payload, VideoFormat.MATRIX, p);
    }
    ColourRange range = ColourRange.fromCode(u8(payload, VideoFormat.RANGE));
    if (range == null) {
      throw unknownCode("colour range", payload, VideoFormat.RANGE, p);
    }
    ChromaSiting siting = ChromaSiting.fromCode(u8(payload, VideoFormat.SITING));
    if (siting == null) {
      throw unknownCode("chroma siting", payload, VideoFormat.SITING, p);
    }
    ChromaFormat chroma = ChromaFormat.fromCode(u8(payload, VideoFormat.CHROMA_FORMAT));
    if (chroma == null) {
      throw unknownCode("chroma format", payload, VideoFormat.CHROMA_FORMAT, p);
    }
    return new SequenceHeader(header, rate, new SourceColour(matrix, range, siting, chroma),
        frameCount, prediction);
  }

  /**
   * Format 1.1's prediction model (docs/video.md, "Sequence chunk"): null when its name length is
   * 0. In a 1.1 stream the payload ends exactly after it; a newer minor's may go on.
   */
  private ModelId predictionModel(byte[] payload, long payloadOffset) throws IOException {
    int at = VideoFormat.PREDICTION_MODEL;
    int nameLength = u8(payload, at);
    int end = nameLength == 0 ? at + 1 : at + 1 + nameLength + ModelId.HASH_LENGTH;
    boolean exact = version.compareTo(FormatVersion.IMPLEMENTED) <= 0;
    if (nameLength > ModelId.MAX_NAME_BYTES || payload.length < end || (exact && payload.length != end)) {
      throw corrupt("bad 'SEQH' prediction model: name of " + nameLength + " bytes (1.." + ModelId.MAX_NAME_BYTES
          + ", or 0 for none) in a sequence chunk of " + payload.length + " bytes", payloadOffset + at);
    }
    if (nameLength == 0) {
      return null;
    }
    String name;
    try {
      name = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload, at + 1, nameLength)).toString();
      return new ModelId(name, Arrays.copyOfRange(payload, at + 1 + nameLength, end));
    } catch (CharacterCodingException | IllegalArgumentException e) {
      throw corrupt("bad 'SEQH' prediction model name: " + e.getMessage(), payloadOffset + at + 1);
    }
  }

  /**
   * A code the format does not define: corruption in a stream of a version this reader
   * implements, a missing feature in one of a newer minor version (docs/bitstream.md 7).
   */
  private IOException unknownCode(String what, byte[] payload, int field, long payloadOffset) {
    int code = u8(payload, field);
    if (version.compareTo(FormatVersion.IMPLEMENTED) > 0) {
      return new UnsupportedFeatureException(what + " code " + code + " (format " + version
          + ") not supported by this reader (format " + FormatVersion.IMPLEMENTED + ")",
          payloadOffset + field, resource);
    }
    return corrupt("invalid " + what + " code " + code, payloadOffset + field);
  }

  // ---- footer and index from a channel ----

  /** Checks that a channel's stream ends with its footer; returns the footer's offset. */
  private long checkFooterAtEnd() throws IOException {
    long size = input.size();
    long at = size - FOOTER_LENGTH;
    byte[] footer = new byte[FOOTER_LENGTH];
    if (at < firstItem || input.readAt(at, footer) < FOOTER_LENGTH
        || !ContainerFormat.isFooter(footer, size)) {
      throw corrupt("truncated: the stream does not end with its footer (cut, or data"
          + " appended)", Math.max(firstItem, size));
    }
    return at;
  }

  /** The index chunk right before the footer, found from its trailing entry count, or null. */
  private SeekIndex readIndexAtEnd() throws IOException {
    long countAt = footerOffset - CRC_LENGTH - VideoFormat.INDEX_COUNT_LENGTH;
    if (countAt < firstItem) {
      return null;
    }
    byte[] count = new byte[VideoFormat.INDEX_COUNT_LENGTH];
    input.readAt(countAt, count);
    long entries = u32(count, 0);
    long length = VideoFormat.indexLength(entries);
    long at = footerOffset - CHUNK_OVERHEAD - length;
    if (at < firstItem) {
      return null;
    }
    byte[] head = new byte[CHUNK_HEADER_LENGTH];
    input.readAt(at, head);
    if (i32(head, 0) != VideoFormat.INDEX.code() || u32(head, 4) != length) {
      return null;
    }
    if (entries > limits.maxIndexEntries() || CHUNK_OVERHEAD + length > MAX_INDEX_CHUNK) {
      throw corrupt("index of " + entries + " entries exceeds limit maxIndexEntries="
          + limits.maxIndexEntries(), at);
    }
    byte[] chunk = new byte[(int) (CHUNK_OVERHEAD + length)];
    input.readAt(at, chunk);
    int crcOffset = chunk.length - CRC_LENGTH;
    checkCrc("index chunk", i32(chunk, crcOffset), ContainerFormat.crc32c(chunk, 0, crcOffset),
        at);
    byte[] payload = Arrays.copyOfRange(chunk, CHUNK_HEADER_LENGTH, crcOffset);
    String problem = SeekIndex.problem(payload, (int) entries, firstItem, at);
    if (problem != null) {
      throw corrupt(problem, at + CHUNK_HEADER_LENGTH);
    }
    return new SeekIndex(payload, (int) entries);
  }

  // ---- frames ----

  /**
   * The next frame in stream order, or empty once the footer has been read and checked.
   *
   * @throws CorruptStreamException for damage, truncation, a broken rule or a limit, naming the
   *     frame
   * @throws UnsupportedFeatureException for an unknown mandatory chunk, or a frame type or code
   *     of a newer minor version
   * @throws IllegalStateException if an earlier call failed: the reader stands in the middle of
   *     a chunk; a {@link #seek} (to a later frame, to salvage what follows) goes on from there
   */
  public Optional<CodedFrame> next() throws IOException {
    if (failure != null) {
      throw new IllegalStateException("reading " + resource + " failed (" + failure.getMessage()
          + "); only seek() goes on from there");
    }
    try {
      return readNext();
    } catch (LicFormatException e) {
      failure = e;
      throw e;
    }
  }

  private Optional<CodedFrame> readNext() throws IOException {
    while (!ended) {
      long at = input.position();
      ChunkType type = readChunkHeader(at, "chunk header " + context() + " (no footer yet)");
      long length = u32(scratch, 4);
      if (type.equals(ChunkType.FOOT)) {
        readFooter(at, length);
        ended = true;
      } else if (indexSeen) {
        throw corrupt(context() + ": '" + type + "' chunk after the index (it must be last)", at);
      } else if (type.equals(VideoFormat.FRAME)) {
        return Optional.of(readFrame(at, length));
      } else if (type.equals(VideoFormat.INDEX)) {
        readIndex(at, length);
      } else if (type.equals(VideoFormat.SEQUENCE) || type.isTileIndexed()) {
        throw corrupt(context() + ": '" + type + "' chunk in a video stream's frames", at);
      } else {
        skipChunk(at, type, length);
      }
    }
    return Optional.empty();
  }

  private CodedFrame readFrame(long at, long length) throws IOException {
    String label = "frame " + frameNumber;
    if (length < VideoFormat.MIN_FRAME_LENGTH || length > limits.maxFrameLength()) {
      throw corrupt(label + ": bad frame length " + length + " (at least "
          + VideoFormat.MIN_FRAME_LENGTH + ", limit maxFrameLength=" + limits.maxFrameLength()
          + ")", at + 4);
    }
    if (frameNumber >= limits.maxFrames()) {
      throw corrupt(label + ": more than " + limits.maxFrames() + " frames (limit maxFrames)",
          at);
    }
    byte[] payload = readPayload(at, VideoFormat.FRAME, (int) length, label);
    long p = at + CHUNK_HEADER_LENGTH;
    CodedFrame coded =
        FramePayloads.parse(payload, frameNumber, at, p, sequence.tileCount(), version, resource);
    FrameHeader frame = coded.header();
    long display = frame.displayIndex();
    checkSeekTarget(label, frame, at);
    String problem = order.admit(frame);
    if (problem != null) {
      throw corrupt(label + " (display " + display + "): " + problem, p);
    }
    if (fromStart && frame.isIntra()) {
      byte[] entry = new byte[VideoFormat.INDEX_ENTRY_LENGTH];
      VideoFormat.putIndexEntry(entry, 0, display, frameNumber, at);
      intraEntries.update(entry);
      intraCount++;
    }
    frameNumber++;
    return coded;
  }

  private void checkSeekTarget(String label, FrameHeader frame, long at)
      throws CorruptStreamException {
    if (seekTarget == null) {
      return;
    }
    SeekIndex.Entry target = seekTarget;
    seekTarget = null;
    if (!frame.isIntra() || frame.displayIndex() != target.display()) {
      throw corrupt(label + ": the index places intra frame " + target.display() + " here, the"
          + " stream has a " + frame.type() + " frame " + frame.displayIndex(), at);
    }
  }

  /** An index met in stream order: it must list exactly the intra frames read. */
  private void readIndex(long at, long length) throws IOException {
    String label = context() + ": index";
    long entries = (length - VideoFormat.INDEX_COUNT_LENGTH) / VideoFormat.INDEX_ENTRY_LENGTH;
    if (length < VideoFormat.INDEX_COUNT_LENGTH || VideoFormat.indexLength(entries) != length) {
      throw corrupt(label + " of " + length + " bytes (must be 16 per entry plus 4)", at + 4);
    }
    if (entries > limits.maxIndexEntries() || CHUNK_OVERHEAD + length > MAX_INDEX_CHUNK) {
      throw corrupt(label + " of " + entries + " entries exceeds limit maxIndexEntries="
          + limits.maxIndexEntries(), at + 4);
    }
    byte[] payload = readPayload(at, VideoFormat.INDEX, (int) length, label);
    int countAt = payload.length - VideoFormat.INDEX_COUNT_LENGTH;
    if (u32(payload, countAt) != entries) {
      throw corrupt(label + " declares " + u32(payload, countAt) + " entries in room for "
          + entries, at + CHUNK_HEADER_LENGTH + countAt);
    }
    CRC32C listed = new CRC32C();
    listed.update(payload, 0, countAt);
    if (fromStart && (entries != intraCount || listed.getValue() != intraEntries.getValue())) {
      throw corrupt(label + " does not list the stream's " + intraCount + " intra frames ("
          + entries + " entries)", at + CHUNK_HEADER_LENGTH);
    }
    indexSeen = true;
  }

  private void skipChunk(long at, ChunkType type, long length) throws IOException {
    if (length > limits.picture().maxChunkLength()) {
      throw corrupt(context() + ": bad chunk length " + length + " for '" + type
          + "' (limit maxChunkLength=" + limits.picture().maxChunkLength() + ")", at + 4);
    }
    checkBeforeFooter(at, length, "chunk '" + type + "'");
    CRC32C crc = new CRC32C();
    crc.update(scratch, 0, CHUNK_HEADER_LENGTH);
    long present = input.skip(length, crc);
    if (present < length) {
      throw truncated("chunk '" + type + "' " + context(), length, present,
          input.position());
    }
    checkChunkCrc(context() + ": chunk '" + type + "'", crc, at);
    if (type.isMandatory() && !type.isRegistered()) {
      throw new UnsupportedFeatureException("unknown mandatory chunk type '" + type
          + "' (reader supports format " + FormatVersion.IMPLEMENTED + ")", at, resource);
    }
  }

  private void readFooter(long at, long length) throws IOException {
    ContainerFormat.checkFooterLength(length, at, resource);
    int read = input.fill(scratch, CHUNK_HEADER_LENGTH, Long.BYTES);
    int streamCrc = input.crc();
    read += input.fill(scratch, CHUNK_HEADER_LENGTH + Long.BYTES, 2 * CRC_LENGTH);
    if (read < FOOTER_PAYLOAD_LENGTH + CRC_LENGTH) {
      throw truncated("footer", FOOTER_LENGTH, CHUNK_HEADER_LENGTH + read, at
          + CHUNK_HEADER_LENGTH + read);
    }
    long end = ContainerFormat.checkFooter(scratch, at, resource);
    if (input.crcFromStart()) {
      int stored = i32(scratch, ContainerFormat.FOOTER_STREAM_CRC_OFFSET);
      checkCrc("stream", stored, streamCrc, at + ContainerFormat.FOOTER_STREAM_CRC_OFFSET);
    }
    if (!input.atEnd()) {
      throw corrupt("extended: data after the footer", end);
    }
    String problem = fromStart ? order.end() : null;
    if (problem != null) {
      throw corrupt(problem, at);
    }
  }

  // ---- seeking ----

  /**
   * Positions the reader so that {@link #next()} returns the intra frame at or before display
   * index {@code display} (the first intra frame if there is none before), using the index, or
   * without one by walking the chunk headers from the first frame. Frames then come in stream
   * order from there; the stream checksum and declared frame count are no longer checked.
   *
   * @return the display index of the intra frame reached, or -1 if the stream has no frame
   * @throws IllegalStateException if the stream was opened on a pipe
   * @throws CorruptStreamException if the structure walked is damaged
   */
  public long seek(long display) throws IOException {
    if (!input.seekable()) {
      throw new IllegalStateException("cannot seek in " + resource + ": opened on a pipe");
    }
    if (display < 0) {
      throw new IllegalArgumentException("display index " + display + " is negative");
    }
    SeekIndex.Entry target = index != null ? index.atOrBefore(display) : scan(display);
    input.seek(target == null ? firstItem : target.offset());
    order = new FrameOrder(sequence.gopLength(), sequence.frameCount());
    frameNumber = target == null ? 0 : target.number();
    fromStart = false;
    indexSeen = false;
    ended = false;
    failure = null;
    seekTarget = target;
    return target == null ? -1 : target.display();
  }

  /** Without an index: the frame headers from the first frame, until an intra frame too late. */
  private SeekIndex.Entry scan(long display) throws IOException {
    SeekIndex.Entry found = null;
    byte[] head = new byte[CHUNK_HEADER_LENGTH + VideoFormat.REFERENCES];
    long number = 0;
    for (long at = firstItem; at < footerOffset; ) {
      if (input.readAt(at, head) < head.length) {
        throw corrupt("bad length: chunk at " + at + " runs into the footer", at);
      }
      long length = u32(head, 4);
      checkBeforeFooter(at, length, "chunk");
      if (i32(head, 0) == VideoFormat.FRAME.code() && length >= VideoFormat.MIN_FRAME_LENGTH) {
        boolean intra = u8(head, CHUNK_HEADER_LENGTH) == FrameType.INTRA.code();
        long frameDisplay = u32(head, CHUNK_HEADER_LENGTH + VideoFormat.DISPLAY_INDEX);
        if (intra && found != null && frameDisplay > display) {
          break;
        }
        if (intra) {
          found = new SeekIndex.Entry(frameDisplay, number, at);
        }
        number++;
      }
      at += CHUNK_OVERHEAD + length;
    }
    // The target is checked as an indexed one would be, when next() reads it.
    return found;
  }

  // ---- framing ----

  /** Reads a chunk's type and length into {@code scratch}; the type must be valid. */
  private ChunkType readChunkHeader(long at, String what) throws IOException {
    int present = input.fill(scratch, 0, CHUNK_HEADER_LENGTH);
    if (present < CHUNK_HEADER_LENGTH) {
      throw truncated(what, CHUNK_HEADER_LENGTH, present, at + present);
    }
    int code = i32(scratch, 0);
    ChunkType type = ChunkType.fromCode(code);
    if (type == null) {
      throw corrupt(context() + ": bad chunk type " + hex32(code), at);
    }
    return type;
  }

  /** A chunk's payload and checksum, checked; {@code scratch} holds its chunk header. */
  private byte[] readPayload(long at, ChunkType type, int length, String what)
      throws IOException {
    checkBeforeFooter(at, length, what);
    byte[] payload = input.readGrowing(length);
    byte[] stored = new byte[CRC_LENGTH];
    int crcPresent = payload.length < length ? 0 : input.fill(stored, 0, CRC_LENGTH);
    if (payload.length + crcPresent < length + CRC_LENGTH) {
      throw truncated(what + " (chunk '" + type + "' of " + length + " bytes)",
          length + CRC_LENGTH, payload.length + crcPresent, input.position());
    }
    CRC32C crc = new CRC32C();
    crc.update(scratch, 0, CHUNK_HEADER_LENGTH);
    crc.update(payload);
    checkCrc(what + ": chunk '" + type + "'", i32(stored, 0), (int) crc.getValue(), at);
    return payload;
  }

  private void checkChunkCrc(String what, CRC32C crc, long at) throws IOException {
    byte[] stored = new byte[CRC_LENGTH];
    int present = input.fill(stored, 0, CRC_LENGTH);
    if (present < CRC_LENGTH) {
      throw truncated(what + " checksum", CRC_LENGTH, present, input.position());
    }
    checkCrc(what, i32(stored, 0), (int) crc.getValue(), at);
  }

  /**
   * From a channel, whose footer was checked at open, a chunk running past the footer has a
   * damaged length (docs/bitstream.md 8: "bad length", not truncation).
   */
  private void checkBeforeFooter(long at, long length, String what)
      throws CorruptStreamException {
    if (footerOffset >= 0 && at + CHUNK_OVERHEAD + length > footerOffset) {
      throw corrupt("bad length: " + what + " of " + length + " bytes at " + at
          + " runs past the footer at " + footerOffset, at + 4);
    }
  }

  /** Where the reader is, for messages: the frame a chunk follows. */
  private String context() {
    return frameNumber == 0 ? "before the first frame" : "after frame " + (frameNumber - 1);
  }

  private void checkCrc(String what, int stored, int computed, long offset)
      throws CorruptStreamException {
    ContainerFormat.checkCrc(what, stored, computed, offset, resource);
  }

  private CorruptStreamException truncated(String what, long needed, long present, long at) {
    return corrupt("truncated: " + what + " needs " + needed + " bytes, " + present
        + " present", at);
  }

  private CorruptStreamException corrupt(String reason, long offset) {
    return new CorruptStreamException(reason, offset, resource);
  }
}
