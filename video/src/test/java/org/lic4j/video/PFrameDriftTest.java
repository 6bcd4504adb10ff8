package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.CodecOptions.Optimization;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;

/**
 * Drift (issue 20, docs/video.md "Drift"): one stream of a whole GOP of P frames decoded with ONNX
 * Runtime's graph optimisation NONE and ALL, on 1 and 2 threads. Parsing takes no float, so every
 * decode reads the same symbols (a decode that parsed differently would fail or fall apart); the
 * pictures may differ by float rounding, and since each P frame predicts from the one before, the
 * difference could grow along the GOP: every frame of every decode must stay within 50 dB PSNR of
 * the reference decode (optimisation ALL, all threads), to the end of the GOP. Printed per frame.
 */
final class PFrameDriftTest {
  private static final int WIDTH = 128;
  private static final int HEIGHT = 128;
  private static final int GOP = 32;
  static final double DRIFT_FLOOR_DB = 50;

  @Test
  void decodesAgreeToTheEndOfTheGop() throws IOException {
    PFrameModel reference = PFrameCodingTest.model();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VideoEncodeParams params = VideoEncodeParams.quality(50).withGopLength(GOP).withFrameCount(GOP);
    try (VideoEncoder encoder = VideoEncoder.open(VideoSamples.model(), reference, out, params)) {
      for (int k = 0; k < GOP; k++) {
        encoder.encode(VideoSamples.frame(WIDTH, HEIGHT, k));
      }
      encoder.finish();
    }
    byte[] stream = out.toByteArray();
    List<RgbImage> base = decode(VideoSamples.model(), reference, stream);
    assertEquals(GOP, base.size());
    double worst = Double.POSITIVE_INFINITY;
    for (Optimization level : List.of(Optimization.NONE, Optimization.ALL)) {
      for (int threads : new int[] {1, 2}) {
        CodecOptions options = CodecOptions.defaults().withThreads(threads).withOptimization(level);
        List<RgbImage> other;
        try (ImageModel image = ImageModel.open(options);
            PFrameModel pFrames = PFrameModel.open(PFrameCodingTest.bundle(), options)) {
          other = decode(image, pFrames, stream);
        }
        StringBuilder line = new StringBuilder("drift, optimisation " + level + ", " + threads + " thread(s), dB:");
        for (int k = 0; k < GOP; k++) {
          double db = VideoSamples.psnr(base.get(k), other.get(k));
          worst = Math.min(worst, db);
          line.append(' ').append(Double.isInfinite(db) ? "inf" : String.format(java.util.Locale.ROOT, "%.1f", db));
          assertTrue(db >= DRIFT_FLOOR_DB, level + "/" + threads + " frame " + k + ": " + db + " dB");
        }
        System.out.println(line);
      }
    }
    System.out.println("drift: worst frame " + worst + " dB against the reference decode");
  }

  private static List<RgbImage> decode(ImageModel image, PFrameModel pFrames, byte[] stream) throws IOException {
    List<RgbImage> frames = new ArrayList<>();
    try (VideoDecoder d = VideoDecoder.open(image, pFrames, new ByteArrayInputStream(stream), "drift.licv")) {
      for (Optional<DecodedFrame> f = d.next(); f.isPresent(); f = d.next()) {
        frames.add(f.get().image());
      }
    }
    return frames;
  }
}
