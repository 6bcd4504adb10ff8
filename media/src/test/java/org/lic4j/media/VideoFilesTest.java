package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling video inputs and outputs apart, and the progress line's text. */
class VideoFilesTest {
  @TempDir Path dir;

  @Test
  void y4mIsKnownByNameOrSignature() throws IOException {
    assertTrue(VideoFiles.isY4m(dir.resolve("absent.Y4M")));
    Path signed = Files.writeString(dir.resolve("clip.raw"), "YUV4MPEG2 W2 H2 C444\n");
    assertTrue(VideoFiles.isY4m(signed));
    Path unsigned = Files.writeString(dir.resolve("clip.bin"), "YUV4MPEG2");
    assertFalse(VideoFiles.isY4m(unsigned), "the signature includes its space");
    assertFalse(VideoFiles.isY4m(dir.resolve("absent.png")));
    assertTrue(VideoFiles.isLicv(Path.of("a.LICV")));
    assertFalse(VideoFiles.isLicv(Path.of("a.lic")));
  }

  @Test
  void sniffingAPipeLeavesItWhereItWas() throws IOException {
    byte[] y4m = "YUV4MPEG2 W2 H2\n".getBytes(StandardCharsets.US_ASCII);
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(y4m));
    assertTrue(VideoFiles.startsWithY4m(in));
    assertEquals('Y', in.read());
    BufferedInputStream png = new BufferedInputStream(new ByteArrayInputStream(new byte[] {(byte) 0x89, 'P', 'N'}));
    assertFalse(VideoFiles.startsWithY4m(png));
    assertEquals(0x89, png.read());
  }

  @Test
  void progressLineGivesRateAndTimeLeft() {
    assertEquals("frame 10/40, 2.0 frames/s, ETA 0:15", FrameProgress.line(10, 40, 5.0));
    assertEquals("frame 10, 2.0 frames/s", FrameProgress.line(10, 0, 5.0), "no total, no ETA");
    assertEquals("frame 40/40, 2.0 frames/s", FrameProgress.line(40, 40, 20.0));
    assertEquals("frame 1/7201, 0.0 frames/s", FrameProgress.line(1, 7201, 0), "no rate yet");
    assertEquals("frame 1/7201, 1.0 frames/s, ETA 120:00", FrameProgress.line(1, 7201, 1.0));
  }

  @Test
  void progressIsSilentOffATerminal() {
    java.io.StringWriter text = new java.io.StringWriter();
    FrameProgress p = new FrameProgress(new java.io.PrintWriter(text), 3, false);
    p.frame();
    p.end();
    assertEquals(List.of(), text.toString().lines().toList());
  }
}
