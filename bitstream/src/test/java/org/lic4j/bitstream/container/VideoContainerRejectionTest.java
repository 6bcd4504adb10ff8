package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lic4j.bitstream.container.VideoContainerRoundTripTest.readAll;
import static org.lic4j.bitstream.container.VideoSamples.RESOURCE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;

/**
 * Every way a video stream can be wrong, read from a pipe and from a channel: each is the typed
 * exception, with the frame named where there is one, and nothing is allocated on an unchecked
 * length.
 */
final class VideoContainerRejectionTest {
  private static final SequenceHeader SMALL = VideoSamples.sequence(64, 64, 0, 3);
  private static final Pattern MESSAGE =
      Pattern.compile("(?s).+: offset=\\d+ \\(resource=" + Pattern.quote(RESOURCE) + "\\)");

  /** Three one-tile frames, metadata between, an index: a few hundred bytes. */
  private static byte[] small() {
    return VideoSamples.write(SMALL, true, writer -> {
      writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(SMALL, 0));
      writer.writeMetadata(ChunkType.TEXT, "a\0b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      writer.writeFrame(VideoSamples.intra(1), VideoSamples.tiles(SMALL, 1));
      writer.writeFrame(VideoSamples.intra(2), VideoSamples.tiles(SMALL, 2));
    });
  }

  /** What reading the whole stream both ways throws; fails if either way succeeds. */
  private static <T extends LicFormatException> List<T> rejectBothWays(
      Class<T> expected, byte[] stream, VideoLimits limits) {
    List<T> thrown = new ArrayList<>();
    thrown.add(assertThrows(expected, () -> readAll(
        VideoContainerReader.open(new ByteArrayInputStream(stream), RESOURCE, limits)), "pipe"));
    thrown.add(assertThrows(expected, () -> readAll(
        VideoContainerReader.open(new ByteArrayChannel(stream), RESOURCE, limits)), "channel"));
    for (T e : thrown) {
      assertTrue(MESSAGE.matcher(e.getMessage()).matches(), e.getMessage());
    }
    return thrown;
  }

  private static <T extends LicFormatException> List<T> rejectBothWays(
      Class<T> expected, byte[] stream) {
    return rejectBothWays(expected, stream, VideoLimits.DEFAULT);
  }

  /** A stream of raw chunks after the small sequence's header and sequence chunk. */
  private static RawStream raw(SequenceHeader sequence) {
    return RawStream.start(sequence.stream())
        .chunk("SEQH", VideoFormat.encodeSequence(sequence));
  }

  /** A FRAM payload with the sample tiles of frame {@code n}; need not follow the rules. */
  private static byte[] frame(FrameHeader header, SequenceHeader sequence, long n) {
    List<byte[]> tiles = VideoSamples.tiles(sequence, n);
    int[] lengths = tiles.stream().mapToInt(t -> t.length).toArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(VideoFormat.encodeFrameHead(header, lengths));
    tiles.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] intraFrame(long n) {
    return frame(VideoSamples.intra(n), SMALL, n);
  }

  // ---- damage ----

  @Test
  void everyTruncationIsReported() throws IOException {
    byte[] stream = small();
    for (int length = 0; length < stream.length; length++) {
      byte[] cut = Arrays.copyOf(stream, length);
      for (CorruptStreamException e : rejectBothWays(CorruptStreamException.class, cut)) {
        assertTrue(e.reason().startsWith("truncated"), "cut at " + length + ": " + e.getMessage());
      }
    }
  }

  @Test
  void everyDamagedByteIsReportedWithItsFrame() throws IOException {
    byte[] stream = small();
    List<CodedFrame> frames = readAll(VideoContainerRoundTripTest.pipe(stream));
    for (int at = 0; at < stream.length; at++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF}) {
        byte[] damaged = stream.clone();
        damaged[at] ^= (byte) mask;
        List<CorruptStreamException> thrown =
            rejectBothWays(CorruptStreamException.class, damaged);
        for (CodedFrame frame : frames) {
          // Past its type: a damaged type is an unknown chunk after the previous frame.
          if (at >= frame.offset() + 4 && at < frame.offset() + frame.chunkLength()) {
            for (CorruptStreamException e : thrown) {
              assertTrue(e.reason().matches(".*\\bframe " + frame.number() + "[: (].*"),
                  "byte " + at + " of " + frame + ": " + e.getMessage());
              assertTrue(e.offset() >= frame.offset(), e.getMessage());
            }
          }
        }
      }
    }
  }

  /** After a damaged frame the reader refuses to go on, but a seek past the damage salvages. */
  @Test
  void aSeekGoesOnAfterADamagedFrame() throws IOException {
    byte[] stream = small();
    CodedFrame second = readAll(VideoContainerRoundTripTest.pipe(stream)).get(1);
    byte[] damaged = stream.clone();
    damaged[(int) second.offset() + 12] ^= 1;
    VideoContainerReader reader = VideoContainerRoundTripTest.channel(damaged);
    assertEquals(0, reader.next().orElseThrow().number());
    CorruptStreamException e = assertThrows(CorruptStreamException.class, reader::next);
    assertTrue(e.reason().startsWith("frame 1: chunk 'FRAM' checksum mismatch"), e.getMessage());
    assertEquals(second.offset(), e.offset());
    assertThrows(IllegalStateException.class, reader::next);
    assertEquals(2, reader.seek(2));
    assertEquals(2, reader.next().orElseThrow().number());
    assertTrue(reader.next().isEmpty());
  }

  @Test
  void lostFramesAreCaughtByTheFooter() throws IOException {
    byte[] stream = small();
    List<CodedFrame> frames = readAll(VideoContainerRoundTripTest.pipe(stream));
    CodedFrame second = frames.get(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(stream, 0, (int) second.offset());
    long end = second.offset() + second.chunkLength();
    out.write(stream, (int) end, (int) (stream.length - end));
    // The index still vouches for frame 2's old offset, the footer for the old length.
    rejectBothWays(CorruptStreamException.class, out.toByteArray());
  }

  @Test
  void dataAfterTheFooterIsRejected() {
    byte[] stream = small();
    byte[] extended = Arrays.copyOf(stream, stream.length + 1);
    List<CorruptStreamException> thrown = rejectBothWays(CorruptStreamException.class, extended);
    assertTrue(thrown.get(0).reason().startsWith("extended"), thrown.get(0).getMessage());
  }

  // ---- rules ----

  @Test
  void unknownMandatoryChunkIsAnUnsupportedFeature() {
    byte[] stream = raw(SMALL).chunk("FRAM", intraFrame(0)).chunk("ZZZZ", new byte[3])
        .chunk("FRAM", intraFrame(1)).chunk("FRAM", intraFrame(2)).finish();
    rejectBothWays(UnsupportedFeatureException.class, stream);
    byte[] optional = raw(SMALL).chunk("FRAM", intraFrame(0)).chunk("zzzz", new byte[3])
        .chunk("FRAM", intraFrame(1)).chunk("FRAM", intraFrame(2)).finish();
    assertEquals(SMALL.frameCount(),
        assertDoesNotThrowAll(optional).size(), "an unknown optional chunk is skipped");
  }

  private static List<CodedFrame> assertDoesNotThrowAll(byte[] stream) {
    try {
      List<CodedFrame> frames = readAll(VideoContainerRoundTripTest.pipe(stream));
      assertEquals(frames.size(), readAll(VideoContainerRoundTripTest.channel(stream)).size());
      return frames;
    } catch (IOException e) {
      return fail(e);
    }
  }

  @Test
  void frameTypeCodesBeyondTheFormatAreRejected() {
    for (int code : new int[] {3, 0x7F, 0xFF}) {
      byte[] bad = intraFrame(0);
      bad[VideoFormat.FRAME_TYPE] = (byte) code;
      byte[] stream = raw(VideoSamples.sequence(64, 64, 0, 0)).chunk("FRAM", bad).finish();
      for (CorruptStreamException e : rejectBothWays(CorruptStreamException.class, stream)) {
        assertTrue(e.reason().contains("frame 0: invalid frame type code " + code), e.getMessage());
      }
      // In a newer minor version the code may mean something: not corrupt, unsupported.
      byte[] newer = RawStream.start(1, 3, RawStream.body(SMALL.stream()))
          .chunk("SEQH", VideoFormat.encodeSequence(SMALL)).chunk("FRAM", bad).finish();
      rejectBothWays(UnsupportedFeatureException.class, newer);
    }
  }

  @Test
  void referencesMustNameEarlierFramesSinceTheLatestIntra() {
    SequenceHeader open = VideoSamples.sequence(64, 64, 0, 0);
    FrameHeader dangling = new FrameHeader(FrameType.PREDICTED, 10, 2, List.of(1L));
    FrameHeader acrossIntra = new FrameHeader(FrameType.PREDICTED, 10, 3, List.of(0L));
    FrameHeader self = FrameHeader.intra(1, 10);
    byte[] selfRef = frame(self, open, 1);
    selfRef[VideoFormat.REFERENCE_COUNT] = 1; // an intra frame with a reference: header too long
    List<byte[]> cases = List.of(
        raw(open).chunk("FRAM", intraFrame(0)).chunk("FRAM", frame(dangling, open, 1)).finish(),
        raw(open).chunk("FRAM", intraFrame(0)).chunk("FRAM", intraFrame(1))
            .chunk("FRAM", frame(acrossIntra, open, 2)).finish(),
        raw(open).chunk("FRAM", frame(new FrameHeader(FrameType.PREDICTED, 10, 1, List.of(0L)),
            open, 0)).finish(),
        raw(open).chunk("FRAM", intraFrame(0)).chunk("FRAM", selfRef).finish());
    for (byte[] stream : cases) {
      for (CorruptStreamException e : rejectBothWays(CorruptStreamException.class, stream)) {
        assertTrue(e.reason().matches("frame \\d+[: (].*"), e.getMessage());
      }
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class, () -> {
      try (VideoContainerWriter writer = VideoContainerWriter.create(sink, open, false)) {
        writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(open, 0));
        writer.writeFrame(dangling, VideoSamples.tiles(open, 1));
      }
    });
  }

  @Test
  void displayOrderAndGopAreChecked() {
    SequenceHeader gop2 = VideoSamples.sequence(64, 64, 2, 0);
    FrameHeader p1 = new FrameHeader(FrameType.PREDICTED, 10, 1, List.of(0L));
    FrameHeader p2 = new FrameHeader(FrameType.PREDICTED, 10, 2, List.of(1L));
    FrameHeader b0 = new FrameHeader(FrameType.BIPREDICTED, 10, 0, List.of(1L));
    List<byte[]> cases = List.of(
        // I0 I0: display indexes repeat.
        raw(gop2).chunk("FRAM", intraFrame(0)).chunk("FRAM", intraFrame(0)).finish(),
        // I0 P1 P2 with GOP 2: no intra frame for three frames.
        raw(gop2).chunk("FRAM", intraFrame(0)).chunk("FRAM", frame(p1, gop2, 1))
            .chunk("FRAM", frame(p2, gop2, 2)).finish(),
        // I0 P1 B0: B0 is not after the previous anchor.
        raw(gop2).chunk("FRAM", intraFrame(0)).chunk("FRAM", frame(p1, gop2, 1))
            .chunk("FRAM", frame(b0, gop2, 2)).finish(),
        // Frame count 3, display index 3.
        raw(SMALL).chunk("FRAM", intraFrame(0)).chunk("FRAM", intraFrame(3)).finish(),
        // Frame count 3, two frames.
        raw(SMALL).chunk("FRAM", intraFrame(0)).chunk("FRAM", intraFrame(1)).finish());
    for (byte[] stream : cases) {
      rejectBothWays(CorruptStreamException.class, stream);
    }
  }

  @Test
  void chunksOutOfPlaceAreRejected() {
    List<byte[]> cases = List.of(
        // No sequence chunk first.
        RawStream.start(SMALL.stream()).chunk("FRAM", intraFrame(0)).finish(),
        // A second sequence chunk.
        raw(SMALL).chunk("FRAM", intraFrame(0))
            .chunk("SEQH", VideoFormat.encodeSequence(SMALL)).finish(),
        // An image's tile chunk.
        raw(SMALL).tile(0, new byte[] {1}).finish(),
        // A frame after the index.
        raw(SMALL).chunk("indx", new byte[4]).chunk("FRAM", intraFrame(0)).finish(),
        // An index that lists no frame while there is one.
        raw(VideoSamples.sequence(64, 64, 0, 0)).chunk("FRAM", intraFrame(0))
            .chunk("indx", new byte[4]).finish(),
        // A sequence chunk of another length in a format 1.0 stream.
        RawStream.start(SMALL.stream()).chunk("SEQH",
            Arrays.copyOf(VideoFormat.encodeSequence(SMALL), 17)).finish());
    for (byte[] stream : cases) {
      rejectBothWays(CorruptStreamException.class, stream);
    }
  }

  @Test
  void predictionModelFieldIsChecked() {
    byte[] fixed = VideoFormat.encodeSequence(SMALL);
    byte[] body = RawStream.body(SMALL.stream());
    // 1.1: the name length byte must be there, and the payload end right after the model.
    rejectBothWays(CorruptStreamException.class, RawStream.start(1, 1, body).chunk("SEQH", fixed).finish());
    byte[] tooLong = java.util.Arrays.copyOf(fixed, fixed.length + 2);
    rejectBothWays(CorruptStreamException.class, RawStream.start(1, 1, body).chunk("SEQH", tooLong).finish());
    byte[] nameOnly = java.util.Arrays.copyOf(fixed, fixed.length + 4);
    nameOnly[fixed.length] = 3;
    nameOnly[fixed.length + 1] = 'a';
    rejectBothWays(CorruptStreamException.class, RawStream.start(1, 1, body).chunk("SEQH", nameOnly).finish());
    byte[] badName = java.util.Arrays.copyOf(fixed, fixed.length + 2 + 32);
    badName[fixed.length] = 1;
    badName[fixed.length + 1] = (byte) 0xFF;
    rejectBothWays(CorruptStreamException.class, RawStream.start(1, 1, body).chunk("SEQH", badName).finish());
  }

  @Test
  void sequenceFieldsAreChecked() {
    for (int field : new int[] {VideoFormat.RATE_NUMERATOR, VideoFormat.RATE_DENOMINATOR}) {
      byte[] seq = RawStream.patch(VideoFormat.encodeSequence(SMALL), field, 4, 0);
      rejectBothWays(CorruptStreamException.class,
          RawStream.start(SMALL.stream()).chunk("SEQH", seq).finish());
    }
    for (int field : new int[] {VideoFormat.MATRIX, VideoFormat.RANGE, VideoFormat.SITING,
        VideoFormat.CHROMA_FORMAT}) {
      byte[] seq = RawStream.patch(VideoFormat.encodeSequence(SMALL), field, 1, 0xEE);
      rejectBothWays(CorruptStreamException.class,
          RawStream.start(SMALL.stream()).chunk("SEQH", seq).finish());
      rejectBothWays(UnsupportedFeatureException.class,
          RawStream.start(1, 2, RawStream.body(SMALL.stream())).chunk("SEQH", seq).finish());
    }
  }

  @Test
  void imagesAndVideosAreToldApart() throws IOException {
    // An image to the video reader: well formed, not a video.
    rejectBothWays(UnsupportedFeatureException.class, Samples.stream());
    // A video to the image reader: its sequence chunk is an unknown mandatory chunk.
    assertThrows(UnsupportedFeatureException.class,
        () -> ContainerReader.read(small(), RESOURCE));
  }

  // ---- limits ----

  @Test
  void limitsActBeforeAllocation() throws IOException {
    byte[] stream = small();
    VideoLimits twoFrames = VideoLimits.DEFAULT.withMaxFrames(2);
    rejectBothWays(CorruptStreamException.class, stream, twoFrames)
        .forEach(e -> assertTrue(e.reason().contains("maxFrames"), e.getMessage()));
    byte[] uncounted = VideoSamples.allIntra(VideoSamples.sequence(64, 64, 0, 0), 3, true);
    rejectBothWays(CorruptStreamException.class, uncounted, twoFrames)
        .forEach(e -> assertTrue(e.reason().contains("frame 2: more than 2 frames"), e.getMessage()));
    rejectBothWays(CorruptStreamException.class, uncounted,
        VideoLimits.DEFAULT.withMaxIndexEntries(2))
        .forEach(e -> assertTrue(e.reason().contains("maxIndexEntries=2"), e.getMessage()));
    rejectBothWays(CorruptStreamException.class, stream, VideoLimits.DEFAULT.withMaxFrameLength(12))
        .forEach(e -> assertTrue(e.reason().contains("maxFrameLength=12"), e.getMessage()));
    rejectBothWays(CorruptStreamException.class, stream, VideoLimits.DEFAULT.withPicture(
        ContainerLimits.DEFAULT.withMaxWidth(63)))
        .forEach(e -> assertTrue(e.reason().contains("maxWidth=63"), e.getMessage()));

    // A frame declaring 256 MiB, then ending: from a pipe, what arrives is all that is allocated.
    byte[] huge = raw(SMALL).unfinished();
    byte[] head = new byte[8];
    ContainerFormat.putI32(head, 0, VideoFormat.FRAME.code());
    ContainerFormat.putI32(head, 4, VideoLimits.DEFAULT.maxFrameLength());
    byte[] claim = Arrays.copyOf(huge, huge.length + 8 + 20);
    System.arraycopy(head, 0, claim, huge.length, 8);
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(
        VideoContainerReader.open(new ByteArrayInputStream(claim), RESOURCE)));
    assertTrue(e.reason().startsWith("truncated: frame 0"), e.getMessage());
    assertTrue(Allocation.bytesAllocatedBy(() -> readAll(VideoContainerReader.open(
        new ByteArrayInputStream(claim), RESOURCE))) < 512 * 1024);
    assertTrue(Allocation.bytesAllocatedBy(() -> readAll(VideoContainerReader.open(
        new ByteArrayChannel(claim), RESOURCE))) < 512 * 1024);
    // An index claiming 2^32-1 entries before a footer.
    byte[] index = new byte[4];
    ContainerFormat.putI32(index, 0, -1);
    byte[] lying = raw(SMALL).chunk("indx", index).finish();
    assertTrue(Allocation.bytesAllocatedBy(() -> readAll(VideoContainerReader.open(
        new ByteArrayChannel(lying), RESOURCE))) < 512 * 1024);
    rejectBothWays(CorruptStreamException.class, lying);
  }

  // ---- the writer refuses what the reader would ----

  @Test
  void writerRefusesInvalidStreams() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (VideoContainerWriter writer = VideoContainerWriter.create(sink, SMALL, true)) {
      assertThrows(IllegalArgumentException.class, () -> writer.writeFrame(
          new FrameHeader(FrameType.PREDICTED, 10, 0, List.of(1L)), VideoSamples.tiles(SMALL, 0)));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeFrame(VideoSamples.intra(0), List.of()));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeMetadata(ChunkType.of("ZZZZ"), new byte[1]));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeMetadata(VideoFormat.INDEX, new byte[4]));
      assertEquals(0, writer.frames(), "nothing of a refused frame is written");
      writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(SMALL, 0));
      assertThrows(IllegalArgumentException.class,
          () -> writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(SMALL, 0)));
      IllegalStateException e = assertThrows(IllegalStateException.class, writer::finish);
      assertTrue(e.getMessage().contains("declares 3"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> VideoContainerWriter.create(sink, SMALL,
        false, VideoLimits.DEFAULT.withMaxFrames(2)));
    assertThrows(IllegalArgumentException.class, () -> new SequenceHeader(
        Samples.header(), SMALL.frameRate(), SMALL.colour(), 0));
  }

  @Test
  void unfinishedStreamIsTruncated() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (VideoContainerWriter writer = VideoContainerWriter.create(sink, SMALL, true)) {
      writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(SMALL, 0));
    }
    rejectBothWays(CorruptStreamException.class, sink.toByteArray())
        .forEach(e -> assertTrue(e.reason().startsWith("truncated"), e.getMessage()));
  }
}
