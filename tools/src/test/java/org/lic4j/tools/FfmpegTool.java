package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.lic4j.media.Y4mLimits;
import org.lic4j.media.Y4mReader;
import org.lic4j.video.YuvFrame;

/** The {@code ffmpeg} command line, for tests that make clips with it or pipe through it. */
final class FfmpegTool {
  private FfmpegTool() {}

  /** Skips the calling test where {@code ffmpeg} is not on the PATH. */
  static void assumePresent() {
    boolean present;
    try {
      Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      present = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      present = false;
    }
    assumeTrue(present, "skipped: no ffmpeg on the PATH");
  }

  /** Runs {@code ffmpeg -v error ARGS}; fails the test unless it succeeds; returns its stdout. */
  static byte[] run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        return e.toString().getBytes(StandardCharsets.UTF_8);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ffmpeg finished: " + cmd);
    assertTrue(p.exitValue() == 0, () -> cmd + ": " + new String(err.join(), StandardCharsets.UTF_8));
    return out;
  }

  /** The first {@code frames} frames of {@code clip} as y4m, as FFmpeg's command line decodes them. */
  static byte[] y4m(Path clip, int frames) throws IOException, InterruptedException {
    return run("-i", clip.toString(), "-frames:v", String.valueOf(frames), "-an", "-f", "yuv4mpegpipe", "-");
  }

  static List<YuvFrame> frames(byte[] y4m) throws IOException {
    List<YuvFrame> frames = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(y4m);
        Y4mReader r = Y4mReader.open(in, "test", Y4mLimits.DEFAULT, n -> { })) {
      for (Optional<YuvFrame> f = r.next(); f.isPresent(); f = r.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  /** Luma PSNR in dB (100 for identical planes). */
  static double lumaPsnr(YuvFrame a, YuvFrame b) {
    byte[] x = a.y();
    byte[] y = b.y();
    assertTrue(x.length == y.length, "same size");
    double se = 0;
    for (int i = 0; i < x.length; i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      se += d * d;
    }
    return se == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 / (se / x.length));
  }
}
