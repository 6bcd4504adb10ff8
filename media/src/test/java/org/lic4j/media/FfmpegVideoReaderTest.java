package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Video files read through FFmpeg ({@link FfmpegVideoReader}), made here by the {@code ffmpeg}
 * command as lossless FFV1 so that the frames can be compared with FFmpeg's own y4m: which chroma
 * format and colour description each source gets, the notices, the size limit, and the
 * {@link FfmpegVideoWriter} writing back what it read. Skips where {@code ffmpeg} is not installed.
 */
class FfmpegVideoReaderTest {
  @TempDir static Path dir;

  @BeforeAll
  static void needsFfmpeg() {
    FfmpegTool.assumePresent();
  }

  private static Path clip(String name, String pixelFormat, String... colour) throws Exception {
    Path out = dir.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
        "-i", "testsrc2=size=70x36:rate=30000/1001", "-frames:v", "3", "-pix_fmt", pixelFormat));
    command.addAll(List.of(colour));
    command.addAll(List.of("-c:v", "ffv1", out.toString()));
    run(command);
    return out;
  }

  private static byte[] run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg hangs");
    assertEquals(0, p.exitValue(), String.join(" ", command));
    return out;
  }

  private record Read(FrameSource source, List<YuvFrame> frames, List<String> notices) { }

  private static Read read(Path file) throws IOException {
    List<String> notices = new ArrayList<>();
    List<YuvFrame> frames = new ArrayList<>();
    try (FrameSource s = FrameSources.open(file, InputStream.nullInputStream(), notices::add)) {
      for (Optional<YuvFrame> f = s.next(); f.isPresent(); f = s.next()) {
        frames.add(f.get());
      }
      return new Read(s, frames, notices);
    }
  }

  /** FFmpeg's own decoding of {@code file} to y4m in {@code pixelFormat}. */
  private static List<YuvFrame> ffmpegFrames(Path file, String pixelFormat) throws Exception {
    byte[] y4m = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-pix_fmt", pixelFormat,
        "-strict", "-1", "-f", "yuv4mpegpipe", "-"));
    List<YuvFrame> frames = new ArrayList<>();
    try (Y4mReader r = Y4mReader.open(new java.io.ByteArrayInputStream(y4m), "-", Y4mLimits.DEFAULT, n -> { })) {
      for (Optional<YuvFrame> f = r.next(); f.isPresent(); f = r.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  @Test
  void yuv420KeepsItsSamplesRateAndColour() throws Exception {
    Path mkv = clip("bt709.mkv", "yuv420p", "-colorspace", "bt709", "-color_range", "tv",
        "-chroma_sample_location", "topleft");
    Read r = read(mkv);
    assertEquals(ChromaFormat.YUV420, r.source().format());
    assertEquals(70, r.source().width());
    assertEquals(new FrameRate(30000, 1001), r.source().frameRate());
    assertEquals(new ColourDescription(ColourMatrix.BT709, ColourRange.LIMITED, ChromaSiting.TOP_LEFT),
        r.source().colour());
    assertEquals(List.of(), r.notices());
    List<YuvFrame> expected = ffmpegFrames(mkv, "yuv420p");
    assertEquals(3, r.frames().size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected.get(i).y(), r.frames().get(i).y());
      assertArrayEquals(expected.get(i).cr(), r.frames().get(i).cr());
    }
  }

  @Test
  void unspecifiedColourIsGuessedBySizeAsForY4m() throws Exception {
    Read r = read(clip("plain.mkv", "yuv420p"));
    assertEquals(ColourDescription.guessFor(70, 36), r.source().colour());
  }

  @Test
  void yuv444FullRangeStays444AndFull() throws Exception {
    // (yuvj420p, the other way to say full range, is street_1920x1080.264's: SharedVideoClipsTest in tools.)
    Path mkv = clip("full444.mkv", "yuv444p", "-color_range", "pc");
    Read r = read(mkv);
    assertEquals(ChromaFormat.YUV444, r.source().format());
    assertEquals(ColourRange.FULL, r.source().colour().range());
    assertArrayEquals(ffmpegFrames(mkv, "yuv444p").get(0).y(), r.frames().get(0).y());
  }

  @Test
  void tenBit422IsReducedWithNotices() throws Exception {
    Read r = read(clip("deep.mkv", "yuv422p10le"));
    assertEquals(ChromaFormat.YUV420, r.source().format());
    assertEquals(3, r.frames().size());
    assertEquals(2, r.notices().size(), r.notices().toString());
    assertTrue(r.notices().get(0).contains("10-bit samples reduced to 8 bits"), r.notices().toString());
    assertTrue(r.notices().get(1).contains("4:2:2 chroma reduced to 4:2:0"), r.notices().toString());
  }

  @Test
  void rgbIsFullRange444() throws Exception {
    Read r = read(clip("rgb.mkv", "gbrp"));
    assertEquals(ChromaFormat.YUV444, r.source().format());
    assertEquals(ColourDescription.JPEG, r.source().colour());
  }

  @Test
  void tooLargeIsRefusedBeforeDecoding() throws Exception {
    Path mkv = clip("small.mkv", "yuv420p");
    UserInputException e = assertThrows(UserInputException.class,
        () -> FfmpegVideoReader.open(mkv, new Y4mLimits(64, 64, 64 * 64, 4096), n -> { }));
    assertTrue(e.getMessage().startsWith(mkv + ": 70x36 exceeds"), e.getMessage());
  }

  @Test
  void notAVideoIsOneLineNamingTheFile() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.mkv"), "not a video");
    UserInputException e = assertThrows(UserInputException.class, () -> read(text));
    assertEquals(text + ": not a video FFmpeg can read", e.getMessage());
    assertThrows(UserInputException.class, () -> read(dir));
  }

  @Test
  void writerWritesBackWhatTheReaderRead() throws Exception {
    Read source = read(clip("source.mkv", "yuv420p", "-colorspace", "bt470bg", "-color_range", "pc"));
    for (VideoContainer c : VideoContainer.values()) {
      Path out = dir.resolve("copy." + c.suffix());
      OutputFiles.writeFile(out, true, tmp -> {
        try (FfmpegVideoWriter w = FfmpegVideoWriter.open(tmp, c, 70, 36, ChromaFormat.YUV420,
            source.source().colour(), source.source().frameRate())) {
          for (YuvFrame f : source.frames()) {
            w.write(f);
          }
        }
      });
      Read back = read(out);
      assertEquals(source.source().colour(), back.source().colour(), c.toString());
      assertEquals(source.source().frameRate(), back.source().frameRate(), c.toString());
      assertEquals(3, back.frames().size(), c.toString());
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(source.frames().get(i).y(), back.frames().get(i).y(), c + " frame " + i);
        assertArrayEquals(source.frames().get(i).cb(), back.frames().get(i).cb(), c + " frame " + i);
      }
    }
  }
}
