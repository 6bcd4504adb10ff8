package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.codec.ExitCode;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * y4m in and out with generated frames: round trips of odd sizes, both chroma formats and every
 * colour description y4m can carry, 10-bit input, a pipe, and one clear message for each kind of
 * malformed header or truncated frame.
 */
class Y4mTest {
  /** The chroma formats y4m frames come in here. */
  private static final List<ChromaFormat> Y4M_FORMATS = List.of(ChromaFormat.YUV420, ChromaFormat.YUV444);
  /** The matrices lic4j's XCOLORMATRIX tag names: BT601 (read as BT470BG) and BT709. */
  private static final List<ColourMatrix> Y4M_MATRICES = List.of(ColourMatrix.BT470BG, ColourMatrix.BT709);

  @TempDir Path dir;

  static YuvFrame randomFrame(int w, int h, ChromaFormat format, ColourDescription colour, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = format.chromaWidth(w) * format.chromaHeight(h);
    byte[] y = new byte[w * h];
    byte[] cb = new byte[n];
    byte[] cr = new byte[n];
    random.nextBytes(y);
    random.nextBytes(cb);
    random.nextBytes(cr);
    return YuvFrame.of(w, h, format, colour, y, cb, cr);
  }

  static byte[] write(Y4mHeader header, List<YuvFrame> frames) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Y4mWriter writer = Y4mWriter.open(out, header)) {
      for (YuvFrame f : frames) {
        writer.write(f);
      }
    }
    return out.toByteArray();
  }

  private static Y4mReader reader(byte[] bytes, List<String> notices) throws IOException {
    return Y4mReader.open(new ByteArrayInputStream(bytes), "clip.y4m", Y4mLimits.DEFAULT, notices::add);
  }

  private static List<YuvFrame> readAll(Y4mReader reader) throws IOException {
    List<YuvFrame> out = new ArrayList<>();
    for (Optional<YuvFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      out.add(f.get());
    }
    return out;
  }

  private static void assertSamePlanes(YuvFrame expected, YuvFrame actual) {
    assertEquals(expected.width(), actual.width());
    assertEquals(expected.height(), actual.height());
    assertEquals(expected.format(), actual.format());
    assertArrayEquals(expected.y(), actual.y());
    assertArrayEquals(expected.cb(), actual.cb());
    assertArrayEquals(expected.cr(), actual.cr());
  }

  @Test
  void framesRoundTripExactlyWithTheirDescription() throws IOException {
    int seed = 0;
    for (int[] size : new int[][] {{1, 1}, {5, 3}, {33, 17}, {64, 48}}) {
      for (ChromaFormat format : Y4M_FORMATS) {
        for (ColourMatrix m : Y4M_MATRICES) {
          for (ColourRange r : ColourRange.values()) {
            for (ChromaSiting s : format.isSubsampled()
                ? new ChromaSiting[] {ChromaSiting.CENTER, ChromaSiting.LEFT, ChromaSiting.TOP_LEFT}
                : new ChromaSiting[] {ChromaSiting.CENTER}) {
              ColourDescription colour = new ColourDescription(m, r, s);
              List<YuvFrame> frames = List.of(randomFrame(size[0], size[1], format, colour, seed++),
                  randomFrame(size[0], size[1], format, colour, seed++));
              Y4mHeader header = new Y4mHeader(size[0], size[1], format, 8, new FrameRate(30000, 1001),
                  new PixelAspect(16, 15), colour, List.of());
              List<String> notices = new ArrayList<>();
              try (Y4mReader reader = reader(write(header, frames), notices)) {
                Y4mHeader back = reader.header();
                assertEquals(colour, back.colour());
                assertEquals(new FrameRate(30000, 1001), back.frameRate());
                assertEquals(new PixelAspect(16, 15), back.pixelAspect());
                assertEquals(8, back.bitDepth());
                List<YuvFrame> read = readAll(reader);
                assertEquals(2, read.size());
                assertSamePlanes(frames.get(0), read.get(0));
                assertSamePlanes(frames.get(1), read.get(1));
                assertEquals(colour, read.get(1).colour());
                assertEquals(2, reader.framesRead());
                assertTrue(reader.next().isEmpty(), "the end stays the end");
              }
              assertTrue(notices.isEmpty());
            }
          }
        }
      }
    }
  }

  @Test
  void theHeaderIsWhatFfmpegWritesAndReads() {
    YuvFrame f = randomFrame(352, 288, ChromaFormat.YUV420, ColourDescription.guessFor(352, 288), 1);
    assertEquals("YUV4MPEG2 W352 H288 F25:1 Ip A0:0 C420jpeg XCOLORRANGE=LIMITED XCOLORMATRIX=BT601\n",
        Y4mWriter.headerLine(Y4mHeader.of(f, new FrameRate(25, 1))));
    YuvFrame g = f.withColour(ColourDescription.JPEG.withSiting(ChromaSiting.LEFT).withMatrix(ColourMatrix.BT709));
    assertEquals("YUV4MPEG2 W352 H288 F24:1 Ip A0:0 C420mpeg2 XCOLORRANGE=FULL XCOLORMATRIX=BT709\n",
        Y4mWriter.headerLine(Y4mHeader.of(g, new FrameRate(24, 1))));
    YuvFrame top = f.withColour(f.colour().withSiting(ChromaSiting.TOP));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Y4mWriter.headerLine(Y4mHeader.of(top, new FrameRate(25, 1))));
    assertTrue(e.getMessage().contains("top"), e.getMessage());
  }

  /** BT.601's two codes write one tag, which reads back as BT470BG; BT.2020 has no tag. */
  @Test
  void matrixTagsNameBt601AndBt709() throws IOException {
    YuvFrame ntsc = randomFrame(8, 6, ChromaFormat.YUV420,
        ColourDescription.guessFor(8, 6).withMatrix(ColourMatrix.SMPTE170M), 1);
    String line = Y4mWriter.headerLine(Y4mHeader.of(ntsc, new FrameRate(30000, 1001)));
    assertTrue(line.endsWith(" XCOLORMATRIX=BT601\n"), line);
    YuvFrame pal = ntsc.withColour(ntsc.colour().withMatrix(ColourMatrix.BT470BG));
    try (Y4mReader reader = reader(write(Y4mHeader.of(pal, new FrameRate(25, 1)), List.of(pal, ntsc)), new ArrayList<>())) {
      assertEquals(ColourMatrix.BT470BG, reader.header().colour().matrix());
      assertEquals(2, readAll(reader).size(), "a SMPTE170M frame goes into a BT470BG stream: one matrix");
    }
    YuvFrame uhd = ntsc.withColour(ntsc.colour().withMatrix(ColourMatrix.BT2020_NCL));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Y4mWriter.headerLine(Y4mHeader.of(uhd, new FrameRate(25, 1))));
    assertTrue(e.getMessage().contains("BT2020_NCL"), e.getMessage());
  }

  @Test
  void headersHoldOnly420And444AndPositiveAspects() {
    ColourDescription colour = ColourDescription.guessFor(4, 4);
    assertThrows(IllegalArgumentException.class,
        () -> new Y4mHeader(4, 4, ChromaFormat.YUV422, 8, new FrameRate(25, 1), null, colour, List.of()));
    assertEquals("30000:1001", new PixelAspect(30000, 1001).toString());
    assertThrows(IllegalArgumentException.class, () -> new PixelAspect(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PixelAspect(25, 0));
  }

  @Test
  void aFrameUnlikeTheHeaderIsRefused() throws IOException {
    YuvFrame f = randomFrame(8, 8, ChromaFormat.YUV420, ColourDescription.guessFor(8, 8), 1);
    try (Y4mWriter w = Y4mWriter.open(new ByteArrayOutputStream(), Y4mHeader.of(f, new FrameRate(25, 1)))) {
      w.write(f);
      assertThrows(IllegalArgumentException.class,
          () -> w.write(randomFrame(8, 6, ChromaFormat.YUV420, f.colour(), 2)));
      assertThrows(IllegalArgumentException.class,
          () -> w.write(randomFrame(8, 8, ChromaFormat.YUV444, f.colour(), 2)));
      assertThrows(IllegalArgumentException.class, () -> w.write(f.withColour(ColourDescription.JPEG)));
      assertEquals(1, w.framesWritten());
    }
  }

  @Test
  void headersFromOtherToolsAreUnderstood() throws IOException {
    // As FFmpeg and mjpegtools write them: unknown X parameters kept, defaults where silent.
    Y4mHeader h = Y4mReader.parseHeader("YUV4MPEG2 W1280 H720 F30000:1001 Ip A1:1 C420mpeg2 XYSCSS=420MPEG2",
        Y4mLimits.DEFAULT, "x");
    assertEquals(ChromaFormat.YUV420, h.format());
    assertEquals(ChromaSiting.LEFT, h.colour().siting());
    assertEquals(ColourMatrix.BT709, h.colour().matrix(), "HD without a matrix: BT.709");
    assertEquals(ColourRange.LIMITED, h.colour().range());
    assertEquals(List.of("YSCSS=420MPEG2"), h.comments());
    Y4mHeader sd = Y4mReader.parseHeader("YUV4MPEG2 W720 H576 XCOLORRANGE=FULL I?", Y4mLimits.DEFAULT, "x");
    assertEquals(ColourMatrix.BT470BG, sd.colour().matrix());
    assertEquals(ColourRange.FULL, sd.colour().range());
    assertEquals(ChromaSiting.CENTER, sd.colour().siting(), "no C: 420jpeg");
    assertEquals(new FrameRate(25, 1), sd.frameRate(), "no F: 25 fps");
    assertNull(sd.pixelAspect());
    assertEquals(ChromaSiting.TOP_LEFT,
        Y4mReader.parseHeader("YUV4MPEG2 W2 H2 C420paldv", Y4mLimits.DEFAULT, "x").colour().siting());
    assertEquals(ChromaFormat.YUV444,
        Y4mReader.parseHeader("YUV4MPEG2 W2 H2 C444 Zfuture", Y4mLimits.DEFAULT, "x").format());
    assertEquals(ColourMatrix.BT709,
        Y4mReader.parseHeader("YUV4MPEG2 W2 H2 XCOLORMATRIX=BT709", Y4mLimits.DEFAULT, "x").colour().matrix());
  }

  @Test
  void tenBitInputIsRoundedToEightBitsWithOneNotice() throws IOException {
    int w = 3;
    int h = 3;
    for (String space : new String[] {"420p10", "444p10"}) {
      ChromaFormat format = space.startsWith("444") ? ChromaFormat.YUV444 : ChromaFormat.YUV420;
      int samples = (int) format.samplesPerFrame(w, h);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(("YUV4MPEG2 W3 H3 F25:1 Ip C" + space + " XYSCSS=" + space.toUpperCase() + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      int[] expected = new int[samples];
      for (int frame = 0; frame < 2; frame++) {
        out.writeBytes("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < samples; i++) {
          // Every 10-bit code once in a while, and the codes either side of a rounding step.
          int v = (i * 97 + frame * 511) % 1024;
          out.write(v & 0xff);
          out.write(v >> 8);
          expected[i] = Math.min(255, (v + 2) / 4);
        }
      }
      List<String> notices = new ArrayList<>();
      try (Y4mReader reader = reader(out.toByteArray(), notices)) {
        assertEquals(10, reader.header().bitDepth());
        List<YuvFrame> frames = readAll(reader);
        assertEquals(2, frames.size());
        YuvFrame last = frames.get(1);
        byte[] all = new byte[samples];
        System.arraycopy(last.y(), 0, all, 0, w * h);
        System.arraycopy(last.cb(), 0, all, w * h, last.cb().length);
        System.arraycopy(last.cr(), 0, all, w * h + last.cb().length, last.cr().length);
        for (int i = 0; i < samples; i++) {
          assertEquals(expected[i], all[i] & 0xff, space + " sample " + i);
        }
      }
      assertEquals(List.of("clip.y4m: 10-bit samples reduced to 8 bits (rounded)"), notices);
    }
  }

  @Test
  void tenBitRoundingSteps() throws IOException {
    // 1 -> 0, 2 -> 1 (half up), 1021 -> 255, 1023 -> 255, 0xffff (out of range) clips to 255.
    int[] codes = {1, 2, 5, 6, 1021, 1023, 0xffff};
    int[] eight = {0, 1, 1, 2, 255, 255, 255};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("YUV4MPEG2 W7 H1 C444p10\nFRAME\n").getBytes(StandardCharsets.US_ASCII));
    for (int plane = 0; plane < 3; plane++) {
      for (int c : codes) {
        out.write(c & 0xff);
        out.write(c >> 8);
      }
    }
    try (Y4mReader reader = reader(out.toByteArray(), new ArrayList<>())) {
      YuvFrame f = reader.next().orElseThrow();
      for (int i = 0; i < codes.length; i++) {
        assertEquals(eight[i], f.y()[i] & 0xff, "code " + codes[i]);
        assertEquals(eight[i], f.cr()[i] & 0xff, "code " + codes[i]);
      }
    }
  }

  /** Frames arrive through a pipe as the writer makes them; the reader holds one at a time. */
  @Test
  void framesStreamThroughAPipe() throws Exception {
    ColourDescription colour = ColourDescription.guessFor(31, 19);
    Y4mHeader header = new Y4mHeader(31, 19, ChromaFormat.YUV420, 8, new FrameRate(25, 1), null, colour, List.of());
    int frames = 40;
    PipedInputStream pipeIn = new PipedInputStream(1024);
    PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
    CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
      try (Y4mWriter w = Y4mWriter.open(pipeOut, header)) {
        for (int i = 0; i < frames; i++) {
          w.write(randomFrame(31, 19, ChromaFormat.YUV420, colour, i));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (Y4mReader reader = Y4mReader.open(pipeIn, "-", Y4mLimits.DEFAULT, n -> { })) {
      assertEquals(header, reader.header());
      for (int i = 0; i < frames; i++) {
        assertSamePlanes(randomFrame(31, 19, ChromaFormat.YUV420, colour, i), reader.next().orElseThrow());
      }
      assertFalse(reader.next().isPresent());
    }
    producer.get(30, TimeUnit.SECONDS);
  }

  @Test
  void filesAreReadByPath() throws IOException {
    YuvFrame f = randomFrame(6, 4, ChromaFormat.YUV444, ColourDescription.guessFor(6, 4), 3);
    Path file = dir.resolve("a.y4m");
    Files.write(file, write(Y4mHeader.of(f, new FrameRate(50, 1)), List.of(f)));
    try (Y4mReader reader = Y4mReader.open(file, n -> { })) {
      assertSamePlanes(f, reader.next().orElseThrow());
    }
    UserInputException missing = assertThrows(UserInputException.class,
        () -> Y4mReader.open(dir.resolve("none.y4m"), n -> { }));
    assertTrue(missing.getMessage().endsWith("none.y4m: no such file"), missing.getMessage());
    assertFalse(missing.isUsage());
    assertThrows(UserInputException.class, () -> Y4mReader.open(dir, n -> { }));
  }

  @Test
  void aTruncatedFrameNamesTheFileAndTheFrame() throws IOException {
    YuvFrame f = randomFrame(5, 3, ChromaFormat.YUV420, ColourDescription.guessFor(5, 3), 4);
    byte[] whole = write(Y4mHeader.of(f, new FrameRate(25, 1)), List.of(f, f, f));
    int frameBytes = 6 + 15 + 12;
    // Cut inside the samples of frame 2, inside its FRAME line, and just after it.
    int[] cuts = {whole.length - 1, whole.length - frameBytes + 3, whole.length - frameBytes + 6};
    String[] expected = {"clip.y4m: frame index 2 is truncated: 26 of 27 bytes",
        "clip.y4m: frame index 2 is truncated: the input ends inside the line 'FRA'",
        "clip.y4m: frame index 2 is truncated: 0 of 27 bytes"};
    for (int i = 0; i < cuts.length; i++) {
      try (Y4mReader reader = reader(Arrays.copyOf(whole, cuts[i]), new ArrayList<>())) {
        reader.next();
        reader.next();
        UserInputException e = assertThrows(UserInputException.class, reader::next);
        assertEquals(expected[i], e.getMessage());
        assertFalse(e.isUsage());
        assertEquals(2, reader.framesRead());
      }
    }
  }

  @Test
  void malformedHeadersAreNamed() {
    String[][] cases = {
        {"", "clip.y4m: empty input, not a y4m stream"},
        {"YUV4MPEG2 W2 H2", "clip.y4m: header is truncated: the input ends inside the line 'YUV4MPEG2 W2 H2'"},
        {"P6 3 2 255\n", "clip.y4m: not a y4m stream (it does not start with YUV4MPEG2)"},
        {"YUV4MPEG W2 H2\n", "clip.y4m: not a y4m stream (it does not start with YUV4MPEG2)"},
        {"\n", "clip.y4m: not a y4m stream (it does not start with YUV4MPEG2)"},
        {"YUV4MPEG2 H2\n", "clip.y4m: the header gives no width (W)"},
        {"YUV4MPEG2 W2\n", "clip.y4m: the header gives no height (H)"},
        {"YUV4MPEG2 W0 H2\n", "clip.y4m: header W0: width must be at least 1"},
        {"YUV4MPEG2 W-5 H2\n", "clip.y4m: header W-5: width is not a number of at most 9 digits"},
        {"YUV4MPEG2 W2 H99999999999\n", "clip.y4m: header H99999999999: height is not a number of at most 9 digits"},
        {"YUV4MPEG2 W20000 H2\n", "clip.y4m: header W20000: width 20000 exceeds the limit of 16384"},
        {"YUV4MPEG2 W16384 H16384\n", "clip.y4m: frame size 16384x16384 exceeds the limit of 67108864 pixels"},
        {"YUV4MPEG2 W2 H2 F0:1\n", "clip.y4m: header F0:1: frame rate must be positive"},
        {"YUV4MPEG2 W2 H2 F25\n", "clip.y4m: header F25: expected two numbers as N:D"},
        {"YUV4MPEG2 W2 H2 Fx:1\n", "clip.y4m: header Fx:1: frame rate is not a number of at most 9 digits"},
        {"YUV4MPEG2 W2 H2 A1:x\n", "clip.y4m: header A1:x: pixel aspect ratio is not a number of at most 9 digits"},
        {"YUV4MPEG2 W2 H2 It\n", "clip.y4m: header It: interlaced video (top field first) is not supported; "
            + "deinterlace it first (for example ffmpeg -vf bwdif)"},
        {"YUV4MPEG2 W2 H2 Ib\n", "clip.y4m: header Ib: interlaced video (bottom field first) is not supported; "
            + "deinterlace it first (for example ffmpeg -vf bwdif)"},
        {"YUV4MPEG2 W2 H2 Im\n", "clip.y4m: header Im: interlaced video (mixed) is not supported; "
            + "deinterlace it first (for example ffmpeg -vf bwdif)"},
        {"YUV4MPEG2 W2 H2 Iq\n", "clip.y4m: header Iq: unknown interlacing 'q' (expected Ip)"},
        {"YUV4MPEG2 W2 H2 C422\n", "clip.y4m: header C422: colour space not supported (supported: C420jpeg, C420, "
            + "C420mpeg2, C420paldv, C444, C420p10, C444p10; convert with ffmpeg -pix_fmt yuv420p)"},
        {"YUV4MPEG2 W2 H2 Cmono\n", "clip.y4m: header Cmono: colour space not supported"},
        {"YUV4MPEG2 W2 H2 C420p12\n", "clip.y4m: header C420p12: colour space not supported"},
        {"YUV4MPEG2 W2 H2 XCOLORRANGE=TV\n", "clip.y4m: header XCOLORRANGE=TV: expected XCOLORRANGE=FULL or "
            + "XCOLORRANGE=LIMITED"},
        {"YUV4MPEG2 W2 H2 XCOLORMATRIX=BT2020\n", "clip.y4m: header XCOLORMATRIX=BT2020: expected "
            + "XCOLORMATRIX=BT601 or XCOLORMATRIX=BT709"},
        {"YUV4MPEG2 W2 H2 " + "X".repeat(5000) + "\n", "clip.y4m: header line is longer than 4096 bytes"},
        {"YUV4MPEG2 W2 H2\nFRAMES\n", "clip.y4m: frame index 0 does not start with FRAME (found 'FRAMES')"},
        {"YUV4MPEG2 W2 H2\n\u0000\u0001\n", "clip.y4m: frame index 0 does not start with FRAME (found '??')"},
    };
    for (String[] c : cases) {
      UserInputException e = assertThrows(UserInputException.class, () -> {
        try (Y4mReader r = reader(c[0].getBytes(StandardCharsets.ISO_8859_1), new ArrayList<>())) {
          r.next();
        }
      }, c[1]);
      assertTrue(e.getMessage().startsWith(c[1]), "expected '" + c[1] + "', got '" + e.getMessage() + "'");
      assertFalse(e.isUsage());
      assertEquals(ExitCode.BAD_INPUT, CommandFailure.of(e).exitCode());
    }
  }

  @Test
  void frameParametersAreAcceptedAndIgnored() throws IOException {
    byte[] bytes = "YUV4MPEG2 W1 H1 C444\nFRAME Ixyz\n\u0010\u0080\u0080".getBytes(StandardCharsets.ISO_8859_1);
    try (Y4mReader r = reader(bytes, new ArrayList<>())) {
      assertEquals(16, r.next().orElseThrow().y()[0]);
    }
  }

  @Test
  void smallLimitsRefuseBeforeAllocating() {
    Y4mLimits tiny = new Y4mLimits(64, 64, 1024, 64);
    UserInputException e = assertThrows(UserInputException.class,
        () -> Y4mReader.parseHeader("YUV4MPEG2 W64 H64", tiny, "x"));
    assertEquals("x: frame size 64x64 exceeds the limit of 1024 pixels", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Y4mLimits(1 << 16, 1 << 16, 1L << 32, 4096));
  }
}
