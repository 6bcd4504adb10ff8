package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.codec.RgbImage;
import org.lic4j.video.ColourConversion;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * The conversion against FFmpeg's swscale with {@code bilinear+accurate_rnd+full_chroma_int}, the
 * command-line {@code ffmpeg} fed our y4m: YUV to RGB within one code for every matrix, range, and
 * 4:2:0 chroma siting y4m names (BT.601 as BT470BG, BT.709), and RGB to 4:4:4 within one code. swscale's RGB is asked for as
 * planar {@code gbrp}: its packed {@code rgb24} output interpolates 4:2:0 chroma vertically by a
 * cruder filter of its own (a chroma edge lands a row off). Skips where {@code ffmpeg} is not
 * installed.
 */
class ColourConversionVsFfmpegTest {
  private static final String FLAGS = "bilinear+accurate_rnd+full_chroma_int+bitexact";
  private static final int W = 96;
  private static final int H = 64;
  /** Every siting a frame can carry (all but UNSPECIFIED). */
  private static final List<ChromaSiting> POSITIONS =
      Arrays.stream(ChromaSiting.values()).filter(ChromaSiting::hasPosition).toList();

  @TempDir Path dir;

  @BeforeAll
  static void needsFfmpeg() {
    FfmpegTool.assumePresent();
  }

  private static List<ColourDescription> descriptions() {
    List<ColourDescription> out = new ArrayList<>();
    for (ColourMatrix m : List.of(ColourMatrix.BT470BG, ColourMatrix.BT709)) {
      for (ColourRange r : ColourRange.values()) {
        out.add(new ColourDescription(m, r, ChromaSiting.CENTER));
      }
    }
    return out;
  }

  private static String matrixName(ColourMatrix m) {
    return m == ColourMatrix.BT470BG ? "bt601" : "bt709";
  }

  private static String rangeName(ColourRange r) {
    return r == ColourRange.FULL ? "pc" : "tv";
  }

  /** A smooth picture with edges: gradients, a few flat blocks of saturated colour. */
  private static RgbImage picture(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] rgb = new byte[W * H * 3];
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        int o = (r * W + c) * 3;
        boolean block = (r / 16 + c / 16) % 3 == 0;
        rgb[o] = (byte) (block ? 230 : c * 255 / (W - 1));
        rgb[o + 1] = (byte) (block ? 20 : r * 255 / (H - 1));
        rgb[o + 2] = (byte) (block ? 40 + random.nextInt(8) : (r + c) * 255 / (W + H - 2));
      }
    }
    return RgbImage.ofRgb(W, H, rgb);
  }

  private byte[] ffmpeg(byte[] input, List<String> args) throws IOException, InterruptedException {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Files.write(in, input);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(args.subList(0, args.indexOf("-i") + 1));
    command.add(in.toString());
    command.addAll(args.subList(args.indexOf("-i") + 1, args.size()));
    command.add(out.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg hangs");
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + log);
    return Files.readAllBytes(out);
  }

  private static byte[] y4m(YuvFrame f) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Y4mWriter w = Y4mWriter.open(out, Y4mHeader.of(f, new FrameRate(25, 1)))) {
      w.write(f);
    }
    return out.toByteArray();
  }

  private static byte[] planes(YuvFrame f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(f.y());
    out.writeBytes(f.cb());
    out.writeBytes(f.cr());
    return out.toByteArray();
  }

  /**
   * swscale's 4:2:0 chroma position, in 1/256 of a luma sample right of and below the block's
   * corner (for 4:4:4 it would shift chroma off its luma sample).
   */
  private static String chromaPosition(ChromaSiting s) {
    return ":in_h_chr_pos=" + 128 * s.halfSamplesRight() + ":in_v_chr_pos=" + 128 * s.halfSamplesDown();
  }

  @Test
  void yuvToRgbMatchesSwscaleWithinOneCode() throws Exception {
    for (ColourDescription d : descriptions()) {
      for (ChromaFormat format : List.of(ChromaFormat.YUV420, ChromaFormat.YUV444)) {
        for (ChromaSiting siting : format.isSubsampled()
            ? new ChromaSiting[] {ChromaSiting.CENTER, ChromaSiting.LEFT, ChromaSiting.TOP_LEFT}
            : new ChromaSiting[] {ChromaSiting.CENTER}) {
          ColourDescription ds = d.withSiting(siting);
          YuvFrame source = ColourConversion.toYuv(picture(1), format, ds);
          byte[] gbr = ffmpeg(y4m(source), List.of("-f", "yuv4mpegpipe", "-i",
              "-vf", "scale=in_color_matrix=" + matrixName(d.matrix()) + ":in_range=" + rangeName(d.range())
                  + (format.isSubsampled() ? chromaPosition(siting) : "") + ":flags=" + FLAGS, "-pix_fmt", "gbrp", "-f", "rawvideo"));
          byte[] ours = ColourConversion.toRgb(source).rgb();
          byte[] theirs = interleaved(gbr);
          assertTrue(maxDifference(ours, theirs) <= 1, ds + " " + format + ": " + maxDifference(ours, theirs));
        }
      }
    }
  }

  /** Planar G, B, R to interleaved R, G, B. */
  private static byte[] interleaved(byte[] gbr) {
    int n = W * H;
    byte[] rgb = new byte[3 * n];
    for (int i = 0; i < n; i++) {
      rgb[3 * i] = gbr[2 * n + i];
      rgb[3 * i + 1] = gbr[i];
      rgb[3 * i + 2] = gbr[n + i];
    }
    return rgb;
  }

  @Test
  void rgbToYuv444MatchesSwscaleWithinOneCode() throws Exception {
    for (ColourDescription d : descriptions()) {
      RgbImage picture = picture(2);
      byte[] theirs = ffmpeg(picture.rgb(), List.of("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", W + "x" + H, "-i",
          "-vf", "scale=out_color_matrix=" + matrixName(d.matrix()) + ":out_range=" + rangeName(d.range())
              + ":flags=" + FLAGS, "-pix_fmt", "yuv444p", "-f", "rawvideo"));
      byte[] ours = planes(ColourConversion.toYuv(picture, ChromaFormat.YUV444, d));
      assertTrue(maxDifference(ours, theirs) <= 1, d + ": " + maxDifference(ours, theirs));
    }
  }

  /**
   * RGB to 4:2:0: our filters (a box across two luma samples, [1 2 1]/4 on a co-sited one) are
   * swscale's {@code area} filter at the same chroma positions.
   */
  @Test
  void rgbToYuv420MatchesSwscaleAreaWithinOneCode() throws Exception {
    for (ColourDescription d : descriptions()) {
      for (ChromaSiting siting : POSITIONS) {
        ColourDescription ds = d.withSiting(siting);
        RgbImage picture = picture(4);
        byte[] theirs = ffmpeg(gbr(picture.rgb()), List.of("-f", "rawvideo", "-pix_fmt", "gbrp", "-s", W + "x" + H, "-i",
            "-vf", "scale=out_color_matrix=" + matrixName(d.matrix()) + ":out_range=" + rangeName(d.range())
                + ":out_h_chr_pos=" + 128 * siting.halfSamplesRight() + ":out_v_chr_pos=" + 128 * siting.halfSamplesDown()
                + ":flags=area+accurate_rnd+full_chroma_inp+bitexact", "-pix_fmt", "yuv420p", "-f", "rawvideo"));
        byte[] ours = planes(ColourConversion.toYuv(picture, ChromaFormat.YUV420, ds));
        assertTrue(maxDifference(ours, theirs) <= 1, ds + ": " + maxDifference(ours, theirs));
      }
    }
  }

  /** Interleaved R, G, B to planar G, B, R. */
  private static byte[] gbr(byte[] rgb) {
    int n = W * H;
    byte[] out = new byte[3 * n];
    for (int i = 0; i < n; i++) {
      out[i] = rgb[3 * i + 1];
      out[n + i] = rgb[3 * i + 2];
      out[2 * n + i] = rgb[3 * i];
    }
    return out;
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
