package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.media.FrameSource;
import org.lic4j.media.FrameSources;
import org.lic4j.video.YuvFrame;

/**
 * Video through FFmpeg on the command line, on clips the {@code ffmpeg} command makes: mp4 in
 * (with audio: one notice), mkv and mp4 out (lossless: the same frames as y4m), a one-frame file
 * still a picture, {@code --salvage} on a truncated stream, a file that is not a video.
 */
class FfmpegVideoCommandLineTest {
  @TempDir static Path dir;
  static Path mp4;
  static Path licv;

  @BeforeAll
  static void clip() throws IOException, InterruptedException {
    FfmpegTool.assumePresent();
    mp4 = dir.resolve("clip.mp4");
    FfmpegTool.run("-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
        "-frames:v", "4", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-crf", "18", "-colorspace", "bt709",
        "-color_range", "tv", "-c:a", "aac", "-shortest", mp4.toString());
    licv = dir.resolve("clip.licv");
    CliRun run = CliRun.of("encode", mp4.toString(), licv.toString(), "--quality", "60").assertOk();
    assertEquals(List.of("lic4j: " + mp4 + ": audio is not coded (video only)"), run.err().lines().toList(),
        "one notice for the audio");
    assertTrue(run.out().contains("4 frames at 25/1 fps"), run.out());
  }

  @Test
  void mp4IsReadWithItsColourAndRate() throws IOException {
    try (FrameSource source = FrameSources.open(mp4, InputStreamNone.INSTANCE, n -> { })) {
      assertEquals(96, source.width());
      assertEquals(ChromaFormat.YUV420, source.format());
      assertEquals(ColourMatrix.BT709, source.colour().matrix());
      assertEquals(ColourRange.LIMITED, source.colour().range());
      assertEquals(ChromaSiting.LEFT, source.colour().siting());
      assertEquals(new org.lic4j.bitstream.FrameRate(25, 1), source.frameRate());
      assertEquals(4, source.expectedFrames());
    }
    String info = CliRun.of("info", licv.toString()).assertOk().out();
    assertTrue(info.contains("BT709"), info);
  }

  @Test
  void framesOptionCapsAnFfmpegInput() throws IOException {
    Path two = dir.resolve("two.licv");
    CliRun.of("encode", mp4.toString(), two.toString(), "--frames", "2").assertOk();
    assertEquals(2, FfmpegTool.frames(CliRun.of("decode", two.toString(), "-").assertOk().stdout()).size());
  }

  @Test
  void mkvAndMp4OutputsHoldTheSameFramesAsY4m() throws IOException {
    Path y4m = dir.resolve("back.y4m");
    CliRun.of("decode", licv.toString(), y4m.toString(), "--force").assertOk();
    List<YuvFrame> expected = FfmpegTool.frames(Files.readAllBytes(y4m));
    assertEquals(4, expected.size());
    for (String suffix : List.of("mkv", "mp4")) {
      Path out = dir.resolve("back." + suffix);
      CliRun.of("decode", licv.toString(), out.toString(), "--force").assertOk();
      try (FrameSource back = FrameSources.open(out, InputStreamNone.INSTANCE, n -> { })) {
        assertEquals(expected.get(0).colour(), back.colour(), suffix);
        for (YuvFrame e : expected) {
          YuvFrame got = back.next().orElseThrow();
          assertArrayEquals(e.y(), got.y(), suffix);
          assertArrayEquals(e.cb(), got.cb(), suffix);
          assertArrayEquals(e.cr(), got.cr(), suffix);
        }
        assertTrue(back.next().isEmpty(), suffix);
      }
    }
    assertFalse(CliRun.names(dir).stream().anyMatch(n -> n.endsWith(".part")), "no temporary file left");
  }

  @Test
  void existingContainerOutputNeedsForce() throws IOException {
    Path out = Files.write(dir.resolve("existing.mkv"), new byte[] {1});
    CliRun.of("decode", licv.toString(), out.toString()).assertFails(Failures.USAGE, "--force");
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(out));
  }

  @Test
  void otherContainersAreAUsageError() {
    CliRun.of("decode", licv.toString(), dir.resolve("out.avi").toString()).assertFails(Failures.USAGE, ".mkv");
  }

  @Test
  void videoToALicOutputNamesTheLicv() {
    CliRun.of("encode", mp4.toString(), dir.resolve("clip.lic").toString()).assertFails(Failures.USAGE, ".licv");
    assertFalse(Files.exists(dir.resolve("clip.lic")));
  }

  @Test
  void oneFrameFileIsStillAPicture() throws IOException, InterruptedException {
    Path one = dir.resolve("one.mkv");
    FfmpegTool.run("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", "-c:v", "ffv1", one.toString());
    CliRun.of("encode", one.toString(), dir.resolve("one.lic").toString()).assertOk();
    assertTrue(CliRun.of("info", dir.resolve("one.lic").toString()).assertOk().out().contains("64x48"));
  }

  @Test
  void notAVideoIsBadInputInOneLine() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.mp4"), "hello, not a video");
    CliRun.of("encode", text.toString(), dir.resolve("notes.licv").toString())
        .assertFails(Failures.BAD_INPUT, text.toString());
    // An mp4 cut in half has lost its index (x264's moov comes last): FFmpeg cannot open it.
    byte[] whole = Files.readAllBytes(mp4);
    Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
    CliRun.of("encode", cut.toString(), dir.resolve("notes.licv").toString())
        .assertFails(Failures.BAD_INPUT, cut.toString());
    CliRun.of("encode", dir.resolve("absent.mp4").toString(), dir.resolve("notes.licv").toString())
        .assertFails(Failures.BAD_INPUT, "no such file");
    assertFalse(Files.exists(dir.resolve("notes.licv")));
  }

  @Test
  void salvageKeepsTheFramesBeforeTheDamage() throws IOException {
    byte[] good = Files.readAllBytes(licv);
    Path cut = Files.write(dir.resolve("cut.licv"), Arrays.copyOf(good, good.length * 3 / 4));
    for (String suffix : List.of("y4m", "mkv")) {
      Path out = dir.resolve("salvaged." + suffix);
      CliRun.of("decode", cut.toString(), out.toString()).assertFails(Failures.BAD_INPUT, "cut.licv");
      assertFalse(Files.exists(out), "nothing without --salvage");
      CliRun run = CliRun.of("decode", cut.toString(), out.toString(), "--salvage")
          .assertFails(Failures.BAD_INPUT, "frame");
      assertTrue(run.err().contains("--salvage: kept "), run.err());
      long kept = Long.parseLong(run.err().replaceAll("(?s).*kept (\\d+) frame.*", "$1"));
      assertTrue(kept >= 1 && kept < 4, run.err());
      try (FrameSource back = FrameSources.open(out, InputStreamNone.INSTANCE, n -> { })) {
        long n = 0;
        while (back.next().isPresent()) {
          n++;
        }
        assertEquals(kept, n, suffix);
      }
    }
    // A flipped bit in the last frame (index and footer are the last ~100 bytes): 3 frames kept.
    byte[] flipped = good.clone();
    flipped[good.length - 300] ^= 0x10;
    Path bad = Files.write(dir.resolve("bad.licv"), flipped);
    Path out = dir.resolve("salvaged-bad.y4m");
    CliRun.of("decode", bad.toString(), out.toString(), "--salvage").assertFails(Failures.BAD_INPUT, "kept 3 frames");
    assertEquals(3, FfmpegTool.frames(Files.readAllBytes(out)).size());
    assertFalse(CliRun.names(dir).stream().anyMatch(n -> n.endsWith(".part")), "no temporary file left");
  }

  /** Standard input for sources that are files. */
  private static final class InputStreamNone extends java.io.InputStream {
    static final InputStreamNone INSTANCE = new InputStreamNone();

    @Override
    public int read() {
      return -1;
    }
  }
}
