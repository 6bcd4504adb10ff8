package org.lic4j.codec;

import java.io.IOException;
import java.util.Arrays;
import org.lic4j.bitstream.ModelFormatException;
import org.lic4j.bitstream.ModelId;
import org.lic4j.entropy.CdfTable;
import org.lic4j.entropy.TableSet;
import org.lic4j.transforms.CdfTables;
import org.lic4j.transforms.IntegerScaleNetwork;
import org.lic4j.transforms.ModelBundle;
import org.lic4j.transforms.OnnxOptions;
import org.lic4j.transforms.OnnxTransforms;

/**
 * Opens model bundles for the codec: the default one on the class path (the model artifact), or a
 * folder.
 */
final class Models {
  private Models() {}

  static ImageModel open(CodecOptions options) throws IOException {
    ModelBundle bundle = options.model().isPresent()
        ? ModelBundle.load(options.model().get())
        : ModelBundle.fromClasspath(ImageModel.DEFAULT_RESOURCE);
    String source = options.model().isPresent() ? options.model().get().toString()
        : "(built in: " + ImageModel.DEFAULT_RESOURCE.substring(0, ImageModel.DEFAULT_RESOURCE.length() - 1) + ")";
    requireKind(bundle, ModelBundle.Kind.IMAGE, source);
    LatentModel latent = open(bundle, options);
    return new ImageModel(latent, options, source, bundle.trainingSteps(), bundle.trainingHours());
  }

  /** A bundle's graphs on the device, threads and optimisation of {@code options}. */
  static BundleModel open(ModelBundle bundle, CodecOptions options) throws IOException {
    OnnxOptions onnx = OnnxOptions.defaults()
        .withIntraOpThreads(options.threads())
        .withOptimization(onnx(options.optimization()))
        .withDevice(onnx(options.device()));
    return new BundleModel(bundle, OnnxTransforms.open(bundle, onnx));
  }

  /** Refuses a bundle of another kind: an image model where a P-frame model is needed or the reverse. */
  static void requireKind(ModelBundle bundle, ModelBundle.Kind kind, String source) throws ModelFormatException {
    if (bundle.kind() != kind) {
      throw new ModelFormatException("model " + bundle.name() + " is a bundle of kind '" + bundle.kind().manifestName()
          + "', not '" + kind.manifestName() + "': " + (kind == ModelBundle.Kind.IMAGE
              ? "pictures and I-frames need an image model (lic-image-v1)"
              : "P-frames need a P-frame model (lic-pframe-v1)"), ModelFormatException.NO_OFFSET, source);
    }
  }

  static OnnxOptions.Optimization onnx(CodecOptions.Optimization level) {
    return switch (level) {
      case NONE -> OnnxOptions.Optimization.NONE;
      case BASIC -> OnnxOptions.Optimization.BASIC;
      case EXTENDED -> OnnxOptions.Optimization.EXTENDED;
      case ALL -> OnnxOptions.Optimization.ALL;
    };
  }

  static OnnxOptions.Device onnx(CodecOptions.Device device) {
    return switch (device) {
      case CPU -> OnnxOptions.Device.CPU;
      case CUDA -> OnnxOptions.Device.CUDA;
      case AUTO -> OnnxOptions.Device.AUTO;
    };
  }

  static TableSet tables(CdfTables tables) {
    CdfTable[] out = new CdfTable[tables.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = CdfTable.of(tables.cdf(i), tables.offset(i), tables.precision());
    }
    return TableSet.of(out);
  }

  /**
   * A bundle's graphs, integer network and tables behind the codec's {@link LatentModel}, and for a
   * P-frame bundle its conditioned graphs ({@link PredictionGraphs}); the graphs a bundle's kind
   * lacks throw {@link IllegalStateException}.
   */
  static final class BundleModel implements LatentModel, PredictionGraphs {
    private final ModelBundle bundle;
    private final OnnxTransforms onnx;
    private final IntegerScaleNetwork scaleNet;
    private final ModelId id;
    private final TableSet zTables;
    private final TableSet yTables;
    private final float[] ones;

    BundleModel(ModelBundle bundle, OnnxTransforms onnx) {
      this.bundle = bundle;
      this.onnx = onnx;
      this.scaleNet = bundle.scaleNetwork();
      this.id = new ModelId(bundle.name(), bundle.contentHash());
      this.zTables = tables(bundle.zCdfs());
      this.yTables = tables(bundle.yCdfs());
      this.ones = new float[bundle.latentChannels()];
      Arrays.fill(ones, 1f);
    }

    @Override
    public ModelId id() {
      return id;
    }

    @Override
    public int latentChannels() {
      return bundle.latentChannels();
    }

    @Override
    public int hyperChannels() {
      return bundle.hyperChannels();
    }

    @Override
    public float[] analysis(float[] x, int h, int w) {
      return onnx.analysis(x, h, w, ones);
    }

    @Override
    public float[] hyperAnalysis(float[] y, int yh, int yw) {
      return onnx.hyperAnalysis(y, yh, yw);
    }

    @Override
    public int[] scaleIndex(int[] z, int zh, int zw) {
      byte[] idx = scaleNet.scaleIndexes(z, zh, zw);
      int[] out = new int[idx.length];
      for (int i = 0; i < idx.length; i++) {
        out[i] = idx[i];
      }
      return out;
    }

    @Override
    public float[] hyperMean(float[] zHat, int zh, int zw) {
      return onnx.hyperMean(zHat, zh, zw);
    }

    @Override
    public float[] contextMean(float[] hyperMean, float[] yAnchor, int yh, int yw) {
      return onnx.contextMean(hyperMean, yAnchor, yh, yw);
    }

    @Override
    public float[] synthesis(float[] yHat, int yh, int yw, float[] invGain) {
      return onnx.synthesis(yHat, yh, yw, invGain);
    }

    @Override
    public int[] featureChannels() {
      return bundle.predictionChannels();
    }

    @Override
    public float[][] predictionFeatures(float[] pred, int h, int w) {
      return onnx.predictionFeatures(pred, h, w);
    }

    @Override
    public float[] predictedAnalysis(float[] x, float[] pred, float[] f4, int h, int w) {
      return onnx.predictedAnalysis(x, pred, f4, h, w, ones);
    }

    @Override
    public float[] predictedHyperMean(float[] zHat, float[] f16, int zh, int zw) {
      return onnx.predictedHyperMean(zHat, f16, zh, zw);
    }

    @Override
    public float[] predictedSynthesis(float[] yHat, int yh, int yw, float[] invGain, float[] f4, float[] f2,
        float[] pred) {
      return onnx.predictedSynthesis(yHat, yh, yw, invGain, f4, f2, pred);
    }

    ModelBundle bundle() {
      return bundle;
    }

    @Override
    public float[] gain(double position) {
      return bundle.gain(position);
    }

    @Override
    public float[] inverseGain(double position) {
      return bundle.invGain(position);
    }

    @Override
    public int qualityLevels() {
      return bundle.qualityLevels();
    }

    @Override
    public double lambda(double position) {
      return bundle.lambda(position);
    }

    @Override
    public float[] scaleTable() {
      return bundle.scaleTable();
    }

    @Override
    public boolean canRefine() {
      return onnx.hasRefinement();
    }

    @Override
    public float[][] refinementStep(float[] y, float[] x, float[] hyperMean, float[] scale, float[] invGain,
        float[] anchorMask, float[] noise, float tau, float lambda, int yh, int yw) {
      return onnx.refinementStep(y, x, hyperMean, scale, invGain, anchorMask, noise, tau, lambda, yh, yw);
    }

    @Override
    public TableSet zTables() {
      return zTables;
    }

    @Override
    public TableSet yTables() {
      return yTables;
    }

    @Override
    public void close() {
      onnx.close();
    }
  }
}
