package org.lic4j.transforms;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.lic4j.bitstream.ModelFormatException;

/**
 * The integer scale network: z symbols to scale indexes, in the exact integer arithmetic that
 * {@code docs/models.md} makes normative (reference: {@code training/quantize.py:run_integer}).
 *
 * <pre>
 * a0        = clamp(z, -inputClamp, inputClamp)
 * per layer: acc = bias + sum(int8 weight * a)          k x k convolution, zero padding
 *            v   = (acc * mult + 2^(shift-1)) &gt;&gt; shift   64-bit, arithmetic shift
 * hidden:    a   = clamp(v, 0, activationMax), then depth-to-space by 2 where the layer says so
 * last:      index = clamp(v, 0, levels - 1)
 * </pre>
 *
 * <p>Scale indexes choose the probability tables, so a decoder must reproduce them bit for bit;
 * nothing here touches a float. The accumulator runs in 32 bits when the layer's worst case (from
 * its weights, bias and input range, checked once at load) provably fits, which is exact: the
 * result equals the 64-bit sum the spec prescribes. Layers that could exceed it use 64 bits.
 *
 * <p>Instances are immutable and thread-safe; each call allocates its own activations.
 */
public final class IntegerScaleNetwork {
  /** Requantisation multipliers are at most 2^24 (docs/models.md). */
  static final long MAX_MULT = 1L << 24;

  /** One layer as the manifest describes it. */
  record LayerSpec(String name, int kernel, int in, int out, boolean depthToSpace) {}

  private final Layer[] layers;
  private final int inputChannels;
  private final int outputChannels;
  private final int upscale;
  private final int inputClamp;
  private final int activationMax;
  private final int indexMax;

  private IntegerScaleNetwork(Layer[] layers, int inputClamp, int activationMax, int levels) {
    this.layers = layers;
    this.inputClamp = inputClamp;
    this.activationMax = activationMax;
    this.indexMax = levels - 1;
    this.inputChannels = layers[0].in;
    int up = 1;
    for (Layer l : layers) {
      up *= l.depthToSpace ? 2 : 1;
    }
    this.upscale = up;
    Layer last = layers[layers.length - 1];
    this.outputChannels = last.out;
  }

  /**
   * Builds the network from {@code entropy.lict} ({@code scale_net.<name>.weight|bias|mult|shift})
   * and the manifest's layer list, validating shapes, chaining and value ranges.
   */
  static IntegerScaleNetwork load(LictFile f, List<LayerSpec> specs, int inputClamp,
      int activationMax, int levels) throws ModelFormatException {
    String res = f.resource();
    if (specs.isEmpty()) {
      throw new ModelFormatException("scale network has no layers", ModelFormatException.NO_OFFSET,
          res);
    }
    if (inputClamp < 1 || activationMax < 1 || levels < 1 || levels > 256) {
      throw new ModelFormatException("scale network ranges out of bounds: inputClamp=" + inputClamp
          + " activationMax=" + activationMax + " levels=" + levels,
          ModelFormatException.NO_OFFSET, res);
    }
    Layer[] layers = new Layer[specs.size()];
    int channels = specs.get(0).in;
    long inputMax = inputClamp;
    for (int l = 0; l < layers.length; l++) {
      LayerSpec s = specs.get(l);
      String p = "scale_net." + s.name + ".";
      boolean last = l == layers.length - 1;
      if (s.kernel < 1 || s.kernel % 2 == 0 || s.kernel > 7 || s.in != channels || s.in < 1
          || s.out < 1 || (s.depthToSpace && (last || s.out % 4 != 0))) {
        throw new ModelFormatException("scale network layer " + s + " is not a valid step after "
            + channels + " channels", ModelFormatException.NO_OFFSET, res);
      }
      f.requireShape(p + "weight", s.out, s.in, s.kernel, s.kernel);
      f.requireShape(p + "bias", s.out);
      f.requireShape(p + "mult", s.out);
      f.requireShape(p + "shift", 1);
      byte[] weight = f.int8(p + "weight");
      int[] bias = f.ints(p + "bias");
      int[] mult = f.ints(p + "mult");
      int shift = f.ints(p + "shift")[0];
      if (shift < 1 || shift > 62) {
        throw new ModelFormatException(p + "shift " + shift + " outside 1..62",
            f.entryOffset(p + "shift"), res);
      }
      for (int m : mult) {
        if (m < 0 || m > MAX_MULT) {
          throw new ModelFormatException(p + "mult " + m + " outside 0..2^24",
              f.entryOffset(p + "mult"), res);
        }
      }
      layers[l] = new Layer(s, weight, bias, mult, shift, inputMax, res);
      channels = s.depthToSpace ? s.out / 4 : s.out;
      inputMax = activationMax;
    }
    return new IntegerScaleNetwork(layers, inputClamp, activationMax, levels);
  }

  /** Channels of the z symbols (128 for lic-image-v1). */
  public int inputChannels() {
    return inputChannels;
  }

  /** Channels of the scale indexes, one per latent channel (192 for lic-image-v1). */
  public int outputChannels() {
    return outputChannels;
  }

  /** Spatial factor from z to the indexes (4: z is at 1/64, the latent at 1/16). */
  public int upscale() {
    return upscale;
  }

  /**
   * Computes the scale indexes of a tile on the calling thread.
   *
   * @param z the z symbols, CHW: {@link #inputChannels()} x h x w; values beyond the input clamp
   *     are clamped, as the spec says
   * @return the indexes, CHW: {@link #outputChannels()} x (h * upscale) x (w * upscale), each in
   *     [0, levels - 1]
   * @throws IllegalArgumentException if the sizes do not match
   */
  public byte[] scaleIndexes(int[] z, int h, int w) {
    return scaleIndexes(z, h, w, null);
  }

  /**
   * Computes the scale indexes of a tile, sharing each layer's output rows between the calling
   * thread and up to {@code availableProcessors - 1} tasks on the executor. The result is
   * identical to the single-threaded one: every element is computed by the same integer
   * arithmetic, only on another thread. The calling thread takes rows too and never waits for a
   * task that has not started, so any executor works, even a busy one whose own threads call
   * this. With a null executor it runs on the calling thread.
   *
   * @see #scaleIndexes(int[], int, int)
   */
  public byte[] scaleIndexes(int[] z, int h, int w, Executor executor) {
    checkSize(z, h, w);
    // a0 = clamp(z): HWC, so that a position's input channels are contiguous.
    int cin = inputChannels;
    int[] a = new int[cin * h * w];
    for (int c = 0; c < cin; c++) {
      for (int p = 0, src = c * h * w; p < h * w; p++) {
        a[p * cin + c] = Math.max(-inputClamp, Math.min(inputClamp, z[src + p]));
      }
    }
    int ah = h;
    int aw = w;
    byte[] out = new byte[outputChannels * (h * upscale) * (w * upscale)];
    for (int l = 0; l < layers.length; l++) {
      Layer layer = layers[l];
      boolean last = l == layers.length - 1;
      int[] next = last ? null : new int[layer.out * ah * aw];
      int hh = ah;
      int ww = aw;
      int[] input = a;
      byte[] index = last ? out : null;
      RowTask task = (y0, y1) -> layer.run(input, hh, ww, y0, y1, next, index,
          last ? indexMax : activationMax);
      runRows(task, ah, executor);
      if (layer.depthToSpace) {
        ah *= 2;
        aw *= 2;
      }
      a = next;
    }
    return out;
  }

  private void checkSize(int[] z, int h, int w) {
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException("empty z tile " + h + "x" + w);
    }
    long largest = (long) inputChannels * h * w;
    long oh = (long) h;
    long ow = (long) w;
    for (Layer l : layers) {
      largest = Math.max(largest, (long) l.out * oh * ow);
      if (l.depthToSpace) {
        oh *= 2;
        ow *= 2;
      }
    }
    if (largest > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("z tile " + h + "x" + w + " too large");
    }
    if (z.length != inputChannels * h * w) {
      throw new IllegalArgumentException("z has " + z.length + " values, expected "
          + inputChannels + "x" + h + "x" + w);
    }
  }

  @FunctionalInterface
  private interface RowTask {
    void rows(int y0, int y1);
  }

  private static void runRows(RowTask task, int rows, Executor executor) {
    int helpers = executor == null ? 0
        : Math.min(rows, Runtime.getRuntime().availableProcessors()) - 1;
    if (helpers <= 0) {
      task.rows(0, rows);
      return;
    }
    // Rows are handed out one at a time to whoever asks next: the caller and any helper that
    // gets to run. The latch counts rows done, so the caller waits only for rows in progress.
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(rows);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      for (int y = next.getAndIncrement(); y < rows; y = next.getAndIncrement()) {
        try {
          task.rows(y, y + 1);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }
    };
    for (int i = 0; i < helpers; i++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException e) {
        break; // the caller does the rest
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing scale indexes", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    } else if (t instanceof Error err) {
      throw err;
    } else if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  /** One convolution with its requantisation, weights re-laid out for the inner loop. */
  private static final class Layer {
    final int kernel;
    final int in;
    final int out;
    final boolean depthToSpace;
    /** Length of one output channel's weights: taps x input channels. */
    final int patchLength;
    /** [o][ky][kx][i]: each output channel's weights in the order of an input patch. */
    final int[] weight;
    final int[] bias;
    final long[] mult;
    final int shift;
    /** Whether |acc| < 2^31 for every possible input, so int accumulation is exact. */
    final boolean intExact;

    Layer(LayerSpec s, byte[] w, int[] bias, int[] mult, int shift, long inputMax,
        String resource) throws ModelFormatException {
      this.kernel = s.kernel;
      this.in = s.in;
      this.out = s.out;
      this.depthToSpace = s.depthToSpace;
      this.bias = bias;
      this.shift = shift;
      this.mult = new long[out];
      int k2 = kernel * kernel;
      this.patchLength = k2 * in;
      this.weight = new int[out * patchLength];
      long worst = 0;
      for (int o = 0; o < out; o++) {
        long sumAbs = 0;
        for (int i = 0; i < in; i++) {
          for (int t = 0; t < k2; t++) {
            int v = w[(o * in + i) * k2 + t];
            if (v < -127) {
              throw new ModelFormatException("scale_net." + s.name + ".weight holds -128",
                  ModelFormatException.NO_OFFSET, resource);
            }
            weight[o * patchLength + t * in + i] = v;
            sumAbs += Math.abs(v);
          }
        }
        // Every partial sum is bounded by this too, whatever the order of summation.
        long bound = Math.abs((long) bias[o]) + sumAbs * inputMax;
        worst = Math.max(worst, bound);
        this.mult[o] = mult[o];
        // The spec's 64-bit requantisation must not overflow for any input.
        if (mult[o] != 0 && bound > (Long.MAX_VALUE - (1L << (shift - 1))) / mult[o]) {
          throw new ModelFormatException("scale_net." + s.name + " can overflow 64 bits",
              ModelFormatException.NO_OFFSET, resource);
        }
      }
      this.intExact = worst <= Integer.MAX_VALUE;
    }

    /**
     * Output rows [y0, y1) of this layer. Input a: HWC at h x w. Hidden layers write HWC to next
     * (depth-to-space applied: twice the rows and columns, out/4 channels); the last layer writes
     * CHW indexes to index.
     */
    void run(int[] a, int h, int w, int y0, int y1, int[] next, byte[] index, int max) {
      int[] patch = new int[patchLength];
      long[] acc = new long[out];
      long round = 1L << (shift - 1);
      for (int y = y0; y < y1; y++) {
        for (int x = 0; x < w; x++) {
          gather(a, h, w, y, x, patch);
          if (intExact) {
            dot32(patch, acc);
          } else {
            dot64(patch, acc);
          }
          for (int o = 0; o < out; o++) {
            long v = ((bias[o] + acc[o]) * mult[o] + round) >> shift;
            int q = (int) Math.max(0, Math.min(max, v));
            if (index != null) {
              index[(o * h + y) * w + x] = (byte) q;
            } else if (depthToSpace) {
              // out[c][2y+dy][2x+dx] = in[4c + 2dy + dx][y][x] (PyTorch PixelShuffle order)
              int c = o >> 2;
              int dy = (o >> 1) & 1;
              int dx = o & 1;
              next[((2 * y + dy) * (2 * w) + 2 * x + dx) * (out >> 2) + c] = q;
            } else {
              next[(y * w + x) * out + o] = q;
            }
          }
        }
      }
    }

    /** The k x k x in input patch around (y, x), zeros outside the tile (im2col of one pixel). */
    private void gather(int[] a, int h, int w, int y, int x, int[] patch) {
      int pad = kernel / 2;
      for (int ky = 0; ky < kernel; ky++) {
        int sy = y + ky - pad;
        for (int kx = 0; kx < kernel; kx++) {
          int sx = x + kx - pad;
          int dst = (ky * kernel + kx) * in;
          if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
            java.util.Arrays.fill(patch, dst, dst + in, 0);
          } else {
            System.arraycopy(a, (sy * w + sx) * in, patch, dst, in);
          }
        }
      }
    }

    /**
     * acc[o] = patch . weight[o] in 32 bits (exact: intExact). Two output channels per pass share
     * the patch loads; the JIT vectorises the sums. Measured about 2x faster than accumulating
     * weight rows scaled by each non-zero input, even though that skips zeros.
     */
    private void dot32(int[] patch, long[] acc) {
      final int[] wt = weight;
      final int n = patchLength;
      int o = 0;
      for (; o + 1 < out; o += 2) {
        int b0 = o * n;
        int b1 = b0 + n;
        int s0 = 0;
        int s1 = 0;
        for (int j = 0; j < n; j++) {
          int p = patch[j];
          s0 += p * wt[b0 + j];
          s1 += p * wt[b1 + j];
        }
        acc[o] = s0;
        acc[o + 1] = s1;
      }
      for (; o < out; o++) {
        int b = o * n;
        int s = 0;
        for (int j = 0; j < n; j++) {
          s += patch[j] * wt[b + j];
        }
        acc[o] = s;
      }
    }

    /** acc[o] = patch . weight[o] in 64 bits, for layers whose sums could leave 32 bits. */
    private void dot64(int[] patch, long[] acc) {
      for (int o = 0; o < out; o++) {
        int b = o * patchLength;
        long s = 0;
        for (int j = 0; j < patchLength; j++) {
          s += (long) patch[j] * weight[b + j];
        }
        acc[o] = s;
      }
    }
  }
}
