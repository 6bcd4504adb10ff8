package org.lic4j.codec;

import java.io.IOException;
import java.util.Objects;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.codec.frame.FrameCoders;

/**
 * A loaded image model: its identity (name and content hash, which every stream names), what it
 * was trained for, and its ONNX Runtime sessions. Opening one verifies the bundle and creates the
 * sessions (about a second and tens of megabytes), so open it once and share it:
 * {@link ImageEncoder#open(ImageModel)} and {@link ImageDecoder#open(ImageModel)} use it without
 * loading it again. Thread-safe. Close it after the encoders and decoders opened on it.
 *
 * <pre>{@code
 * try (ImageModel model = ImageModel.open(CodecOptions.defaults());
 *      ImageEncoder encoder = ImageEncoder.open(model);
 *      ImageDecoder decoder = ImageDecoder.open(model)) { ... }
 * }</pre>
 */
public final class ImageModel implements AutoCloseable {
  /**
   * The class-path prefix of the default bundle, {@code lic-image-v1}: the
   * {@code lic4j-model-image-v1} artifact packs it there, so an app that depends on it needs no
   * model path.
   */
  public static final String DEFAULT_RESOURCE = "org/lic4j/models/lic-image-v1/";

  static {
    // The video module's way to the tile coding (no public method here: see FrameCoders).
    FrameCoders.install(FrameCoding::new, new PredictionCoding.Side());
  }

  private final LatentModel latent;
  private final CodecOptions options;
  private final String source;
  private final long trainingSteps;
  private final double trainingHours;
  /** The tile coding that image streams and video frames share. */
  private final PictureCoder pictures;

  ImageModel(LatentModel latent, CodecOptions options, String source, long trainingSteps, double trainingHours) {
    this.latent = Objects.requireNonNull(latent, "latent");
    this.options = Objects.requireNonNull(options, "options");
    this.source = Objects.requireNonNull(source, "source");
    this.trainingSteps = trainingSteps;
    this.trainingHours = trainingHours;
    this.pictures = new PictureCoder(latent, options);
  }

  /** A handle over a model built in memory (tests), with nothing known of its training. */
  static ImageModel of(LatentModel latent, CodecOptions options) {
    return new ImageModel(latent, options, "(in memory)", 0, 0);
  }

  /**
   * Opens the model {@code options} names (a bundle folder, or the default bundle on the class
   * path) on its device, with its threads and graph optimisation.
   *
   * @throws IOException if the bundle is missing, malformed or does not match its hashes, or the
   *     runtime cannot create its sessions
   */
  public static ImageModel open(CodecOptions options) throws IOException {
    return Models.open(options);
  }

  /** The name and content hash that streams coded with this model carry. */
  public ModelId id() {
    return latent.id();
  }

  /** The model's name, e.g. {@code lic-image-v1}. */
  public String name() {
    return latent.id().name();
  }

  /** The content hash as 64 lowercase hex digits. */
  public String contentHashHex() {
    return latent.id().sha256Hex();
  }

  /**
   * The number of trained quality levels L: quality {@code 100 * k / (L - 1)} is level k exactly,
   * qualities in between interpolate.
   */
  public int qualityLevels() {
    return latent.qualityLevels();
  }

  /** The training steps of the weights, from the bundle's manifest; 0 when it does not say. */
  public long trainingSteps() {
    return trainingSteps;
  }

  /** The hours of training, from the bundle's manifest; 0 when it does not say. */
  public double trainingHours() {
    return trainingHours;
  }

  /** Where the bundle was read: its folder, or the class-path prefix of the default model. */
  public String source() {
    return source;
  }

  /** Whether the encoder can refine latents ({@link EncodeParams#refineIterations()}). */
  public boolean canRefine() {
    return latent.canRefine();
  }

  /** The options the model was opened with; decoders opened on it apply their limits. */
  public CodecOptions options() {
    return options;
  }

  LatentModel latent() {
    return latent;
  }

  PictureCoder pictures() {
    return pictures;
  }

  /** What a decoder on this model accepts of a picture: the default limits, pixels as the options say. */
  ContainerLimits pictureLimits() {
    return ContainerLimits.DEFAULT.withMaxPixels(options.maxPixels());
  }

  /** Name and the first 16 hex digits of the hash, e.g. {@code lic-image-v1 (03fcc7604748a802)}. */
  @Override
  public String toString() {
    return name() + " (" + contentHashHex().substring(0, 16) + ")";
  }

  /** Frees the sessions; encoders and decoders opened on this model must not be used after. */
  @Override
  public void close() {
    latent.close();
  }
}
