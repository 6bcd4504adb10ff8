package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.EncodeResult;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.LatentBytes;
import org.lic4j.codec.RgbImage;

/** lic4j itself, in this process: the encoder and decoder are opened once and shared by all jobs. */
final class LicCodec implements RdCodec, AutoCloseable {
  private final ImageEncoder encoder;
  private final ImageDecoder decoder;
  private final ImageModel model;
  private final List<Double> qualities;
  private final List<Double> quick;
  private final String version;
  private final int refine;

  private LicCodec(ImageEncoder encoder, ImageDecoder decoder, ImageModel model, List<Double> qualities,
      List<Double> quick, String version, int refine) {
    this.encoder = encoder;
    this.decoder = decoder;
    this.model = model;
    this.qualities = qualities;
    this.quick = quick;
    this.version = version;
    this.refine = refine;
  }

  /**
   * @param qualities the sweep asked for, or null for the model's trained levels (every other one,
   *     and the top, with {@code --quick})
   * @param refine latent refinement steps per encode (EncodeParams#refineIterations), 0 for none
   */
  static LicCodec open(CodecOptions options, List<Double> qualities, String version, int refine)
      throws IOException {
    ImageModel model = ImageModel.open(options);
    List<Double> full = qualities != null ? qualities : trainedLevels(model.qualityLevels(), false);
    List<Double> quick = qualities != null ? qualities : trainedLevels(model.qualityLevels(), true);
    ImageEncoder encoder = ImageEncoder.open(model);
    ImageDecoder decoder = ImageDecoder.open(model);
    LicCodec codec = new LicCodec(encoder, decoder, model, full, quick, version, refine);
    try {
      codec.warmUp();
    } catch (IOException | RuntimeException e) {
      codec.close();
      throw e;
    }
    return codec;
  }

  /** The qualities 0..100 at which the model has trained levels. */
  static List<Double> trainedLevels(int levels, boolean quick) {
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < levels; k++) {
      if (!quick || k % 2 == 0 || k == levels - 1) {
        out.add(Math.round(k * 10000.0 / (levels - 1)) / 100.0);
      }
    }
    return out;
  }

  /** One small picture through both directions, so first-run costs stay out of the timings. */
  private void warmUp() throws IOException {
    RgbImage tiny = RgbImage.ofRgb(128, 128, new byte[128 * 128 * 3]);
    EncodeResult r = encoder.encode(tiny, EncodeParams.quality(EncodeParams.DEFAULT_QUALITY).withRefinement(Math.min(refine, 1)));
    decoder.decode(r.stream(), "warm-up");
  }

  @Override
  public String id() {
    return "lic4j";
  }

  @Override
  public String label() {
    return "lic4j";
  }

  @Override
  public String settingName() {
    return "quality";
  }

  @Override
  public List<Double> settings(boolean quickSweep) {
    return quickSweep ? quick : qualities;
  }

  @Override
  public String tool() {
    return String.format(Locale.ROOT, "lic4j %s in process, model %s%s%s", version, model,
        model.trainingSteps() > 0 ? ", trained " + model.trainingSteps() + " steps" : "",
        refine > 0 ? ", latent refinement " + refine + " steps" : "");
  }

  ImageModel model() {
    return model;
  }

  @Override
  public Trial run(Subject subject, double setting, Path work) throws IOException {
    long t0 = System.nanoTime();
    EncodeResult r = encoder.encode(subject.image(), EncodeParams.quality(setting).withRefinement(refine));
    long t1 = System.nanoTime();
    RgbImage decoded = decoder.decode(r.stream(), subject.name() + " at quality " + setting);
    long t2 = System.nanoTime();
    LatentBytes split = LatentBytes.of(r.stream(), subject.name());
    return new Trial(r.stream().length, decoded, t1 - t0, t2 - t1, split.z(), split.y());
  }

  @Override
  public void close() {
    encoder.close();
    decoder.close();
    model.close();
  }
}
