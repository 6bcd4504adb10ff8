package org.lic4j.video;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;

/**
 * What the video codec tests share: the default model, opened once per JVM (its sessions take
 * about a second) and never closed, and frames made here from nothing: a gradient that moves a
 * few pixels per frame under a slowly changing tint, so consecutive frames differ everywhere.
 */
final class VideoSamples {
  static final String RESOURCE = "clip.licv";
  /**
   * Some 5 dB below what quality 75 gives on these frames (about 34 dB RGB, 39 dB and more on luma),
   * and far above what a wrong or shifted picture scores.
   */
  static final double PSNR_FLOOR_DB = 28;

  private VideoSamples() {}

  private static final class Holder {
    static final ImageModel MODEL = open();

    private static ImageModel open() {
      try {
        return ImageModel.open(CodecOptions.defaults());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static ImageModel model() {
    return Holder.MODEL;
  }

  /** Frame {@code k} of the moving pattern, {@code width x height}. */
  static RgbImage frame(int width, int height, int k) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        int u = x + 3 * k;
        int v = y + 2 * k;
        rgb[i] = (byte) (40 + (u * 160) / (width + 30));
        rgb[i + 1] = (byte) (50 + (v * 150) / (height + 20));
        rgb[i + 2] = (byte) (60 + ((u + v) % 64) * 2 + 10 * k);
      }
    }
    return RgbImage.ofRgb(width, height, rgb);
  }

  /** A stream of {@code count} pattern frames at {@code params}. */
  static byte[] encode(int width, int height, int count, VideoEncodeParams params) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model(), out, params)) {
      for (int k = 0; k < count; k++) {
        encoder.encode(frame(width, height, k));
      }
      encoder.finish();
    }
    return out.toByteArray();
  }

  /** PSNR in dB over all bytes of two equally long sample arrays (8 bits). */
  static double psnr(byte[] a, byte[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " samples");
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += d * d;
    }
    double mse = sum / a.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  static double psnr(RgbImage a, RgbImage b) {
    return psnr(a.rgb(), b.rgb());
  }
}
