package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.video.YuvFrame;

/**
 * A new user's round trips on every clip in {@code ../shared/data/video} (y4m, mp4, raw H.264,
 * MPEG-2, AVI): encoded from the file (through FFmpeg, or natively for y4m) and from a pipe (y4m
 * from the {@code ffmpeg} command on standard input), decoded back to y4m and mkv; frame counts,
 * sizes, chroma format and luma PSNR against the frames FFmpeg decodes checked. A few frames per
 * clip ({@code --frames}), so that the 1080p clip stays quick. Skips where {@code ../shared} or
 * {@code ffmpeg} is absent.
 */
class SharedVideoClipsTest {
  private static final Path CLIPS = Path.of("..", "..", "shared", "data", "video");
  private static final Path CLIPS_FROM_REPO = Path.of("..", "shared", "data", "video");
  /** The floor at --quality 60 on natural clips. */
  private static final double MIN_LUMA_PSNR = 25;
  /**
   * The floor on Static_152x100_10f.y4m, TV noise half outside the RGB cube: the YUV -> RGB -> YUV
   * round trip alone holds its luma to 25.3 dB (docs/video.md, "What a YUV -> RGB -> YUV round trip costs").
   */
  private static final double MIN_LUMA_PSNR_NOISE = 20;

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyClipRoundTrips() throws IOException {
    // Tests run in the module's directory; ../shared sits beside the repository.
    Path clips = Files.isDirectory(CLIPS) ? CLIPS : CLIPS_FROM_REPO;
    assumeTrue(Files.isDirectory(clips), "skipped: no clips at ../shared/data/video");
    FfmpegTool.assumePresent();
    List<Path> all;
    try (Stream<Path> s = Files.list(clips)) {
      all = s.filter(Files::isRegularFile).sorted().toList();
    }
    assumeTrue(!all.isEmpty(), "skipped: no clip in " + clips);
    return all.stream().map(clip -> DynamicTest.dynamicTest(clip.getFileName().toString(), () -> roundTrip(clip)));
  }

  private void roundTrip(Path clip) throws IOException, InterruptedException {
    String name = clip.getFileName().toString().replace('.', '_');
    byte[] pipe = FfmpegTool.y4m(clip, 3);
    List<YuvFrame> source = FfmpegTool.frames(pipe);
    YuvFrame first = source.get(0);
    // Three frames of up to CIF, two above.
    int frames = (long) first.width() * first.height() > 352 * 288 ? 2 : 3;
    source = source.subList(0, Math.min(frames, source.size()));
    frames = source.size();

    Path fromFile = dir.resolve(name + "-file.licv");
    CliRun.of("encode", clip.toString(), fromFile.toString(), "--quality", "60", "--frames", String.valueOf(frames))
        .assertOk();
    Path fromPipe = dir.resolve(name + "-pipe.licv");
    CliRun.withStdin(pipe, "encode", "-", fromPipe.toString(), "--quality", "60", "--frames", String.valueOf(frames))
        .assertOk();

    double floor = clip.getFileName().toString().startsWith("Static_") ? MIN_LUMA_PSNR_NOISE : MIN_LUMA_PSNR;
    for (Path licv : List.of(fromFile, fromPipe)) {
      Path y4m = dir.resolve(licv.getFileName() + ".y4m");
      CliRun.of("decode", licv.toString(), y4m.toString()).assertOk();
      List<YuvFrame> back = FfmpegTool.frames(Files.readAllBytes(y4m));
      assertEquals(frames, back.size(), licv + ": frames");
      double worst = Double.MAX_VALUE;
      for (int i = 0; i < frames; i++) {
        YuvFrame s = source.get(i);
        YuvFrame b = back.get(i);
        assertEquals(s.width() + "x" + s.height() + " " + s.format(), b.width() + "x" + b.height() + " " + b.format(),
            licv + ": frame " + i);
        double psnr = FfmpegTool.lumaPsnr(s, b);
        assertTrue(psnr >= floor, licv + ": frame " + i + " luma PSNR " + psnr);
        worst = Math.min(worst, psnr);
      }
      System.out.printf("%s: %d frames %dx%d %s, lowest luma PSNR %.2f dB%n", licv.getFileName(), frames,
          first.width(), first.height(), first.format(), worst);
      if (licv == fromFile) {
        // mkv (FFV1) holds exactly the frames y4m does.
        Path mkv = dir.resolve(licv.getFileName() + ".mkv");
        CliRun.of("decode", licv.toString(), mkv.toString()).assertOk();
        List<YuvFrame> lossless = FfmpegTool.frames(FfmpegTool.y4m(mkv, frames + 1));
        assertEquals(frames, lossless.size(), mkv + ": frames");
        for (int i = 0; i < frames; i++) {
          assertArrayEquals(back.get(i).y(), lossless.get(i).y(), mkv + ": frame " + i);
          assertArrayEquals(back.get(i).cb(), lossless.get(i).cb(), mkv + ": frame " + i);
        }
      }
    }
  }
}
