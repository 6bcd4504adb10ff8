package org.lic4j.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The {@code ffmpeg} command line, for tests that compare with it or pipe through it. */
final class FfmpegTool {
  private FfmpegTool() {}

  /** Skips the calling test class where {@code ffmpeg} is not on the PATH. */
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
}
