package org.lic4j.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Published video curves on the UVG sequences (CompressAI's {@code results/video/UVG} JSON files:
 * {@code results.bitrate} in kbit/s, {@code results.psnr-rgb}, some {@code psnr-yuv}), shown beside
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

  /** @param psnrYuv bpp over YUV-PSNR, or null when the file has none */
  record Published(String id, String name, String description, Curve psnrRgb, Curve psnrYuv) {}

  /** Every {@code *.json} curve in {@code dir}, by file name. */
  static List<Published> load(Path dir) throws IOException {
    List<Published> out = new ArrayList<>();
    for (Path f : Anchors.jsonFiles(dir)) {
      out.add(read(f));
    }
    return out;
  }

  static Published read(Path file) throws IOException {
    String id = file.getFileName().toString().replaceFirst("\\.json$", "");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
      JsonObject results = root.getAsJsonObject("results");
      String name = root.has("name") ? root.get("name").getAsString() : id;
      String description = root.has("description") ? root.get("description").getAsString() : "";
      double[] kbps = Anchors.numbers(results, "bitrate");
      double[] bpp = new double[kbps.length];
      for (int i = 0; i < kbps.length; i++) {
        bpp[i] = kbps[i] * 1000 / ((double) WIDTH * HEIGHT * FPS);
      }
      Curve yuv = results.has("psnr-yuv") ? new Curve(name, bpp, Anchors.numbers(results, "psnr-yuv")) : null;
      return new Published(id, name, description, new Curve(name, bpp, Anchors.numbers(results, "psnr-rgb")), yuv);
    } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
        | UnsupportedOperationException | IllegalArgumentException e) {
      throw new IOException(file + ": not a video rate-distortion curve file: " + e.getMessage(), e);
    }
  }
}
