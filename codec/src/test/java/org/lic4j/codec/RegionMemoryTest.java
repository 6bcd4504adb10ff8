package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A region costs memory in proportion to the region and the tiles its synthesis windows reach, not
 * to the picture: the same 64x64 region of a 2048x2048 and of a 4096x4096 picture (inside the
 * first 1024-pixel tile, whose windows reach four tiles in both) allocates the same. Measured with the JVM's count of the bytes the
 * decoding thread allocates; the pictures are coded with the real model's tables and integer
 * scale network but trivial float graphs (zero latents, grey synthesis), so that the test takes
 * seconds.
 */
class RegionMemoryTest {
  private final LatentModel model = new TrivialFloatModel(SharedModel.model());
  private final ImageDecoder decoder = new ImageDecoder(model, CodecOptions.defaults().withThreads(1));

  @Test
  void regionAllocatesTheSameWhateverThePictureSize() throws Exception {
    long small = regionAllocation(2048);
    long large = regionAllocation(4096);
    System.out.printf("64x64 region: %d MiB allocated in a 2048x2048 picture, %d MiB in 4096x4096%n",
        small >> 20, large >> 20);
    // With whole-picture buffers (before December 2026) this was 148 against 219 MiB; with
    // buffers of the region's size, 136 and 135.
    assertTrue(large < small + small / 10, "region of 4096x4096: " + (large >> 20) + " MiB, of 2048x2048: "
        + (small >> 20) + " MiB");
  }

  private long regionAllocation(int size) throws Exception {
    byte[] stream;
    try (ImageEncoder encoder = new ImageEncoder(model)) {
      stream = encoder.encode(RgbImage.ofRgb(size, size, new byte[size * size * 3]), EncodeParams.quality(50)).stream();
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    RgbImage region = decoder.decodeRegion(stream, "large.lic", 300, 300, 64, 64);
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertEquals(64, region.width());
    assertEquals((byte) 128, region.rgb()[0]);
    return allocated;
  }

  /** The real model's integer parts and tables; float graphs that cost next to nothing. */
  private static final class TrivialFloatModel extends IntegerPartsOf {
    TrivialFloatModel(LatentModel real) {
      super(real);
    }

    @Override
    public float[] analysis(float[] x, int h, int w) {
      return new float[latentChannels() * (h / 16) * (w / 16)];
    }

    @Override
    public float[] hyperAnalysis(float[] y, int yh, int yw) {
      return new float[hyperChannels() * (yh / 4) * (yw / 4)];
    }

    @Override
    public float[] hyperMean(float[] zHat, int zh, int zw) {
      return new float[latentChannels() * zh * 4 * zw * 4];
    }

    @Override
    public float[] contextMean(float[] m, float[] a, int yh, int yw) {
      return new float[m.length];
    }

    @Override
    public float[] synthesis(float[] y, int yh, int yw, float[] g) {
      float[] x = new float[3 * yh * 16 * yw * 16];
      java.util.Arrays.fill(x, 128f / 255f);
      return x;
    }

    @Override
    public float[] gain(double position) {
      float[] g = new float[latentChannels()];
      java.util.Arrays.fill(g, 1f);
      return g;
    }

    @Override
    public float[] inverseGain(double position) {
      return gain(position);
    }
  }
}
