package org.lic4j.transforms;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lic4j.transforms.ModelBundle.Kind;

/**
 * The bundle's float graphs on ONNX Runtime: analysis (encoder), hyper analysis, hyper mean,
 * context mean and synthesis; for a P-frame bundle ({@link ModelBundle.Kind#PFRAME}) the
 * prediction's features and the conditioned analysis, hyper mean and synthesis in place of the
 * image ones. Tensors are CHW float arrays of a single image (the batch dimension of 1 is implied).
 * Running a graph the bundle's kind does not have throws {@link IllegalStateException}.
 *
 * <p>Each graph's session is created on its first use (a decoder never loads the analysis
 * graphs), from graph bytes re-verified against the bundle's manifest, and then reused. Instances
 * are thread-safe: ONNX Runtime's {@code run} may be called concurrently, and {@link #close()}
 * waits for running calls to finish. Only this class touches ONNX Runtime, so the rest of lic4j
 * builds and tests without native libraries. ONNX Runtime's environment is created on a thread of
 * its own ({@link OrtEnvironmentHolder}): with a long class path its creation overflows an ordinary
 * thread's stack, so any thread may open a model.
 */
public final class OnnxTransforms implements AutoCloseable {
  private static final int IMAGE_CHANNELS = 3;

  /** The bundle's graphs with the input and output names docs/models.md gives them. */
  private enum Graph {
    // Bundles exported before 2026-12 also output z = h_a(y) from this graph; it is not asked for,
    // but ONNX Runtime computes every output of a graph, so newer exports leave it out.
    ENCODER(ModelBundle.ENCODER, Kind.IMAGE, Set.of("x", "gain"), Set.of("y")),
    HYPER_ANALYSIS(ModelBundle.HYPER_ANALYSIS, null, Set.of("y"), Set.of("z")),
    HYPER_MEAN(ModelBundle.HYPER_MEAN, Kind.IMAGE, Set.of("z_hat"), Set.of("hyper_mean")),
    CONTEXT_MEAN(ModelBundle.CONTEXT_MEAN, null, Set.of("hyper_mean", "y_anchor"), Set.of("mean")),
    SYNTHESIS(ModelBundle.SYNTHESIS, Kind.IMAGE, Set.of("y_hat", "inv_gain"), Set.of("x_hat")),
    REFINE(ModelBundle.REFINE, Kind.IMAGE, Set.of("y", "x", "hyper_mean", "scale", "inv_gain", "anchor_mask",
        "noise", "tau", "lambda"), Set.of("grad", "loss")),
    PRED_FEATURES(ModelBundle.PRED_FEATURES, Kind.PFRAME, Set.of("pred"), Set.of("f2", "f4", "f16")),
    P_ENCODER(ModelBundle.P_ENCODER, Kind.PFRAME, Set.of("x", "pred", "f4", "gain"), Set.of("y")),
    P_HYPER_MEAN(ModelBundle.P_HYPER_MEAN, Kind.PFRAME, Set.of("z_hat", "f16"), Set.of("hyper_mean")),
    // A bundle whose manifest says "synthesisPred" has the input pred as well (expectedInputs).
    P_SYNTHESIS(ModelBundle.P_SYNTHESIS, Kind.PFRAME, Set.of("y_hat", "inv_gain", "f4", "f2"), Set.of("x_hat"));

    final String file;
    /** The kind of bundle that has the graph; null: both kinds. */
    final Kind kind;
    final Set<String> inputs;
    final Set<String> outputs;

    Graph(String file, Kind kind, Set<String> inputs, Set<String> outputs) {
      this.file = file;
      this.kind = kind;
      this.inputs = inputs;
      this.outputs = outputs;
    }
  }

  private final ModelBundle bundle;
  private final OrtEnvironment env;
  private final SessionOptions sessionOptions;
  private final OnnxOptions.Device device;
  // Created on first use; each slot is guarded by its own lock object.
  private final OrtSession[] sessions = new OrtSession[Graph.values().length];
  private final Object[] sessionLocks = new Object[Graph.values().length];
  private final int latentChannels;
  private final int hyperChannels;
  private final int latentDown;
  private final int hyperDown;
  // Read-locked by every run, write-locked by close: a native session is never freed mid-run.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxTransforms(ModelBundle bundle, OnnxOptions options) throws DeviceUnavailableException {
    this.bundle = bundle;
    this.env = OrtEnvironmentHolder.environment();
    this.latentChannels = bundle.latentChannels();
    this.hyperChannels = bundle.hyperChannels();
    this.latentDown = bundle.latentDownsampling();
    this.hyperDown = bundle.hyperDownsampling();
    Selected selected = sessionOptions(options);
    this.sessionOptions = selected.options;
    this.device = selected.device;
    Arrays.setAll(sessionLocks, i -> new Object());
  }

  /**
   * Prepares to run a bundle's graphs with the given options. The device is resolved here; each
   * graph's session is created when it is first run (0.1 to 0.5 s per graph on a CPU).
   *
   * @throws DeviceUnavailableException if the requested device is unavailable
   * @throws InferenceException if ONNX Runtime rejects the options
   */
  public static OnnxTransforms open(ModelBundle bundle, OnnxOptions options)
      throws DeviceUnavailableException {
    return new OnnxTransforms(bundle, options);
  }

  /** The device the sessions actually run on: CPU or CUDA, never AUTO. */
  public OnnxOptions.Device device() {
    return device;
  }

  /**
   * Runs the analysis transform alone: y = g_a(x) * gain.
   *
   * @param x the image, 3 x h x w, values in [0, 1]
   * @param h rows, a positive multiple of the bundle's hyper downsampling (64)
   * @param w columns, likewise
   * @param gain the per-channel gain, {@link ModelBundle#gain(double)}
   * @return y, latent channels x (h / 16) x (w / 16)
   */
  public float[] analysis(float[] x, int h, int w, float[] gain) throws InferenceException {
    if (h <= 0 || w <= 0 || h % hyperDown != 0 || w % hyperDown != 0) {
      throw new IllegalArgumentException(
          "image " + w + "x" + h + " is not a positive multiple of " + hyperDown);
    }
    check("x", x, IMAGE_CHANNELS, h, w);
    check("gain", gain, latentChannels, 1, 1);
    return run(Graph.ENCODER,
        new String[] {"x", "gain"}, new float[][] {x, gain},
        new long[][] {shape(IMAGE_CHANNELS, h, w), shape(latentChannels, 1, 1)},
        new String[] {"y"},
        new long[][] {shape(latentChannels, h / latentDown, w / latentDown)})[0];
  }

  /**
   * Runs the analysis and then the hyper analysis: y = g_a(x) * gain and z = h_a(y).
   *
   * @param x the image, 3 x h x w, values in [0, 1]
   * @param h rows, a positive multiple of the bundle's hyper downsampling (64)
   * @param w columns, likewise
   * @param gain the per-channel gain, {@link ModelBundle#gain(double)}
   */
  public EncoderOutput encode(float[] x, int h, int w, float[] gain) throws InferenceException {
    float[] y = analysis(x, h, w, gain);
    int yh = h / latentDown;
    int yw = w / latentDown;
    float[] z = hyperAnalysis(y, yh, yw);
    return new EncoderOutput(y, yh, yw, z, h / hyperDown, w / hyperDown);
  }

  /**
   * Runs the hyper analysis graph: z = h_a(y). The codec runs the analysis once with gain 1 and
   * this graph for each quality it tries.
   *
   * @param y a gained latent, latent channels x yh x yw (yh and yw multiples of 4)
   * @return z before rounding, hyper channels x (yh / 4) x (yw / 4)
   */
  public float[] hyperAnalysis(float[] y, int yh, int yw) throws InferenceException {
    int down = hyperDown / latentDown;
    if (yh % down != 0 || yw % down != 0) {
      throw new IllegalArgumentException("y " + yw + "x" + yh + " is not a multiple of " + down);
    }
    check("y", y, latentChannels, yh, yw);
    return run(Graph.HYPER_ANALYSIS, new String[] {"y"}, new float[][] {y},
        new long[][] {shape(latentChannels, yh, yw)}, new String[] {"z"},
        new long[][] {shape(hyperChannels, yh / down, yw / down)})[0];
  }

  /**
   * Runs the hyper mean graph on the z symbols held as floats.
   *
   * @param zHat integer-valued z, channels x zh x zw
   * @return the hyper mean, latent channels x (zh * 4) x (zw * 4)
   */
  public float[] hyperMean(float[] zHat, int zh, int zw) throws InferenceException {
    check("z_hat", zHat, hyperChannels, zh, zw);
    return runHyperMean(zHat, zh, zw);
  }

  /**
   * Runs the hyper mean graph on decoded z symbols.
   *
   * @param zSymbols z symbols, channels x zh x zw
   * @return the hyper mean, latent channels x (zh * 4) x (zw * 4)
   */
  public float[] hyperMean(int[] zSymbols, int zh, int zw) throws InferenceException {
    if (zSymbols.length != (long) hyperChannels * zh * zw || zh <= 0 || zw <= 0) {
      throw new IllegalArgumentException("z_hat has " + zSymbols.length + " values, expected "
          + hyperChannels + "x" + zh + "x" + zw);
    }
    float[] zHat = new float[zSymbols.length];
    for (int i = 0; i < zHat.length; i++) {
      zHat[i] = zSymbols[i];
    }
    return runHyperMean(zHat, zh, zw);
  }

  private float[] runHyperMean(float[] zHat, int zh, int zw) throws InferenceException {
    int up = hyperDown / latentDown;
    return run(Graph.HYPER_MEAN, new String[] {"z_hat"}, new float[][] {zHat},
        new long[][] {shape(hyperChannels, zh, zw)}, new String[] {"hyper_mean"},
        new long[][] {shape(latentChannels, zh * up, zw * up)})[0];
  }

  /**
   * Runs the context mean graph: the means of the non-anchor positions of the checkerboard.
   *
   * @param hyperMean the hyper mean, latent channels x yh x yw
   * @param yAnchor the reconstructed latent at anchor positions ((row + col) even), 0 elsewhere
   * @return the mean, latent channels x yh x yw (used at non-anchor positions only)
   */
  public float[] contextMean(float[] hyperMean, float[] yAnchor, int yh, int yw)
      throws InferenceException {
    check("hyper_mean", hyperMean, latentChannels, yh, yw);
    check("y_anchor", yAnchor, latentChannels, yh, yw);
    long[] s = shape(latentChannels, yh, yw);
    return run(Graph.CONTEXT_MEAN, new String[] {"hyper_mean", "y_anchor"},
        new float[][] {hyperMean, yAnchor}, new long[][] {s, s}, new String[] {"mean"},
        new long[][] {s})[0];
  }

  /**
   * Runs the synthesis transform: x_hat = g_s(yHat * invGain), not clamped.
   *
   * @param yHat the reconstructed (gained) latent, latent channels x yh x yw
   * @param invGain the per-channel inverse gain, {@link ModelBundle#invGain(double)}
   * @return the image, 3 x (yh * 16) x (yw * 16)
   */
  public float[] synthesis(float[] yHat, int yh, int yw, float[] invGain)
      throws InferenceException {
    check("y_hat", yHat, latentChannels, yh, yw);
    check("inv_gain", invGain, latentChannels, 1, 1);
    return run(Graph.SYNTHESIS, new String[] {"y_hat", "inv_gain"},
        new float[][] {yHat, invGain},
        new long[][] {shape(latentChannels, yh, yw), shape(latentChannels, 1, 1)},
        new String[] {"x_hat"},
        new long[][] {shape(IMAGE_CHANNELS, yh * latentDown, yw * latentDown)})[0];
  }

  /** What the bundle's graphs code (the graphs this instance can run). */
  public Kind kind() {
    return bundle.kind();
  }

  /**
   * Runs the prediction features graph of a P-frame bundle: f2, f4, f16 of the prediction.
   *
   * @param pred the prediction, 3 x h x w, values in [0, 1]
   * @param h rows, a positive multiple of the bundle's hyper downsampling (64)
   * @param w columns, likewise
   * @return f2, f4, f16: {@link ModelBundle#predictionChannels()} channels each, at 1/2, 1/4, 1/16
   */
  public float[][] predictionFeatures(float[] pred, int h, int w) throws InferenceException {
    requireKind(Graph.PRED_FEATURES);
    requirePicture(h, w);
    check("pred", pred, IMAGE_CHANNELS, h, w);
    int[] c = bundle.predictionChannels();
    int[] d = bundle.predictionDownsampling();
    return run(Graph.PRED_FEATURES, new String[] {"pred"}, new float[][] {pred},
        new long[][] {shape(IMAGE_CHANNELS, h, w)}, new String[] {"f2", "f4", "f16"},
        new long[][] {shape(c[0], h / d[0], w / d[0]), shape(c[1], h / d[1], w / d[1]),
            shape(c[2], h / d[2], w / d[2])});
  }

  /**
   * Runs the conditioned analysis of a P-frame bundle: y = analysis(x, pred, f4) * gain.
   *
   * @param x the picture, 3 x h x w, values in [0, 1]
   * @param pred its prediction, 3 x h x w, values in [0, 1]
   * @param f4 the prediction's features at 1/4 ({@link #predictionFeatures})
   * @param h rows, a positive multiple of the bundle's hyper downsampling (64)
   * @param w columns, likewise
   * @param gain the per-channel gain, {@link ModelBundle#gain(double)}
   * @return y, latent channels x (h / 16) x (w / 16)
   */
  public float[] predictedAnalysis(float[] x, float[] pred, float[] f4, int h, int w, float[] gain)
      throws InferenceException {
    requireKind(Graph.P_ENCODER);
    requirePicture(h, w);
    check("x", x, IMAGE_CHANNELS, h, w);
    check("pred", pred, IMAGE_CHANNELS, h, w);
    long[] f4Shape = feature(1, h, w);
    check("f4", f4, (int) f4Shape[1], (int) f4Shape[2], (int) f4Shape[3]);
    check("gain", gain, latentChannels, 1, 1);
    return run(Graph.P_ENCODER, new String[] {"x", "pred", "f4", "gain"}, new float[][] {x, pred, f4, gain},
        new long[][] {shape(IMAGE_CHANNELS, h, w), shape(IMAGE_CHANNELS, h, w), f4Shape, shape(latentChannels, 1, 1)},
        new String[] {"y"}, new long[][] {shape(latentChannels, h / latentDown, w / latentDown)})[0];
  }

  /**
   * Runs the conditioned hyper mean of a P-frame bundle: the hyper mean of z_hat with the
   * prediction's features f16 injected.
   *
   * @param zHat integer-valued z, hyper channels x zh x zw
   * @param f16 the prediction's features at y's resolution, over y's area (zh * 4 x zw * 4)
   * @return the hyper mean, latent channels x (zh * 4) x (zw * 4)
   */
  public float[] predictedHyperMean(float[] zHat, float[] f16, int zh, int zw) throws InferenceException {
    requireKind(Graph.P_HYPER_MEAN);
    int up = hyperDown / latentDown;
    check("z_hat", zHat, hyperChannels, zh, zw);
    int c16 = bundle.predictionChannels()[ModelBundle.PREDICTION_FEATURES - 1];
    check("f16", f16, c16, zh * up, zw * up);
    return run(Graph.P_HYPER_MEAN, new String[] {"z_hat", "f16"}, new float[][] {zHat, f16},
        new long[][] {shape(hyperChannels, zh, zw), shape(c16, zh * up, zw * up)}, new String[] {"hyper_mean"},
        new long[][] {shape(latentChannels, zh * up, zw * up)})[0];
  }

  /**
   * Runs the conditioned synthesis of a P-frame bundle: x_hat = synthesis(yHat * invGain, f4, f2),
   * not clamped; where the bundle's synthesis takes the prediction itself
   * ({@link ModelBundle#synthesisTakesPrediction()}), x_hat = synthesis(yHat * invGain, f4, f2,
   * pred).
   *
   * @param yHat the reconstructed (gained) latent, latent channels x yh x yw
   * @param invGain the per-channel inverse gain, {@link ModelBundle#invGain(double)}
   * @param f4 the prediction's features at 1/4 over the same area
   * @param f2 the prediction's features at 1/2 over the same area
   * @param pred the prediction over the same area, 3 x (yh * 16) x (yw * 16) in [0, 1], the one f4
   *     and f2 were computed from; read only by a bundle whose synthesis takes it, and may then be
   *     null for the others
   * @return the picture, 3 x (yh * 16) x (yw * 16)
   */
  public float[] predictedSynthesis(float[] yHat, int yh, int yw, float[] invGain, float[] f4, float[] f2,
      float[] pred) throws InferenceException {
    requireKind(Graph.P_SYNTHESIS);
    int h = yh * latentDown;
    int w = yw * latentDown;
    check("y_hat", yHat, latentChannels, yh, yw);
    check("inv_gain", invGain, latentChannels, 1, 1);
    long[] f4Shape = feature(1, h, w);
    long[] f2Shape = feature(0, h, w);
    check("f4", f4, (int) f4Shape[1], (int) f4Shape[2], (int) f4Shape[3]);
    check("f2", f2, (int) f2Shape[1], (int) f2Shape[2], (int) f2Shape[3]);
    long[] yShape = shape(latentChannels, yh, yw);
    long[] gainShape = shape(latentChannels, 1, 1);
    long[] xShape = shape(IMAGE_CHANNELS, h, w);
    if (!bundle.synthesisTakesPrediction()) {
      return run(Graph.P_SYNTHESIS, new String[] {"y_hat", "inv_gain", "f4", "f2"},
          new float[][] {yHat, invGain, f4, f2}, new long[][] {yShape, gainShape, f4Shape, f2Shape},
          new String[] {"x_hat"}, new long[][] {xShape})[0];
    }
    if (pred == null) {
      throw new IllegalArgumentException(bundle.origin() + ": its " + Graph.P_SYNTHESIS.file
          + " takes the prediction (pred), none given");
    }
    check("pred", pred, IMAGE_CHANNELS, h, w);
    return run(Graph.P_SYNTHESIS, new String[] {"y_hat", "inv_gain", "f4", "f2", "pred"},
        new float[][] {yHat, invGain, f4, f2, pred}, new long[][] {yShape, gainShape, f4Shape, f2Shape, xShape},
        new String[] {"x_hat"}, new long[][] {xShape})[0];
  }

  /** The inputs graph {@code g} of this bundle has: its own, and pred where the synthesis takes it. */
  private Set<String> expectedInputs(Graph g) {
    if (g == Graph.P_SYNTHESIS && bundle.synthesisTakesPrediction()) {
      Set<String> inputs = new LinkedHashSet<>(g.inputs);
      inputs.add("pred");
      return inputs;
    }
    return g.inputs;
  }

  /** Refuses a graph of the other kind of bundle (an image bundle's encoder in a P-frame bundle). */
  private void requireKind(Graph g) {
    if (g.kind != null && g.kind != bundle.kind()) {
      throw new IllegalStateException(bundle.origin() + " is a bundle of kind '" + bundle.kind().manifestName()
          + "': it has no " + g.file + " (that needs a bundle of kind '" + g.kind.manifestName() + "')");
    }
  }

  /** The shape of prediction feature {@code i} (0: f2, 1: f4, 2: f16) of an h x w picture. */
  private long[] feature(int i, int h, int w) {
    int c = bundle.predictionChannels()[i];
    int d = bundle.predictionDownsampling()[i];
    return shape(c, h / d, w / d);
  }

  private void requirePicture(int h, int w) {
    if (h <= 0 || w <= 0 || h % hyperDown != 0 || w % hyperDown != 0) {
      throw new IllegalArgumentException(
          "image " + w + "x" + h + " is not a positive multiple of " + hyperDown);
    }
  }

  /** Whether the bundle has the latent refinement graph that {@link #refinementStep} runs. */
  public boolean hasRefinement() {
    return bundle.hasRefinement();
  }

  /**
   * Runs the latent refinement graph once (docs/models.md, "Latent refinement"): the gradient with
   * respect to y of {@code lambda * 255^2 * MSE(g_s(soft(y) * invGain), x) + bits(soft(y)) / pixels},
   * where soft rounds y against its means with temperature {@code tau} and logistic noise.
   *
   * @param y the current latent (gained domain), latent channels x yh x yw
   * @param x the target picture, 3 x (yh * 16) x (yw * 16), in [0, 1]
   * @param hyperMean the hyper mean of the tile's z symbols
   * @param scale the Gaussian scale of each element of y, from its scale index
   * @param invGain the per-channel inverse gain
   * @param anchorMask 1 at anchor positions ((row + col) even), 0 elsewhere, yh x yw
   * @param noise logistic noise, one value per element of y
   * @return the gradient (latent channels x yh x yw) and the loss (one value)
   * @throws IllegalStateException if the bundle has no refinement graph
   */
  public float[][] refinementStep(float[] y, float[] x, float[] hyperMean, float[] scale, float[] invGain,
      float[] anchorMask, float[] noise, float tau, float lambda, int yh, int yw) throws InferenceException {
    if (!bundle.hasRefinement()) {
      throw new IllegalStateException(bundle.origin() + " has no " + ModelBundle.REFINE);
    }
    check("y", y, latentChannels, yh, yw);
    check("x", x, IMAGE_CHANNELS, yh * latentDown, yw * latentDown);
    check("hyper_mean", hyperMean, latentChannels, yh, yw);
    check("scale", scale, latentChannels, yh, yw);
    check("inv_gain", invGain, latentChannels, 1, 1);
    check("anchor_mask", anchorMask, 1, yh, yw);
    check("noise", noise, latentChannels, yh, yw);
    long[] latent = shape(latentChannels, yh, yw);
    long[] one = {1};
    return run(Graph.REFINE,
        new String[] {"y", "x", "hyper_mean", "scale", "inv_gain", "anchor_mask", "noise", "tau", "lambda"},
        new float[][] {y, x, hyperMean, scale, invGain, anchorMask, noise, {tau}, {lambda}},
        new long[][] {latent, shape(IMAGE_CHANNELS, yh * latentDown, yw * latentDown), latent, latent,
            shape(latentChannels, 1, 1), shape(1, yh, yw), latent, one, one},
        new String[] {"grad", "loss"}, new long[][] {latent, one});
  }

  /** Releases the sessions; waits for running calls. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<AutoCloseable> resources = new ArrayList<>();
      for (OrtSession s : sessions) {
        if (s != null) {
          resources.add(s);
        }
      }
      resources.add(sessionOptions);
      closeAll(resources);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private float[][] run(Graph g, String[] inputNames, float[][] inputs,
      long[][] inputShapes, String[] outputNames, long[][] outputShapes)
      throws InferenceException {
    String graph = g.file;
    lock.readLock().lock();
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    try {
      if (closed) {
        throw new IllegalStateException("OnnxTransforms is closed");
      }
      OrtSession session = session(g);
      for (int i = 0; i < inputs.length; i++) {
        tensors.put(inputNames[i], OnnxTensor.createTensor(env, direct(inputs[i]), inputShapes[i]));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        float[][] out = new float[outputNames.length][];
        for (int i = 0; i < outputNames.length; i++) {
          OnnxValue value = result.get(outputNames[i]).orElseThrow();
          out[i] = floats((OnnxTensor) value, graph, outputNames[i], outputShapes[i]);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new InferenceException(graph + " failed: " + e.getMessage(), e);
    } finally {
      for (OnnxTensor t : tensors.values()) {
        t.close();
      }
      lock.readLock().unlock();
    }
  }

  private static float[] floats(OnnxTensor tensor, String graph, String name, long[] expected)
      throws InferenceException {
    TensorInfo info = tensor.getInfo();
    if (!Arrays.equals(info.getShape(), expected)) {
      throw new InferenceException(graph + " output " + name + " has shape "
          + Arrays.toString(info.getShape()) + ", expected " + Arrays.toString(expected));
    }
    // One copy out of native memory; getFloatBuffer() already returns a fresh heap buffer.
    FloatBuffer buffer = tensor.getFloatBuffer();
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.array().length == buffer.remaining()) {
      return buffer.array();
    }
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  /** One copy into native-order direct memory, which ONNX Runtime then reads in place. */
  private static FloatBuffer direct(float[] values) {
    FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES)
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
    buffer.put(values).flip();
    return buffer;
  }

  private static long[] shape(int c, int h, int w) {
    return new long[] {1, c, h, w};
  }

  private static void check(String name, float[] values, int c, int h, int w) {
    if (h <= 0 || w <= 0 || values.length != (long) c * h * w) {
      throw new IllegalArgumentException(name + " has " + values.length + " values, expected "
          + c + "x" + h + "x" + w);
    }
  }

  private record Selected(SessionOptions options, OnnxOptions.Device device) {}

  private static Selected sessionOptions(OnnxOptions o) throws DeviceUnavailableException {
    OnnxOptions.Device wanted = o.device();
    boolean cudaBuilt = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    if (wanted == OnnxOptions.Device.CUDA && !cudaBuilt) {
      throw new DeviceUnavailableException("device CUDA requested, but this ONNX Runtime has no CUDA "
          + "provider: build with -Pcuda (onnxruntime_gpu), or use device cpu or auto", null);
    }
    if (wanted != OnnxOptions.Device.CPU && cudaBuilt) {
      SessionOptions options = base(o);
      try {
        options.addCUDA(0);
        return new Selected(options, OnnxOptions.Device.CUDA);
      } catch (OrtException e) {
        options.close();
        if (wanted == OnnxOptions.Device.CUDA) {
          throw new DeviceUnavailableException("device CUDA requested, but the CUDA provider did not "
              + "start (no GPU, or CUDA/cuDNN libraries missing): " + e.getMessage(), e);
        }
        // AUTO: fall back to the CPU, as documented.
      }
    }
    return new Selected(base(o), OnnxOptions.Device.CPU);
  }

  private static SessionOptions base(OnnxOptions o) throws InferenceException {
    SessionOptions options = new SessionOptions();
    try {
      options.setOptimizationLevel(switch (o.optimization()) {
        case NONE -> OptLevel.NO_OPT;
        case BASIC -> OptLevel.BASIC_OPT;
        case EXTENDED -> OptLevel.EXTENDED_OPT;
        case ALL -> OptLevel.ALL_OPT;
      });
      if (o.intraOpThreads() > 0) {
        options.setIntraOpNumThreads(o.intraOpThreads());
      }
      // Each graph has its own intra-op pool, and by default its threads spin after every run
      // while the next graph's threads work: on 2 shared cores that halved the speed of a decode
      // (docs/benchmarks.md, "Image codec").
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      return options;
    } catch (OrtException e) {
      options.close();
      throw new InferenceException("ONNX Runtime rejected the session options " + o, e);
    }
  }

  /** The graph's session, created on first use. Called with the read lock held. */
  private OrtSession session(Graph g) throws InferenceException {
    requireKind(g);
    synchronized (sessionLocks[g.ordinal()]) {
      OrtSession session = sessions[g.ordinal()];
      if (session == null) {
        session = createSession(g);
        sessions[g.ordinal()] = session;
      }
      return session;
    }
  }

  private OrtSession createSession(Graph g) throws InferenceException {
    byte[] model;
    try {
      model = bundle.readVerified(g.file);
    } catch (IOException e) {
      throw new InferenceException("cannot read " + g.file + " of " + bundle.origin() + ": "
          + e.getMessage(), e);
    }
    OrtSession session;
    try {
      session = env.createSession(model, sessionOptions);
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime rejected " + g.file + " of " + bundle.origin()
          + ": " + e.getMessage(), e);
    }
    try {
      Map<String, NodeInfo> in = session.getInputInfo();
      Map<String, NodeInfo> out = session.getOutputInfo();
      Set<String> inputs = expectedInputs(g);
      if (!in.keySet().equals(inputs) || !out.keySet().containsAll(g.outputs)) {
        throw new InferenceException(g.file + " has inputs " + in.keySet() + " and outputs "
            + out.keySet() + ", expected " + inputs + " and " + g.outputs);
      }
      return session;
    } catch (OrtException | InferenceException e) {
      closeAll(List.of(session));
      throw e instanceof InferenceException ie ? ie
          : new InferenceException("cannot inspect " + g.file + ": " + e.getMessage(), e);
    }
  }

  private static void closeAll(List<? extends AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        // Nothing useful to do: the native memory is released or was never held.
      }
    }
  }
}
