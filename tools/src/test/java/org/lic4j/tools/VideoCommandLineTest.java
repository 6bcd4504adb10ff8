package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mLimits;
import org.lic4j.media.Y4mReader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.ColourConversion;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Video on the command line: y4m in (a file or standard input), {@code .licv} out, {@code info},
 * y4m back (a file or standard output); and the refusals: a {@code .lic} output for a video (a
 * y4m or one FFmpeg reads), a damaged stream, an existing output.
 */
class VideoCommandLineTest {
  private static final FrameRate RATE = new FrameRate(30000, 1001);

  @TempDir Path dir;

  @Test
  void y4m420OddSizeRoundTripsThroughLicv() throws IOException {
    roundTrip(ChromaFormat.YUV420, 67, 45, 3);
  }

  @Test
  void y4m444RoundTripsThroughLicv() throws IOException {
    roundTrip(ChromaFormat.YUV444, 50, 33, 2);
  }

  private void roundTrip(ChromaFormat format, int width, int height, int count) throws IOException {
    List<YuvFrame> frames = frames(width, height, format, count);
    Path y4m = Files.write(dir.resolve("clip.y4m"), y4m(frames));
    Path licv = dir.resolve("clip.licv");
    CliRun encode = CliRun.of("encode", y4m.toString(), licv.toString(), "--quality", "90").assertOk();
    assertTrue(encode.out().contains(count + " frames"), encode.out());

    String info = CliRun.of("info", licv.toString()).assertOk().out();
    assertTrue(info.contains("media:       video, gop 32"), info);
    assertTrue(info.contains("picture:     " + width + "x" + height + " RGB 8-bit"), info);
    assertTrue(info.contains("rate:        30000/1001 fps") || info.contains("rate:        " + RATE + " fps"), info);
    assertTrue(info.contains("source:      " + format), info);
    assertEquals(count, info.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+ intra .*")).count(), info);
    assertTrue(info.contains("checksums:   ok"), info);

    Path back = dir.resolve("back.y4m");
    CliRun.of("decode", licv.toString(), back.toString()).assertOk();
    List<YuvFrame> decoded = read(Files.readAllBytes(back));
    assertEquals(count, decoded.size());
    try (Y4mReader r = Y4mReader.open(back, n -> { })) {
      Y4mHeader h = r.header();
      assertEquals(width, h.width());
      assertEquals(height, h.height());
      assertEquals(format, h.format());
      assertEquals(RATE, h.frameRate());
    }
    for (int i = 0; i < count; i++) {
      double psnr = lumaPsnr(frames.get(i), decoded.get(i));
      assertTrue(psnr > 25, "frame " + i + " luma PSNR " + psnr);
    }
  }

  @Test
  void bitrateIsAimedAtAndReported() throws IOException {
    Path y4m = Files.write(dir.resolve("clip.y4m"), y4m(frames(64, 48, ChromaFormat.YUV420, 4)));
    Path licv = dir.resolve("clip.licv");
    CliRun encode = CliRun.of("encode", y4m.toString(), licv.toString(), "--bitrate", "150k").assertOk();
    // The rate achieved next to the target, and the mean quality it took.
    assertTrue(encode.out().matches("(?s).*4 frames at .* kbit/s \\(target 150\\), mean quality [0-9.]+, .*"),
        encode.out());
    assertEquals("", encode.err());
    assertEquals(4, read(CliRun.of("decode", licv.toString(), "-").assertOk().stdout()).size());
    CliRun.of("info", licv.toString()).assertOk();
  }

  @Test
  void unreachableBitrateIsSaidOnceNotFailed() throws IOException {
    Path y4m = Files.write(dir.resolve("clip.y4m"), y4m(frames(64, 48, ChromaFormat.YUV420, 3)));
    Path licv = dir.resolve("clip.licv");
    // Far below what quality 0 costs: every frame at 0, and one line saying so.
    CliRun encode = CliRun.of("encode", y4m.toString(), licv.toString(), "--bitrate", "100", "--intra-only")
        .assertOk();
    assertTrue(encode.out().contains("(target 0.1), mean quality 0.00"), encode.out());
    List<String> lines = encode.err().lines().toList();
    assertEquals(1, lines.size(), encode.err());
    assertTrue(lines.get(0).startsWith("lic4j: " + licv + ": target 0.1 kbit/s is below what quality 0 costs"),
        encode.err());
  }

  @Test
  void bitrateArgumentsAndRefusals() throws IOException {
    assertEquals(500, EncodeCommand.parseKbps("500k"));
    assertEquals(500, EncodeCommand.parseKbps("500K"));
    assertEquals(1500, EncodeCommand.parseKbps("1.5M"));
    assertEquals(1100, EncodeCommand.parseKbps("1.1M"));
    assertEquals(800, EncodeCommand.parseKbps("800000"));
    assertEquals(0.5, EncodeCommand.parseKbps("500"));
    assertEquals(64, EncodeCommand.parseKbps(".064M"));
    assertEquals("1100", VideoEncodeJob.kbpsText(1100));
    assertEquals("1.5", VideoEncodeJob.kbpsText(1.5));
    Path y4m = Files.write(dir.resolve("clip.y4m"), y4m(frames(32, 24, ChromaFormat.YUV420, 1)));
    String out = dir.resolve("clip.licv").toString();
    for (String bad : new String[] {"12x", "-500k", "0", "0k", "1e6", "NaN", "Infinity", "5 00k", "500m", "k", ""}) {
      CliRun.of("encode", y4m.toString(), out, "--bitrate", bad).assertFails(Failures.USAGE, "--bitrate");
    }
    CliRun.of("encode", y4m.toString(), out, "--bitrate", "500k", "-q", "50").assertFails(Failures.USAGE, "--bitrate");
    CliRun.of("encode", y4m.toString(), out, "--bitrate", "500k", "--bpp", "1").assertFails(Failures.USAGE, "--bpp");
    assertEquals(List.of("clip.y4m"), CliRun.names(dir));
  }

  @Test
  void stdinToLicvAndLicvToStdout() throws IOException {
    List<YuvFrame> frames = frames(40, 24, ChromaFormat.YUV420, 2);
    Path licv = dir.resolve("piped.licv");
    CliRun.withStdin(y4m(frames), "encode", "-", licv.toString(), "--quality", "60").assertOk();
    CliRun decode = CliRun.of("decode", licv.toString(), "-").assertOk();
    List<YuvFrame> back = read(decode.stdout());
    assertEquals(2, back.size());
    // The summary goes to stderr: stdout is the video.
    assertTrue(decode.err().contains("2 frames"), decode.err());

    Path again = dir.resolve("again.licv");
    CliRun.withStdin(y4m(frames), "encode", "-", again.toString(), "--quality", "60", "--frames", "1").assertOk();
    assertEquals(1, read(CliRun.of("decode", again.toString(), "-").assertOk().stdout()).size());
  }

  @Test
  void stdinThatIsNotY4mIsBadInput() {
    CliRun.withStdin("P6\n1 1\n255\nabc".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "encode", "-", dir.resolve("x.licv").toString()).assertFails(Failures.BAD_INPUT, "y4m");
    assertFalse(Files.exists(dir.resolve("x.licv")));
  }

  @Test
  void videoToLicOutputIsRefusedNamingLicv() throws IOException {
    Path y4m = Files.write(dir.resolve("clip.y4m"), y4m(frames(32, 32, ChromaFormat.YUV420, 2)));
    CliRun.of("encode", y4m.toString(), dir.resolve("clip.lic").toString())
        .assertFails(Failures.USAGE, "clip.licv");
    // Named by its signature, not its name.
    Path unnamed = Files.copy(y4m, dir.resolve("clip.raw"));
    CliRun.of("encode", unnamed.toString(), dir.resolve("other.lic").toString())
        .assertFails(Failures.USAGE, ".licv");
    assertEquals(List.of("clip.raw", "clip.y4m"), CliRun.names(dir));
  }

  @Test
  void decodeOfVideoToAnotherContainerIsRefused() throws IOException {
    // .y4m, .mkv and .mp4 are written (FfmpegVideoCommandLineTest); anything else is a usage error.
    Path licv = encoded(2);
    CliRun.of("decode", licv.toString(), dir.resolve("out.avi").toString())
        .assertFails(Failures.USAGE, ".mkv");
    assertFalse(Files.exists(dir.resolve("out.avi")));
  }

  @Test
  void damagedOrTruncatedLicvExitsTwoLeavingNothing() throws IOException {
    Path licv = encoded(2);
    byte[] good = Files.readAllBytes(licv);
    byte[] flipped = good.clone();
    flipped[good.length * 2 / 3] ^= 0x10;
    Path bad = Files.write(dir.resolve("bad.licv"), flipped);
    Path out = dir.resolve("bad.y4m");
    CliRun.of("decode", bad.toString(), out.toString()).assertFails(Failures.BAD_INPUT, "bad.licv");
    CliRun.of("info", bad.toString()).assertFails(Failures.BAD_INPUT, "bad.licv");

    for (int cut : new int[] {1, 7, good.length / 2, good.length - 20}) {
      byte[] truncated = java.util.Arrays.copyOf(good, good.length - cut);
      Path shortened = Files.write(dir.resolve("short.licv"), truncated);
      CliRun.of("decode", shortened.toString(), out.toString()).assertFails(Failures.BAD_INPUT, "short.licv");
      CliRun.of("decode", shortened.toString(), "-").assertFails(Failures.BAD_INPUT, "short.licv");
    }
    assertEquals(List.of("bad.licv", "clip.licv", "clip.y4m", "short.licv"), CliRun.names(dir),
        "no output and no .part file left");
  }

  @Test
  void existingOutputNeedsForce() throws IOException {
    Path licv = encoded(1);
    byte[] before = Files.readAllBytes(licv);
    Path y4m = dir.resolve("clip.y4m");
    CliRun.of("encode", y4m.toString(), licv.toString()).assertFails(Failures.USAGE, "--force");
    assertArrayEquals(before, Files.readAllBytes(licv));
    Path back = Files.write(dir.resolve("back.y4m"), new byte[] {1});
    CliRun.of("decode", licv.toString(), back.toString()).assertFails(Failures.USAGE, "--force");
    CliRun.of("decode", licv.toString(), back.toString(), "--force").assertOk();
    assertEquals(1, read(Files.readAllBytes(back)).size());
  }

  @Test
  void multiFrameFileThroughFfmpegToLicIsRefusedNotCodedAsOneFrame() throws IOException, InterruptedException {
    assumeTrue(hasFfmpeg(), "no ffmpeg command: skipping the multi-frame FFmpeg input case");
    Path mp4 = dir.resolve("clip.mp4");
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10",
        "-frames:v", "5", "-pix_fmt", "yuv420p", "-c:v", "mpeg4", mp4.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, log);
    // A video codes to .licv (FfmpegVideoCommandLineTest); a .lic output is a picture's.
    CliRun.of("encode", mp4.toString(), dir.resolve("clip.lic").toString())
        .assertFails(Failures.USAGE, "OUT.licv");
    assertFalse(Files.exists(dir.resolve("clip.lic")));
  }

  private static boolean hasFfmpeg() {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** clip.y4m and clip.licv in {@link #dir}, of {@code count} 32x24 frames. */
  private Path encoded(int count) throws IOException {
    Path y4m = Files.write(dir.resolve("clip.y4m"), y4m(frames(32, 24, ChromaFormat.YUV420, count)));
    Path licv = dir.resolve("clip.licv");
    CliRun.of("encode", y4m.toString(), licv.toString(), "--quality", "50").assertOk();
    return licv;
  }

  /** Photo-like frames that change from one to the next. */
  private static List<YuvFrame> frames(int width, int height, ChromaFormat format, int count) {
    List<YuvFrame> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(ColourConversion.toYuv(CliRun.picture(width, height, 100 + i), format,
          ColourDescription.guessFor(width, height)));
    }
    return frames;
  }

  private static byte[] y4m(List<YuvFrame> frames) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Y4mWriter w = Y4mWriter.open(bytes, Y4mHeader.of(frames.get(0), RATE))) {
      for (YuvFrame f : frames) {
        w.write(f);
      }
    }
    return bytes.toByteArray();
  }

  private static List<YuvFrame> read(byte[] y4m) throws IOException {
    List<YuvFrame> frames = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(y4m);
        Y4mReader r = Y4mReader.open(in, "test", Y4mLimits.DEFAULT, n -> { })) {
      for (Optional<YuvFrame> f = r.next(); f.isPresent(); f = r.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  private static double lumaPsnr(YuvFrame a, YuvFrame b) {
    byte[] x = a.y();
    byte[] y = b.y();
    assertEquals(x.length, y.length);
    double se = 0;
    for (int i = 0; i < x.length; i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      se += d * d;
    }
    return 10 * Math.log10(255.0 * 255.0 / Math.max(1e-9, se / x.length));
  }
}
