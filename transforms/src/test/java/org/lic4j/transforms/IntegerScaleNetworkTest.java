package org.lic4j.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ModelFormatException;

class IntegerScaleNetworkTest {
  private static final int IN_CLAMP = 127;
  private static final int ACT_MAX = 255;
  private static final int LEVELS = 64;

  /** The fixture's layers (transforms/src/test/python/make_scale_net_fixture.py). */
  private static final List<IntegerScaleNetwork.LayerSpec> FIXTURE_LAYERS = List.of(
      new IntegerScaleNetwork.LayerSpec("c1", 3, 6, 10, false),
      new IntegerScaleNetwork.LayerSpec("c2", 3, 10, 16, true),
      new IntegerScaleNetwork.LayerSpec("c3", 3, 4, 20, true),
      new IntegerScaleNetwork.LayerSpec("c4", 1, 5, 7, false));

  @Test
  void reproducesTheGoldenScaleIndexesExactly() throws Exception {
    IntegerScaleNetwork net = TestBundles.bundle().scaleNetwork();
    LictFile golden = TestBundles.golden();
    for (int q = 0; q < 3; q++) {
      String p = "golden.q" + q + ".";
      int[] zShape = golden.requireShape(p + "z_symbols", net.inputChannels(), -1, -1);
      golden.requireShape(p + "scale_index", net.outputChannels(), zShape[1] * 4, zShape[2] * 4);
      byte[] actual = net.scaleIndexes(golden.ints(p + "z_symbols"), zShape[1], zShape[2]);
      assertArrayEquals(golden.int8(p + "scale_index"), actual, "quality " + q);
    }
  }

  @Test
  void matchesThePythonReferenceOnAFixedRandomNetwork() throws Exception {
    LictFile f;
    try (InputStream in = getClass().getResourceAsStream("scale-net-fixture.lict")) {
      f = LictFile.read(in, "scale-net-fixture.lict");
    }
    IntegerScaleNetwork net = IntegerScaleNetwork.load(f, FIXTURE_LAYERS, IN_CLAMP, ACT_MAX,
        LEVELS);
    for (int c = 0; f.contains("case" + c + ".z"); c++) {
      int[] shape = f.shape("case" + c + ".z");
      byte[] expected = f.int8("case" + c + ".index");
      int[] z = f.ints("case" + c + ".z");
      assertArrayEquals(expected, net.scaleIndexes(z, shape[1], shape[2]), "case " + c);
      assertArrayEquals(expected, reference(f, FIXTURE_LAYERS, z, shape[1], shape[2]),
          "the test's own reference, case " + c);
    }
  }

  @Test
  void matchesTheSpecOnRandomNetworks() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 30; trial++) {
      boolean wide = trial % 3 == 0; // biases near 2^31 force the 64-bit accumulator
      List<IntegerScaleNetwork.LayerSpec> specs = randomSpecs(random);
      LictFile f = randomNetwork(random, specs, wide);
      IntegerScaleNetwork net = IntegerScaleNetwork.load(f, specs, IN_CLAMP, ACT_MAX, LEVELS);
      int h = 1 + random.nextInt(4);
      int w = 1 + random.nextInt(5);
      int[] z = new int[specs.get(0).in() * h * w];
      for (int i = 0; i < z.length; i++) {
        z[i] = random.nextInt(4) == 0 ? random.nextInt(-300, 301) : 0;
      }
      assertArrayEquals(reference(f, specs, z, h, w), net.scaleIndexes(z, h, w),
          "trial " + trial);
    }
  }

  @Test
  void threadsGiveIdenticalIndexes() throws Exception {
    IntegerScaleNetwork net = TestBundles.bundle().scaleNetwork();
    SplittableRandom random = new SplittableRandom(5);
    int h = 8;
    int w = 12;
    int[] z = new int[net.inputChannels() * h * w];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextInt(3) == 0 ? random.nextInt(-20, 21) : 0;
    }
    byte[] single = net.scaleIndexes(z, h, w);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertArrayEquals(single, net.scaleIndexes(z, h, w, pool));
    } finally {
      pool.shutdown();
    }
    // Called from the executor's only thread, it must not wait for tasks that cannot start.
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      assertArrayEquals(single, one.submit(() -> net.scaleIndexes(z, h, w, one))
          .get(60, TimeUnit.SECONDS));
    } finally {
      one.shutdown();
    }
  }

  @Test
  void clampsTheInput() {
    IntegerScaleNetwork net = TestBundles.bundle().scaleNetwork();
    int[] z = new int[net.inputChannels() * 2 * 2];
    int[] clamped = z.clone();
    for (int i = 0; i < z.length; i += 7) {
      z[i] = i % 2 == 0 ? 100_000 : Integer.MIN_VALUE;
      clamped[i] = i % 2 == 0 ? 127 : -127;
    }
    assertArrayEquals(net.scaleIndexes(clamped, 2, 2), net.scaleIndexes(z, 2, 2));
  }

  @Test
  void rejectsWrongSizes() {
    IntegerScaleNetwork net = TestBundles.bundle().scaleNetwork();
    assertThrows(IllegalArgumentException.class, () -> net.scaleIndexes(new int[5], 1, 1));
    assertThrows(IllegalArgumentException.class, () -> net.scaleIndexes(new int[0], 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> net.scaleIndexes(new int[128], 1 << 14, 1 << 14));
  }

  @Test
  void rejectsTablesOutsideTheSpec() throws Exception {
    List<IntegerScaleNetwork.LayerSpec> specs =
        List.of(new IntegerScaleNetwork.LayerSpec("c1", 1, 2, 3, false));
    assertLoadFails(layer(2, 3, 1, new byte[6], 1, 1 << 24, 62), specs, null);
    assertLoadFails(layer(2, 3, 1, new byte[6], 1, 1, 0), specs, "shift 0 outside 1..62");
    assertLoadFails(layer(2, 3, 1, new byte[6], 1, (1 << 24) + 1, 5), specs,
        "mult 16777217 outside 0..2^24");
    byte[] weights = new byte[6];
    weights[3] = -128;
    assertLoadFails(layer(2, 3, 1, weights, 1, 1, 5), specs, "weight holds -128");
    assertLoadFails(layer(2, 4, 1, new byte[8], 1, 1, 5), specs, "has shape [4, 2, 1, 1]");
    List<IntegerScaleNetwork.LayerSpec> broken = List.of(
        new IntegerScaleNetwork.LayerSpec("c1", 1, 2, 3, false),
        new IntegerScaleNetwork.LayerSpec("c2", 1, 2, 3, false));
    assertLoadFails(layer(2, 3, 1, new byte[6], 1, 1, 5), broken, "not a valid step after 3");
  }

  private static void assertLoadFails(LictFile f, List<IntegerScaleNetwork.LayerSpec> specs,
      String message) {
    if (message == null) { // this one is valid
      try {
        IntegerScaleNetwork.load(f, specs, IN_CLAMP, ACT_MAX, LEVELS);
        return;
      } catch (ModelFormatException e) {
        throw new AssertionError(e);
      }
    }
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> IntegerScaleNetwork.load(f, specs, IN_CLAMP, ACT_MAX, LEVELS));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static LictFile layer(int in, int out, int k, byte[] weight, int bias, int mult,
      int shift) throws ModelFormatException {
    int[] biases = new int[out];
    int[] mults = new int[out];
    java.util.Arrays.fill(biases, bias);
    java.util.Arrays.fill(mults, mult);
    return LictFile.parse(new LictWriter()
        .int8("scale_net.c1.weight", weight, weight.length / (in * k * k), in, k, k)
        .int32("scale_net.c1.bias", biases, out)
        .int32("scale_net.c1.mult", mults, out)
        .int32("scale_net.c1.shift", new int[] {shift}, 1)
        .toBytes(), "layer.lict");
  }

  private static List<IntegerScaleNetwork.LayerSpec> randomSpecs(SplittableRandom r) {
    List<IntegerScaleNetwork.LayerSpec> specs = new ArrayList<>();
    int channels = 1 + r.nextInt(6);
    int layers = 1 + r.nextInt(4);
    for (int l = 0; l < layers; l++) {
      boolean last = l == layers - 1;
      boolean d2s = !last && r.nextBoolean();
      int out = d2s ? 4 * (1 + r.nextInt(3)) : 1 + r.nextInt(9);
      int k = last && r.nextBoolean() ? 1 : (r.nextInt(4) == 0 ? 5 : 3);
      specs.add(new IntegerScaleNetwork.LayerSpec("c" + (l + 1), k, channels, out, d2s));
      channels = d2s ? out / 4 : out;
    }
    return specs;
  }

  private static LictFile randomNetwork(SplittableRandom r,
      List<IntegerScaleNetwork.LayerSpec> specs, boolean wide) throws ModelFormatException {
    LictWriter w = new LictWriter();
    long inputMax = IN_CLAMP;
    for (IntegerScaleNetwork.LayerSpec s : specs) {
      int k2 = s.kernel() * s.kernel();
      byte[] weight = new byte[s.out() * s.in() * k2];
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (byte) r.nextInt(-127, 128);
      }
      int typical = (int) Math.sqrt(s.in() * k2) * 127 * (int) inputMax / 4 + 1;
      int[] bias = new int[s.out()];
      int[] mult = new int[s.out()];
      for (int o = 0; o < s.out(); o++) {
        bias[o] = wide ? Integer.MAX_VALUE - r.nextInt(1000) : r.nextInt(-typical, typical);
        if (wide && r.nextBoolean()) {
          bias[o] = -bias[o];
        }
        mult[o] = r.nextInt(1 << 22, (1 << 24) + 1);
      }
      // Land typical values inside the clamp range, so every branch is exercised.
      int shift = wide ? 49 : 24 + (int) Math.round(Math.log(typical / 64.0) / Math.log(2));
      shift = Math.max(1, Math.min(62, shift));
      String p = "scale_net." + s.name() + ".";
      w.int8(p + "weight", weight, s.out(), s.in(), s.kernel(), s.kernel())
          .int32(p + "bias", bias, s.out())
          .int32(p + "mult", mult, s.out())
          .int32(p + "shift", new int[] {shift}, 1);
      inputMax = ACT_MAX;
    }
    return LictFile.parse(w.toBytes(), "random.lict");
  }

  /** docs/models.md transcribed literally: CHW, 64-bit everything, no reordering. */
  private static byte[] reference(LictFile f, List<IntegerScaleNetwork.LayerSpec> specs, int[] z,
      int h, int w) throws ModelFormatException {
    long[] a = new long[z.length];
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.max(-IN_CLAMP, Math.min(IN_CLAMP, z[i]));
    }
    for (int l = 0; l < specs.size(); l++) {
      IntegerScaleNetwork.LayerSpec s = specs.get(l);
      boolean last = l == specs.size() - 1;
      String p = "scale_net." + s.name() + ".";
      byte[] weight = f.int8(p + "weight");
      int[] bias = f.ints(p + "bias");
      int[] mult = f.ints(p + "mult");
      int shift = f.ints(p + "shift")[0];
      int k = s.kernel();
      long[] v = new long[s.out() * h * w];
      for (int o = 0; o < s.out(); o++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            long acc = bias[o];
            for (int i = 0; i < s.in(); i++) {
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  int sy = y + ky - k / 2;
                  int sx = x + kx - k / 2;
                  if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                    acc += (long) weight[((o * s.in() + i) * k + ky) * k + kx]
                        * a[(i * h + sy) * w + sx];
                  }
                }
              }
            }
            long q = (acc * mult[o] + (1L << (shift - 1))) >> shift;
            v[(o * h + y) * w + x] = Math.max(0, Math.min(last ? LEVELS - 1 : ACT_MAX, q));
          }
        }
      }
      if (s.depthToSpace()) {
        int c = s.out() / 4;
        long[] up = new long[v.length];
        for (int ch = 0; ch < c; ch++) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                  up[(ch * 2 * h + 2 * y + dy) * 2 * w + 2 * x + dx] =
                      v[((4 * ch + 2 * dy + dx) * h + y) * w + x];
                }
              }
            }
          }
        }
        v = up;
        h *= 2;
        w *= 2;
      }
      a = v;
    }
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) a[i];
    }
    assertEquals(out.length, a.length);
    return out;
  }
}
