package org.lic4j.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.lic4j.bitstream.ModelId;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.frame.PredictionModel;
import org.lic4j.video.conformance.VideoConformanceAccess;

/**
 * The model that codes P frames (docs/models.md, "lic-pframe-v1"): the image model conditioned on
 * the motion-compensated prediction. A video encoder given one codes P frames between its intra
 * frames; a decoder needs the one a stream names (its sequence chunk, format 1.1). Either variant
 * of the bundle codes: with or without the prediction at full resolution in the synthesis (its
 * manifest says which, docs/models.md). Loading starts its ONNX Runtime sessions; share one across
 * encoders and decoders. Thread-safe.
 */
public final class PFrameModel implements AutoCloseable {
  static {
    // The conformance checker's view of P frames: installed once, by the class every P-frame
    // decode needs (see VideoConformanceAccess).
    VideoConformanceAccess.install(PredictedFrameSymbols::parse);
  }

  private final PredictionModel model;

  private PFrameModel(PredictionModel model) {
    this.model = model;
  }

  /**
   * The model bundle in {@code directory}, with {@code options} (device, threads, optimisation).
   *
   * @throws IOException if the bundle cannot be read or is not a P-frame model
   */
  public static PFrameModel open(Path directory, CodecOptions options) throws IOException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(options, "options");
    return new PFrameModel(PredictionModel.open(directory, options));
  }

  /** The P-frame model bundled with lic4j, with {@code options}. */
  public static PFrameModel open(CodecOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    return new PFrameModel(PredictionModel.open(options));
  }

  /** The name and content hash a stream records. */
  public ModelId id() {
    return model.id();
  }

  /** The bundle's name, e.g. {@code lic-pframe-v1}. */
  public String name() {
    return model.name();
  }

  PredictionModel model() {
    return model;
  }

  @Override
  public String toString() {
    return model.name() + " (" + model.contentHashHex().substring(0, 12) + ")";
  }

  @Override
  public void close() {
    model.close();
  }
}
