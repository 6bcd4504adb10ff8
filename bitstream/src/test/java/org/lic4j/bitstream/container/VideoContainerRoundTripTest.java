package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.bitstream.container.VideoSamples.RESOURCE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.SequenceHeader;

/** Video streams written and read back: from a pipe, from a channel, by seeking. */
final class VideoContainerRoundTripTest {

  static List<CodedFrame> readAll(VideoContainerReader reader) throws IOException {
    List<CodedFrame> frames = new ArrayList<>();
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      frames.add(f.get());
    }
    assertTrue(reader.next().isEmpty(), "stays at the end");
    return frames;
  }

  static VideoContainerReader pipe(byte[] stream) throws IOException {
    return VideoContainerReader.open(new ByteArrayInputStream(stream), RESOURCE);
  }

  static VideoContainerReader channel(byte[] stream) throws IOException {
    return VideoContainerReader.open(new ByteArrayChannel(stream), RESOURCE);
  }

  private static void assertAllIntra(SequenceHeader sequence, int count, List<CodedFrame> frames) {
    assertEquals(count, frames.size());
    for (int n = 0; n < count; n++) {
      CodedFrame frame = frames.get(n);
      assertEquals(n, frame.number());
      assertEquals(VideoSamples.intra(n), frame.header());
      assertEquals(sequence.tileCount(), frame.tileCount());
      for (int t = 0; t < frame.tileCount(); t++) {
        assertArrayEquals(VideoSamples.tileData(n, t), frame.tileData(t), "frame " + n + " tile " + t);
        assertEquals(frame.tileLength(t), frame.tileBuffer(t).remaining());
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1}, {2} frames, index {3}, count {4}")
  @CsvSource({
    "64, 64, 1, false, false",
    "64, 64, 1, true, true",
    "1, 1, 3, true, false",
    "17, 9, 5, false, true",
    "130, 65, 12, true, true",
    "255, 33, 40, false, false",
    "200, 130, 40, true, false",
  })
  void roundTrip(int width, int height, int frames, boolean indexed, boolean counted)
      throws IOException {
    SequenceHeader sequence = VideoSamples.sequence(width, height, 8, counted ? frames : 0);
    byte[] stream = VideoSamples.write(sequence, indexed, writer -> {
      for (int n = 0; n < frames; n++) {
        writer.writeFrame(VideoSamples.intra(n), VideoSamples.tiles(sequence, n));
      }
    });
    for (VideoContainerReader reader : List.of(pipe(stream), channel(stream))) {
      assertEquals(FormatVersion.CURRENT, reader.version());
      assertEquals(sequence, reader.sequence());
      assertEquals(counted, reader.sequence().hasFrameCount());
      assertAllIntra(sequence, frames, readAll(reader));
    }
    assertEquals(indexed, channel(stream).hasIndex());
    assertFalse(pipe(stream).hasIndex(), "a pipe never reads ahead to the index");
  }

  @Test
  void emptyVideo() throws IOException {
    byte[] stream = VideoSamples.allIntra(VideoSamples.sequence(64, 64, 0, 0), 0, true);
    assertTrue(pipe(stream).next().isEmpty());
    VideoContainerReader reader = channel(stream);
    assertEquals(-1, reader.seek(5));
    assertTrue(reader.next().isEmpty());
  }

  @Test
  void predictedFramesParse() throws IOException {
    // Display order I0 B1 P2 B3 P4 B5 I6 B7 P8, coded anchors first: 5 frames from I0 to I6.
    SequenceHeader sequence = VideoSamples.sequence(100, 70, 5, 9);
    List<FrameHeader> frames = List.of(
        FrameHeader.intra(0, 7000),
        new FrameHeader(FrameType.PREDICTED, 6000, 2, List.of(0L)),
        new FrameHeader(FrameType.BIPREDICTED, 5000, 1, List.of(0L, 2L)),
        new FrameHeader(FrameType.PREDICTED, 6000, 4, List.of(2L, 0L)),
        new FrameHeader(FrameType.BIPREDICTED, 5000, 3, List.of(2L, 4L)),
        FrameHeader.intra(6, 7000),
        new FrameHeader(FrameType.BIPREDICTED, 5000, 5, List.of(6L)),
        new FrameHeader(FrameType.PREDICTED, 6000, 8, List.of(6L)),
        new FrameHeader(FrameType.BIPREDICTED, 5000, 7, List.of(6L, 8L)));
    byte[] stream = VideoSamples.write(sequence, true, writer -> {
      for (int n = 0; n < frames.size(); n++) {
        writer.writeFrame(frames.get(n), VideoSamples.tiles(sequence, n));
      }
    });
    List<CodedFrame> read = readAll(pipe(stream));
    assertEquals(frames, read.stream().map(CodedFrame::header).toList());
    VideoContainerReader reader = channel(stream);
    assertEquals(6, reader.seek(7));
    assertEquals(5, reader.next().orElseThrow().number());
  }

  @Test
  void predictionModelMakesFormat11() throws IOException {
    ModelId pframe = ModelId.of("lic-pframe-v1", "ab".repeat(32));
    SequenceHeader sequence = VideoSamples.sequence(64, 64, 4, 2).withPredictionModel(pframe);
    byte[] stream = VideoSamples.write(sequence, true, writer -> {
      writer.writeFrame(VideoSamples.intra(0), VideoSamples.tiles(sequence, 0));
      writer.writeFrame(new FrameHeader(FrameType.PREDICTED, 5000, 1, List.of(0L)), VideoSamples.tiles(sequence, 1));
    });
    assertEquals(1, stream[8]);
    assertEquals(1, stream[9]);
    for (VideoContainerReader reader : List.of(pipe(stream), channel(stream))) {
      assertEquals(FormatVersion.V1_1, reader.version());
      assertEquals(pframe, reader.sequence().predictionModel());
      assertEquals(2, readAll(reader).size());
    }
    byte[] record = VideoContainerWriter.configurationRecord(sequence, VideoLimits.DEFAULT);
    assertEquals(pframe, VideoContainerReader.readConfiguration(record, RESOURCE, VideoLimits.DEFAULT).predictionModel());
    // Without a prediction model the stream stays format 1.0, byte for byte what it was.
    byte[] intraOnly = VideoSamples.allIntra(VideoSamples.sequence(64, 64, 4, 2), 2, true);
    assertEquals(0, intraOnly[9]);
    assertEquals(null, pipe(intraOnly).sequence().predictionModel());
  }

  @Test
  void finishLengthIsWhatFinishWrites() throws IOException {
    for (boolean indexed : new boolean[] {true, false}) {
      SequenceHeader sequence = VideoSamples.sequence(64, 64, 2, 0);
      long[] expected = new long[1];
      byte[] stream = VideoSamples.write(sequence, indexed, writer -> {
        for (int n = 0; n < 5; n++) {
          writer.writeFrame(n % 2 == 0 ? VideoSamples.intra(n) : new FrameHeader(FrameType.PREDICTED, 5000, n,
              List.of(n - 1L)), VideoSamples.tiles(sequence, n));
        }
        expected[0] = writer.position() + writer.finishLength();
      });
      assertEquals(expected[0], stream.length, indexed ? "indexed" : "no index");
    }
  }

  @Test
  void metadataBetweenFramesIsSkipped() throws IOException {
    SequenceHeader sequence = VideoSamples.sequence(64, 64, 0, 3);
    byte[] stream = VideoSamples.write(sequence, true, writer -> {
      writer.writeMetadata(ChunkType.TEXT, "Comment\0first".getBytes(StandardCharsets.UTF_8));
      for (int n = 0; n < 3; n++) {
        writer.writeFrame(VideoSamples.intra(n), VideoSamples.tiles(sequence, n));
        writer.writeMetadata(ChunkType.of("prvt"), new byte[70_000 + n]);
      }
    });
    assertAllIntra(sequence, 3, readAll(pipe(stream)));
    assertAllIntra(sequence, 3, readAll(channel(stream)));
  }

  /** A writer thread and a reader thread on a pipe: each frame is read as soon as it is written. */
  @Test
  @Timeout(30)
  void readsFrameByFrameFromAPipe() throws Exception {
    SequenceHeader sequence = VideoSamples.sequence(130, 70, 0, 0);
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    java.util.concurrent.SynchronousQueue<Long> handshake = new java.util.concurrent.SynchronousQueue<>();
    ExecutorService producer = Executors.newSingleThreadExecutor();
    try {
      Future<?> written = producer.submit(() -> {
        try (VideoContainerWriter writer = VideoContainerWriter.create(out, sequence, false)) {
          for (int n = 0; n < 20; n++) {
            writer.writeFrame(VideoSamples.intra(n), VideoSamples.tiles(sequence, n));
            out.flush();
            // The next frame is written only once the reader has this one: nothing buffers ahead.
            assertEquals(n, handshake.take());
          }
          writer.finish();
        }
        return null;
      });
      VideoContainerReader reader = VideoContainerReader.open(in, "-");
      for (long n = 0; n < 20; n++) {
        CodedFrame frame = reader.next().orElseThrow();
        assertEquals(n, frame.header().displayIndex());
        handshake.put(n);
      }
      assertTrue(reader.next().isEmpty());
      written.get(10, TimeUnit.SECONDS);
    } finally {
      producer.shutdownNow();
    }
  }

  @Test
  void seeksToTheIntraFrameAtOrBefore() throws IOException {
    SequenceHeader sequence = VideoSamples.sequence(70, 70, 4, 0);
    List<FrameHeader> frames = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      frames.add(n % 4 == 0 ? VideoSamples.intra(n)
          : new FrameHeader(FrameType.PREDICTED, 5000, n, List.of(n - 1L)));
    }
    for (boolean indexed : new boolean[] {true, false}) {
      byte[] stream = VideoSamples.write(sequence, indexed, writer -> {
        for (int n = 0; n < frames.size(); n++) {
          writer.writeFrame(frames.get(n), VideoSamples.tiles(sequence, n));
        }
      });
      VideoContainerReader reader = channel(stream);
      assertEquals(indexed, reader.hasIndex());
      for (long target : new long[] {29, 0, 7, 8, 9, 100, 3, 28}) {
        long reached = reader.seek(target);
        assertEquals(Math.min(target, 28) / 4 * 4, reached, "seek " + target);
        CodedFrame frame = reader.next().orElseThrow();
        assertEquals(reached, frame.number());
        assertEquals(reached, frame.header().displayIndex());
        assertArrayEquals(VideoSamples.tileData(reached, 1), frame.tileData(1));
        List<CodedFrame> rest = readAll(reader);
        assertEquals(29 - reached, rest.size(), "frames after the seek point");
      }
    }
  }

  /** A file, written through an output stream, read through a {@link FileChannel}. */
  @Test
  void readsAFile(@TempDir Path dir) throws IOException {
    SequenceHeader sequence = VideoSamples.sequence(130, 70, 3, 0);
    Path file = dir.resolve("clip.licv");
    try (VideoContainerWriter writer =
        VideoContainerWriter.create(Files.newOutputStream(file), sequence, true)) {
      for (int n = 0; n < 10; n++) {
        writer.writeFrame(VideoSamples.intra(n), VideoSamples.tiles(sequence, n));
      }
      writer.finish();
    }
    try (FileChannel channel = FileChannel.open(file)) {
      VideoContainerReader reader = VideoContainerReader.open(channel, RESOURCE);
      assertTrue(reader.hasIndex());
      assertEquals(7, reader.seek(7));
      assertEquals(3, readAll(reader).size());
      reader.seek(0);
      assertAllIntra(sequence, 10, readAll(reader));
    }
  }

  @Test
  void seekNeedsAChannel() throws IOException {
    byte[] stream = VideoSamples.allIntra(VideoSamples.sequence(64, 64, 0, 0), 2, true);
    assertThrows(IllegalStateException.class, () -> pipe(stream).seek(1));
    assertThrows(IllegalArgumentException.class, () -> channel(stream).seek(-1));
  }

  @Test
  void aChannelStreamMayStartAfterOtherBytes() throws IOException {
    byte[] stream = VideoSamples.allIntra(VideoSamples.sequence(64, 64, 0, 0), 3, true);
    byte[] prefixed = new byte[stream.length + 5];
    System.arraycopy(stream, 0, prefixed, 5, stream.length);
    ByteArrayChannel ch = new ByteArrayChannel(prefixed);
    ch.position(5);
    VideoContainerReader reader = VideoContainerReader.open(ch, RESOURCE);
    assertEquals(2, reader.seek(2));
    assertEquals(2, reader.next().orElseThrow().number());
  }
}
