package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.SequenceHeader;

/**
 * The video stream of format 1.0 is frozen in a golden stream, as the image one is ({@link
 * GoldenStreamTest}): the writer must keep producing it byte for byte and every later reader must
 * keep reading it. Regenerate only on purpose, with the format version:
 * {@code mvn -B -pl bitstream test -Dlic4j.regenerateGolden=true}. docs/video.md walks through it.
 */
final class VideoGoldenStreamTest {
  private static final String GOLDEN = "golden/format-1.0/video.licv";
  private static final Path SOURCE = Path.of("src/test/resources/org/lic4j/bitstream/container", GOLDEN);
  private static final String REGENERATE = "lic4j.regenerateGolden";

  @Test
  void writerReproducesTheGoldenStream() throws IOException {
    byte[] written = VideoSamples.golden();
    if (Boolean.getBoolean(REGENERATE)) {
      Files.createDirectories(SOURCE.getParent());
      Files.write(SOURCE, written);
      return;
    }
    assertArrayEquals(golden(), written, "the writer no longer produces format 1.0's golden"
        + " video stream; if the format changed on purpose, bump the version and regenerate");
  }

  @Test
  void goldenStreamReads() throws IOException {
    byte[] golden = golden();
    VideoContainerReader reader =
        VideoContainerReader.open(new ByteArrayInputStream(golden), GOLDEN);
    assertEquals(new FormatVersion(1, 0), reader.version());
    SequenceHeader sequence = reader.sequence();
    assertEquals(new FrameRate(30_000, 1001), sequence.frameRate());
    assertEquals(ColourMatrix.BT709, sequence.colour().matrix());
    assertEquals(ColourRange.FULL, sequence.colour().range());
    assertEquals(ChromaSiting.CENTER, sequence.colour().siting());
    assertEquals(ChromaFormat.YUV444, sequence.colour().chromaFormat());
    assertEquals(4, sequence.frameCount());
    assertEquals(3, sequence.gopLength());
    List<CodedFrame> frames = VideoContainerRoundTripTest.readAll(reader);
    assertEquals(List.of(FrameType.INTRA, FrameType.PREDICTED, FrameType.BIPREDICTED,
        FrameType.INTRA), frames.stream().map(f -> f.header().type()).toList());
    assertEquals(List.of(0L, 2L, 1L, 3L),
        frames.stream().map(f -> f.header().displayIndex()).toList());
    assertEquals(List.of(0L, 2L), frames.get(2).header().references());
    for (CodedFrame frame : frames) {
      for (int t = 0; t < 2; t++) {
        assertArrayEquals(VideoSamples.tileData(frame.number(), t), frame.tileData(t));
      }
    }
    VideoContainerReader seeking =
        VideoContainerReader.open(new ByteArrayChannel(golden), GOLDEN);
    assertEquals(3, seeking.seek(3));
    assertEquals(3, seeking.next().orElseThrow().number());
  }

  /** The worked example in docs/video.md: the bytes after the image-shaped header. */
  @Test
  void goldenStreamIsWhatTheSpecShows() throws IOException {
    byte[] golden = golden();
    HexFormat hex = HexFormat.of();
    // Header: MediaKind 1 (video), RGB, 8 bits, intra, 100 x 50, frame 0, GOP 3, quality 6000.
    assertEquals("01030800" + "00000064" + "00000032" + "00000000" + "0003" + "1770",
        hex.formatHex(golden, 12, 12 + 20));
    // SEQH at 92: 30000/1001 fps, 4 frames, BT.709 (1), full (1), center (2), 4:4:4 (4).
    assertEquals("5345514800000010" + "00007530" + "000003e9" + "00000004" + "01010204",
        hex.formatHex(golden, 92, 92 + 24));
    // FRAM (frame 0) after the text chunk: intra, no references, quality 6000, display 0,
    // two tile lengths.
    int frame0 = 92 + 28 + 12 + Samples.TEXT.length;
    assertEquals("4652414d" + "00000013" + "00001770" + "00000000" + "00000000" + "00000003",
        hex.formatHex(golden, frame0, frame0 + 24));
    assertEquals(407, golden.length);
  }

  private static byte[] golden() throws IOException {
    if (Boolean.getBoolean(REGENERATE)) {
      return VideoSamples.golden();
    }
    try (InputStream in = VideoGoldenStreamTest.class.getResourceAsStream(GOLDEN)) {
      assertNotNull(in, GOLDEN + " missing; generate it with -D" + REGENERATE + "=true");
      return in.readAllBytes();
    }
  }
}
