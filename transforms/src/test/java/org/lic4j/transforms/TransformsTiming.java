package org.lic4j.transforms;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Wall-clock timings of a 768x512 image, printed, never asserted (opt-in: the numbers depend on
 * the machine and its load).
 *
 * <pre>
 * nice mvn -B -q -pl transforms -am -o verify -Dtest=TransformsTiming -Dlic4j.timing=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "lic4j.timing", matches = "true")
class TransformsTiming {
  private static final int H = 512;
  private static final int W = 768;

  /** The golden image's recipe (training/export.py:synthetic_image) at another size. */
  static float[] syntheticImage(int h, int w) {
    Random random = new Random(7);
    float[] x = new float[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int c = 0; c < w; c++) {
        double r = 0.5 + 0.4 * Math.sin(c / 9.0) * Math.cos(y / 13.0);
        double g = c / (double) w;
        double b = ((c / 16 + y / 16) % 2) * 0.6 + 0.2;
        double[] v = {r, g, b};
        for (int k = 0; k < 3; k++) {
          double n = v[k] + random.nextGaussian() * 0.03;
          x[(k * h + y) * w + c] = (float) (Math.max(0, Math.min(255, Math.rint(n * 255))) / 255);
        }
      }
    }
    return x;
  }

  private static double medianMillis(int warmUp, int runs, Callable<?> task) throws Exception {
    for (int i = 0; i < warmUp; i++) {
      task.call();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      task.call();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  @Test
  void timings() throws Exception {
    ModelBundle bundle = TestBundles.bundle();
    IntegerScaleNetwork net = bundle.scaleNetwork();
    float[] x = syntheticImage(H, W);
    try (OnnxTransforms onnx = OnnxTransforms.open(bundle, new OnnxOptions(2,
        OnnxOptions.Optimization.ALL, OnnxOptions.Device.CPU))) {
      float[] gain = bundle.gain(7);
      long t0 = System.nanoTime();
      EncoderOutput e = onnx.encode(x, H, W, gain);
      double firstEncode = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      onnx.synthesis(e.y(), e.yh(), e.yw(), bundle.invGain(7));
      double firstSynthesis = (System.nanoTime() - t0) / 1e6;
      double encode = medianMillis(2, 7, () -> onnx.encode(x, H, W, gain));
      double synthesis = medianMillis(2, 7,
          () -> onnx.synthesis(e.y(), e.yh(), e.yw(), bundle.invGain(7)));
      System.out.printf("ORT 2 threads, %dx%d: encode %.0f ms, synthesis %.0f ms "
          + "(first calls incl. session creation: %.0f / %.0f ms)%n", W, H, encode, synthesis,
          firstEncode, firstSynthesis);

      int[] z = e.zSymbols();
      long nonZero = Arrays.stream(z).filter(v -> v != 0).count();
      int[] dense = new int[z.length];
      SplittableRandom random = new SplittableRandom(3);
      for (int i = 0; i < dense.length; i++) {
        dense[i] = random.nextInt(-8, 9);
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int[] input : new int[][] {z, dense}) {
          String what = input == z ? "z of the image at q=7 (" + nonZero + "/" + z.length
              + " non-zero)" : "dense random z";
          double single = medianMillis(20, 31, () -> net.scaleIndexes(input, e.zh(), e.zw()));
          double two = medianMillis(20, 31,
              () -> net.scaleIndexes(input, e.zh(), e.zw(), pool));
          System.out.printf("integer scale net %dx%dx%d, %s: %.1f ms single thread, %.1f ms "
              + "on 2 threads%n", net.inputChannels(), e.zh(), e.zw(), what, single, two);
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
