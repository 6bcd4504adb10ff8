package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

class FrameQualityTest {
  private static final ColourDescription BT601 = ColourDescription.guessFor(64, 48);

  private static YuvFrame frame(int y, int cb, int cr) {
    return YuvFrame.filled(64, 48, ChromaFormat.YUV420, BT601, y, cb, cr);
  }

  private static double psnr(double mse) {
    return 10 * Math.log10(255.0 * 255.0 / mse);
  }

  @Test
  void yuvPsnrWeighsLumaSixAndEachChromaPlaneOne() {
    // Errors of 1, 2 and 4 on every sample: MSEs 1, 4 and 16.
    FrameQuality q = FrameQuality.of(FrameQuality.Source.of(frame(100, 120, 140)), frame(101, 122, 144));
    assertEquals(psnr(1), q.psnrY(), 1e-9);
    assertEquals(psnr(4), q.psnrU(), 1e-9);
    assertEquals(psnr(16), q.psnrV(), 1e-9);
    assertEquals((6 * psnr(1) + psnr(4) + psnr(16)) / 8, q.psnrYuv(), 1e-9);
    assertTrue(Double.isNaN(q.msSsim()), "64x48 is too small for five MS-SSIM scales");
  }

  @Test
  void identicalPlanesCountAsTheCap() {
    FrameQuality q = FrameQuality.of(FrameQuality.Source.of(frame(10, 20, 30)), frame(10, 20, 30));
    assertEquals(FrameQuality.CAP_DB, q.psnrY());
    assertEquals(FrameQuality.CAP_DB, q.psnrYuv());
    assertEquals(FrameQuality.CAP_DB, q.psnrRgb());
  }

  @Test
  void meansOverFramesAreMeansOfEachFigure() {
    FrameQuality a = new FrameQuality(30, 40, 42, 29, 0.9);
    FrameQuality b = new FrameQuality(34, 44, 40, 33, 0.95);
    FrameQuality m = VideoEvaluation.mean(java.util.List.of(a, b));
    assertEquals(32, m.psnrY(), 1e-12);
    assertEquals((a.psnrYuv() + b.psnrYuv()) / 2, m.psnrYuv(), 1e-12);
    assertEquals(0.925, m.msSsim(), 1e-12);
  }
}
