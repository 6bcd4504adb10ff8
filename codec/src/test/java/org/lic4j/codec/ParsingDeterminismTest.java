package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parse of a stream (z symbols, scale indexes, residuals) is bit-exact whatever ONNX Runtime
 * does: intra-op threads 1 or 2, graph optimisation NONE or ALL, tiles parsed in parallel or in
 * sequence, and even with no float graph at all. Pixels are identical across thread counts; across
 * optimisation levels they may differ by a rounding, measured and bounded here.
 */
class ParsingDeterminismTest {
  /** 300 x 200 in 128-pixel tiles with overlap 64: six tiles, edge tiles padded. */
  private static final int WIDTH = 300;
  private static final int HEIGHT = 200;
  private static final int[] QUALITIES = {30, 80};

  private static byte[][] streams;

  @BeforeAll
  static void encode() throws Exception {
    RgbImage image = TestPictures.colour(WIDTH, HEIGHT, 31);
    streams = new byte[QUALITIES.length][];
    for (int i = 0; i < QUALITIES.length; i++) {
      streams[i] = SharedModel.encoder().encode(image, EncodeParams.quality(QUALITIES[i]).withTiles(128, 64)).stream();
    }
  }

  @Test
  void symbolsAreIdenticalAcrossThreadsOptimisationAndTileParallelism() throws Exception {
    for (int q = 0; q < QUALITIES.length; q++) {
      String reference = null;
      for (CodecOptions.Optimization level : List.of(CodecOptions.Optimization.NONE, CodecOptions.Optimization.ALL)) {
        for (int threads : new int[] {1, 2}) {
          try (ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults().withThreads(threads).withOptimization(level))) {
            for (int parseThreads : new int[] {1, 2, 6}) {
              List<LatentCoder.Symbols> symbols = decoder.parseSymbols(streams[q], "q" + QUALITIES[q], parseThreads);
              assertEquals(6, symbols.size());
              String digest = digest(symbols);
              if (reference == null) {
                reference = digest;
              }
              assertEquals(reference, digest, "quality " + QUALITIES[q] + ", optimisation " + level
                  + ", intra-op threads " + threads + ", parse threads " + parseThreads);
            }
          }
        }
      }
    }
  }

  @Test
  void pixelsAreIdenticalAcrossThreadsAndWithinARoundingAcrossOptimisation() throws Exception {
    for (int q = 0; q < QUALITIES.length; q++) {
      byte[][] byLevel = new byte[2][];
      int k = 0;
      for (CodecOptions.Optimization level : List.of(CodecOptions.Optimization.NONE, CodecOptions.Optimization.ALL)) {
        byte[] one;
        byte[] two;
        try (ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults().withThreads(1).withOptimization(level))) {
          one = decoder.decode(streams[q], "one.lic").rgb();
        }
        try (ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults().withThreads(2).withOptimization(level))) {
          two = decoder.decode(streams[q], "two.lic").rgb();
        }
        assertArrayEquals(one, two, "threads 1 and 2 at optimisation " + level + ", quality " + QUALITIES[q]);
        byLevel[k++] = one;
      }
      int maxDiff = 0;
      int differing = 0;
      for (int i = 0; i < byLevel[0].length; i++) {
        int d = Math.abs((byLevel[0][i] & 0xff) - (byLevel[1][i] & 0xff));
        maxDiff = Math.max(maxDiff, d);
        differing += d == 0 ? 0 : 1;
      }
      System.out.printf("quality %d: optimisation NONE vs ALL: max abs difference %d, %d of %d samples differ%n",
          QUALITIES[q], maxDiff, differing, byLevel[0].length);
      assertTrue(maxDiff <= 1, "NONE vs ALL differ by " + maxDiff + " levels at quality " + QUALITIES[q]);
    }
  }

  @Test
  void parsingRunsNoFloatGraph() throws Exception {
    ImageDecoder real = SharedModel.decoder();
    ImageDecoder integerOnly = new ImageDecoder(new IntegerOnlyModel(SharedModel.model()), CodecOptions.defaults());
    for (int q = 0; q < QUALITIES.length; q++) {
      assertEquals(digest(real.parseSymbols(streams[q], "real", 1)),
          digest(integerOnly.parseSymbols(streams[q], "integer-only", 2)));
    }
  }

  /** SHA-256 over every tile's z symbols, scale indexes and residuals, with their shapes. */
  static String digest(List<LatentCoder.Symbols> tiles) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (LatentCoder.Symbols s : tiles) {
      update(sha, new int[] {s.cz(), s.zh(), s.zw(), s.m(), s.yh(), s.yw()});
      update(sha, s.z());
      update(sha, s.scaleIndex());
      update(sha, s.residual());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, int[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length);
    b.asIntBuffer().put(values);
    sha.update(b.array());
  }

  /** The real model's integer parts (tables, scale network, identity); every float graph throws. */
  private static final class IntegerOnlyModel extends IntegerPartsOf {
    IntegerOnlyModel(LatentModel real) {
      super(real);
    }

    private static UnsupportedOperationException floatUsed() {
      return new UnsupportedOperationException("parsing must not run a float graph");
    }

    @Override public float[] analysis(float[] x, int h, int w) { throw floatUsed(); }
    @Override public float[] hyperAnalysis(float[] y, int yh, int yw) { throw floatUsed(); }
    @Override public float[] hyperMean(float[] zHat, int zh, int zw) { throw floatUsed(); }
    @Override public float[] contextMean(float[] m, float[] a, int yh, int yw) { throw floatUsed(); }
    @Override public float[] synthesis(float[] y, int yh, int yw, float[] g) { throw floatUsed(); }
    @Override public float[] gain(double position) { throw floatUsed(); }
    @Override public float[] inverseGain(double position) { throw floatUsed(); }
  }
}
