package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.YuvFrame;

/**
 * y4m as FFmpeg writes it into a pipe ({@code ffmpeg ... -f yuv4mpegpipe -}), read as it comes:
 * generated pictures (FFmpeg's {@code testsrc2}) of an odd size, 8 and 10 bits, 4:2:0 and 4:4:4,
 * limited and full range. Skips where {@code ffmpeg} is not installed.
 */
class FfmpegY4mPipeTest {
  private static final int FRAMES = 5;

  @BeforeAll
  static void needsFfmpeg() {
    FfmpegTool.assumePresent();
  }

  private record Piped(Y4mHeader header, List<YuvFrame> frames, List<String> notices) { }

  private static Piped pipe(String pixelFormat, String range) throws Exception {
    return pipe(pixelFormat, range, 61);
  }

  private static Piped pipe(String pixelFormat, String range, int width) throws Exception {
    List<String> command = List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi",
        "-i", "testsrc2=size=64x36:rate=30000/1001", "-frames:v", String.valueOf(FRAMES),
        "-vf", "format=yuv444p,scale=w=" + width + ":h=33:out_range=" + range, "-color_range", range.equals("full") ? "pc" : "tv",
        "-pix_fmt", pixelFormat, "-strict", "-1", "-f", "yuv4mpegpipe", "-");
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> notices = new ArrayList<>();
    List<YuvFrame> frames = new ArrayList<>();
    Y4mHeader header;
    try (Y4mReader reader = Y4mReader.open(p.getInputStream(), "-", Y4mLimits.DEFAULT, notices::add)) {
      header = reader.header();
      for (Optional<YuvFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
        frames.add(f.get());
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg hangs");
    assertEquals(0, p.exitValue(), String.join(" ", command));
    return new Piped(header, frames, notices);
  }

  @Test
  void eightBitStreamsReadAsTheyCome() throws Exception {
    for (String pixelFormat : new String[] {"yuv420p", "yuv444p"}) {
      for (String range : new String[] {"limited", "full"}) {
        Piped piped = pipe(pixelFormat, range);
        Y4mHeader h = piped.header();
        assertEquals(61, h.width());
        assertEquals(33, h.height());
        assertEquals(pixelFormat.equals("yuv420p") ? ChromaFormat.YUV420 : ChromaFormat.YUV444, h.format());
        assertEquals(new FrameRate(30000, 1001), h.frameRate());
        assertEquals(range.equals("full") ? ColourRange.FULL : ColourRange.LIMITED, h.colour().range(), pixelFormat + " " + range);
        assertEquals(FRAMES, piped.frames().size());
        assertTrue(piped.notices().isEmpty());
      }
    }
  }

  /**
   * 10-bit samples, rounded to 8 bits, give back FFmpeg's own 8-bit frames within one code. The
   * width is even: FFmpeg 5.1's y4m muxer writes 10-bit chroma rows of an odd width one byte short
   * (ceil(2w / 2) bytes for ceil(w / 2) samples), which neither it nor we can read back.
   */
  @Test
  void tenBitStreamsReduceToTheEightBitOnes() throws Exception {
    for (String[] formats : new String[][] {{"yuv420p10le", "yuv420p"}, {"yuv444p10le", "yuv444p"}}) {
      Piped wide = pipe(formats[0], "limited", 62);
      Piped narrow = pipe(formats[1], "limited", 62);
      assertEquals(10, wide.header().bitDepth());
      assertEquals(List.of("-: 10-bit samples reduced to 8 bits (rounded)"), wide.notices());
      assertEquals(FRAMES, wide.frames().size());
      for (int i = 0; i < FRAMES; i++) {
        YuvFrame a = wide.frames().get(i);
        YuvFrame b = narrow.frames().get(i);
        assertTrue(maxDifference(a.y(), b.y()) <= 1, formats[0] + " frame " + i);
        assertTrue(maxDifference(a.cb(), b.cb()) <= 1, formats[0] + " frame " + i);
        assertTrue(maxDifference(a.cr(), b.cr()) <= 1, formats[0] + " frame " + i);
      }
      assertArrayEquals(new int[] {62, 33}, new int[] {wide.header().width(), wide.header().height()});
    }
  }

  private static int maxDifference(byte[] a, byte[] b) {
    assertEquals(a.length, b.length);
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
    }
    return max;
  }
}
