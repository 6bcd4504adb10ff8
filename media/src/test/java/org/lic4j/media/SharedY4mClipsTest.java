package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.video.ColourConversion;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * The y4m clips in {@code ../shared/data/video}: each reads to its end with the frame count its
 * name gives, and what a YUV -> RGB -> YUV round trip costs on real frames (the figures in
 * docs/video.md, "Frames and colour"). Skips where {@code ../shared} is absent.
 */
class SharedY4mClipsTest {
  private static final Path CLIPS = Path.of("..", "..", "shared", "data", "video");
  private static final Path CLIPS_FROM_REPO = Path.of("..", "shared", "data", "video");
  private static final Pattern FRAMES_IN_NAME = Pattern.compile("_(\\d+)x(\\d+)_(\\d+)f\\.y4m$");

  private static List<Path> clips() throws IOException {
    // Tests run in the module's directory; ../shared sits beside the repository.
    Path dir = Files.isDirectory(CLIPS) ? CLIPS : CLIPS_FROM_REPO;
    assumeTrue(Files.isDirectory(dir), "skipped: no clips at ../shared/data/video");
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = s.filter(p -> p.toString().endsWith(".y4m")).sorted().toList();
      assumeTrue(!out.isEmpty(), "skipped: no .y4m clip in " + dir);
      return out;
    }
  }

  @Test
  void everyClipReadsToItsEnd() throws IOException {
    for (Path clip : clips()) {
      List<String> notices = new ArrayList<>();
      try (Y4mReader reader = Y4mReader.open(clip, notices::add)) {
        Y4mHeader h = reader.header();
        int frames = 0;
        for (Optional<YuvFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
          assertEquals(h.width(), f.get().width());
          frames++;
        }
        Matcher m = FRAMES_IN_NAME.matcher(clip.getFileName().toString());
        if (m.find()) {
          assertEquals(Integer.parseInt(m.group(1)), h.width(), clip.toString());
          assertEquals(Integer.parseInt(m.group(2)), h.height(), clip.toString());
          assertEquals(Integer.parseInt(m.group(3)), frames, clip.toString());
        }
        assertTrue(frames > 0, clip.toString());
      }
    }
  }

  /**
   * YUV -> RGB -> YUV on every frame, with each matrix, at 4:2:0 (the clips as they are) and 4:4:4
   * (the clips' chroma repeated 2x2 in YUV). PSNR per plane and 6:1:1, per frame then averaged:
   * of the clips as they are, and of the clips once passed through RGB ("in gamut": what RGB can
   * hold, so that only the conversion's own rounding and chroma filters remain). The share of
   * pixels outside the RGB cube and of codes outside 16-235/240 says why the two differ. Printed
   * for docs/video.md.
   */
  @Test
  void roundTripThroughRgbCostsLittle() throws IOException {
    List<Path> clips = clips();
    StringBuilder table = new StringBuilder("| clip | format | matrix | Y | Cb | Cr | YUV 6:1:1 | "
        + "YUV 6:1:1 in gamut | pixels out of gamut | codes out of range |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    List<String> failures = new ArrayList<>();
    for (Path clip : clips) {
      for (ChromaFormat format : List.of(ChromaFormat.YUV420, ChromaFormat.YUV444)) {
        for (ColourMatrix matrix : List.of(ColourMatrix.BT470BG, ColourMatrix.BT709)) {
          double[] sum = new double[4];
          double inGamutSum = 0;
          long outOfGamut = 0;
          long outOfRange = 0;
          long pixels = 0;
          long samples = 0;
          int frames = 0;
          try (Y4mReader reader = Y4mReader.open(clip, n -> { })) {
            for (Optional<YuvFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
              YuvFrame source = f.get().withColour(f.get().colour().withMatrix(matrix));
              if (format == ChromaFormat.YUV444) {
                source = repeatedChroma(source);
              }
              double[] p = psnr(source, roundTrip(source));
              for (int k = 0; k < 4; k++) {
                sum[k] += p[k];
              }
              YuvFrame inGamut = roundTrip(source);
              inGamutSum += psnr(inGamut, roundTrip(inGamut))[3];
              outOfGamut += outOfGamut(f.get().withColour(source.colour()));
              outOfRange += outOfRange(source.y(), 235) + outOfRange(source.cb(), 240) + outOfRange(source.cr(), 240);
              pixels += (long) source.width() * source.height();
              samples += format.samplesPerFrame(source.width(), source.height());
              frames++;
            }
          }
          double inGamut = inGamutSum / frames;
          table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f%% | %.1f%% |%n",
              clip.getFileName(), format == ChromaFormat.YUV420 ? "4:2:0" : "4:4:4", matrix,
              sum[0] / frames, sum[1] / frames, sum[2] / frames, sum[3] / frames, inGamut,
              100.0 * outOfGamut / pixels, 100.0 * outOfRange / samples));
          double floor = format == ChromaFormat.YUV444 ? 50 : 40;
          if (inGamut < floor) {
            failures.add(clip.getFileName() + " " + format + " " + matrix + ": " + inGamut + " dB < " + floor);
          }
        }
      }
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), failures.toString());
  }

  private static YuvFrame roundTrip(YuvFrame source) {
    return ColourConversion.toYuv(ColourConversion.toRgb(source), source.format(), source.colour());
  }

  /** 4:2:0 to 4:4:4 in YUV, each chroma sample repeated over its 2x2 luma samples. */
  private static YuvFrame repeatedChroma(YuvFrame f) {
    int w = f.width();
    int h = f.height();
    int cw = f.chromaWidth();
    byte[] cb = new byte[w * h];
    byte[] cr = new byte[w * h];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        cb[r * w + c] = f.cb()[(r / 2) * cw + c / 2];
        cr[r * w + c] = f.cr()[(r / 2) * cw + c / 2];
      }
    }
    return YuvFrame.of(w, h, ChromaFormat.YUV444, f.colour(), f.y(), cb, cr);
  }

  /**
   * Pixels whose R, G or B, by the standard's formulas with each chroma sample taken for its 2x2
   * block, falls more than half a code outside 0..255.
   */
  private static long outOfGamut(YuvFrame f) {
    ColourDescription d = f.colour();
    double kr = d.matrix().kr();
    double kb = d.matrix().kb();
    double kg = d.matrix().kg();
    double ys = 255.0 / d.range().lumaScale();
    double cs = 255.0 / d.range().chromaScale();
    long n = 0;
    int cw = f.chromaWidth();
    boolean sub = f.format().isSubsampled();
    for (int r = 0; r < f.height(); r++) {
      for (int c = 0; c < f.width(); c++) {
        int ci = sub ? (r / 2) * cw + c / 2 : r * cw + c;
        double y = ys * ((f.y()[r * f.width() + c] & 0xff) - d.range().lumaOffset());
        double pb = cs * ((f.cb()[ci] & 0xff) - 128);
        double pr = cs * ((f.cr()[ci] & 0xff) - 128);
        double red = y + 2 * (1 - kr) * pr;
        double blue = y + 2 * (1 - kb) * pb;
        double green = (y - kr * red - kb * blue) / kg;
        if (Math.min(red, Math.min(green, blue)) < -0.5 || Math.max(red, Math.max(green, blue)) > 255.5) {
          n++;
        }
      }
    }
    return n;
  }

  private static long outOfRange(byte[] plane, int max) {
    long n = 0;
    for (byte b : plane) {
      int v = b & 0xff;
      n += v < 16 || v > max ? 1 : 0;
    }
    return n;
  }

  /** {Y, Cb, Cr, (6 Y + Cb + Cr) / 8} in dB, 100 dB standing for identical planes. */
  static double[] psnr(YuvFrame a, YuvFrame b) {
    double y = psnr(a.y(), b.y());
    double cb = psnr(a.cb(), b.cb());
    double cr = psnr(a.cr(), b.cr());
    return new double[] {y, cb, cr, (6 * y + cb + cr) / 8};
  }

  static double psnr(byte[] a, byte[] b) {
    double sse = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sse += d * d;
    }
    if (sse == 0) {
      return 100;
    }
    return 10 * Math.log10(255.0 * 255.0 * a.length / sse);
  }

  /** The frame description the clips get when read: what docs/video.md says of silent headers. */
  @Test
  void silentHeadersGetTheDocumentedGuess() throws IOException {
    for (Path clip : clips()) {
      try (Y4mReader reader = Y4mReader.open(clip, n -> { })) {
        Y4mHeader h = reader.header();
        assertEquals(ColourDescription.guessFor(h.width(), h.height()).matrix(), h.colour().matrix());
      }
    }
  }
}
