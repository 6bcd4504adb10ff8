package org.lic4j.codec.frame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.lic4j.bitstream.ModelId;
import org.lic4j.codec.CodecOptions;

/**
 * A loaded P-frame model (a bundle of kind {@code pframe}, docs/models.md "lic-pframe-v1"): the
 * image model's latent coder with analysis, hyper mean and synthesis conditioned on a prediction
 * of the picture. {@link PredictedFrameCoder#open} codes with it. Opening verifies the bundle;
 * the ONNX Runtime sessions start on first use. Thread-safe; close it after the coders opened on
 * it.
 */
public final class PredictionModel implements AutoCloseable {
  /**
   * The class-path prefix where {@link #open(CodecOptions)} looks for the default bundle,
   * {@code lic-pframe-v1}. No artifact packs it there yet: open the folder with
   * {@link #open(Path, CodecOptions)}.
   */
  public static final String DEFAULT_RESOURCE = "org/lic4j/models/lic-pframe-v1/";

  /** The codec's side of a loaded model (implemented in {@code org.lic4j.codec}). */
  public interface Loaded extends AutoCloseable {
    ModelId id();

    int qualityLevels();

    long trainingSteps();

    double lambda(int hundredths);

    String source();

    CodecOptions options();

    @Override
    void close();
  }

  private final Loaded loaded;

  private PredictionModel(Loaded loaded) {
    this.loaded = Objects.requireNonNull(loaded, "loaded");
  }

  /**
   * Opens the P-frame bundle in folder {@code bundle} on the device, threads and graph
   * optimisation of {@code options} ({@code options.model()}, the image model, is not used).
   *
   * @throws org.lic4j.bitstream.ModelFormatException if the bundle is missing, malformed, does
   *     not match its hashes, or is not of kind {@code pframe} (an image bundle)
   */
  public static PredictionModel open(Path bundle, CodecOptions options) throws IOException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(options, "options");
    return new PredictionModel(FrameCoders.predictionSide().load(bundle, options));
  }

  /**
   * Opens the default P-frame bundle from the class path ({@link #DEFAULT_RESOURCE}).
   *
   * @throws org.lic4j.bitstream.ModelFormatException if it is not on the class path
   */
  public static PredictionModel open(CodecOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    return new PredictionModel(FrameCoders.predictionSide().load(null, options));
  }

  /** The model's name, e.g. {@code lic-pframe-v1}. */
  public String name() {
    return loaded.id().name();
  }

  /** The content hash as 64 lowercase hex digits. */
  public String contentHashHex() {
    return loaded.id().sha256Hex();
  }

  /** The name and content hash that identify the model. */
  public ModelId id() {
    return loaded.id();
  }

  /** The number of trained quality levels (as the image model's: quality hundredths map alike). */
  public int qualityLevels() {
    return loaded.qualityLevels();
  }

  /** The training steps of the weights, from the bundle's manifest; 0 when it does not say. */
  public long trainingSteps() {
    return loaded.trainingSteps();
  }

  /**
   * The rate-distortion weight the model was trained with at a quality in hundredths: a coded
   * picture's cost is {@code lambda * MSE + bits per pixel}, the MSE on 8-bit samples averaged over
   * the three planes (docs/models.md). Encoder decisions weigh distortion against bits with it.
   */
  public double lambda(int hundredths) {
    return loaded.lambda(hundredths);
  }

  /** Where the bundle was read. */
  public String source() {
    return loaded.source();
  }

  /** The options the model was opened with. */
  public CodecOptions options() {
    return loaded.options();
  }

  Loaded loaded() {
    return loaded;
  }

  /** Name and the first 16 hex digits of the hash. */
  @Override
  public String toString() {
    return name() + " (" + contentHashHex().substring(0, 16) + ")";
  }

  /** Frees the sessions; coders opened on this model must not be used after. */
  @Override
  public void close() {
    loaded.close();
  }
}
