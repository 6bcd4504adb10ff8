package org.lic4j.tools.eval;

import java.io.IOException;
import java.nio.file.Path;
import org.lic4j.codec.RgbImage;

/** Small synthetic pictures: smooth gradients with some texture, large enough for MS-SSIM. */
final class TestPictures {
  private TestPictures() {}

  static RgbImage picture(int width, int height, int seed) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        double wave = 20 * Math.sin((x + seed * 7) / 9.0) * Math.cos(y / 13.0);
        rgb[i] = (byte) clamp(40 + x * 160 / width + wave);
        rgb[i + 1] = (byte) clamp(60 + y * 140 / height - wave);
        rgb[i + 2] = (byte) clamp(120 + ((x / 24 + y / 24 + seed) % 2) * 60 + wave / 2);
      }
    }
    return RgbImage.ofRgb(width, height, rgb);
  }

  /** Writes {@code count} pictures as PNG named {@code name01.png}, ... into {@code dir}. */
  static void writeFolder(Path dir, String name, int count, int width, int height) throws IOException {
    for (int k = 1; k <= count; k++) {
      Pictures.writePng(picture(width, height, k), dir.resolve(String.format("%s%02d.png", name, k)));
    }
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
