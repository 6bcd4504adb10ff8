package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Published video curves on the UVG sequences (CompressAI's {@code results/video/UVG} JSON files:
 * {@code results.bitrate} in kbit/s and {@code results.psnr-rgb}), shown beside
 * lic4j's measured curves for context only: other clips, other coding conditions (x264 and x265 in
 * the zerolatency tune, VTM low-delay, a learned codec) and another GOP. Their rate is turned into
 * bits per pixel at the UVG set's {@value #WIDTH}x{@value #HEIGHT} and {@value #FPS} frames per
 * second.
 */
final class UvgCurves {
  /** Where the curves live, relative to the repository root. */
  static final String RELATIVE_TO_REPO = "../shared/anchors/uvg";
  static final int WIDTH = 1920;
  static final int HEIGHT = 1080;
  static final int FPS = 120;

  private UvgCurves() {}

  /** One published curve: bpp over RGB-PSNR (every file has it; not all have YUV-PSNR). */
  record Published(String id, String name, String description, Curve psnrRgb) {}

  /** Every {@code *.json} curve in {@code dir}, by file name. */
  static List<Published> load(Path dir) throws IOException {
    List<Published> out = new ArrayList<>();
    for (Path f : Anchors.jsonFiles(dir)) {
      out.add(read(f));
    }
    return out;
  }

  static Published read(Path file) throws IOException {
    return Anchors.parse(file, f -> {
      double[] kbps = Anchors.numbers(f.results(), "bitrate");
      double[] bpp = new double[kbps.length];
      for (int i = 0; i < kbps.length; i++) {
        bpp[i] = kbps[i] * 1000 / ((double) WIDTH * HEIGHT * FPS);
      }
      return new Published(f.id(), f.name(), f.description(), new Curve(f.name(), bpp,
          Anchors.numbers(f.results(), "psnr-rgb")));
    });
  }
}
