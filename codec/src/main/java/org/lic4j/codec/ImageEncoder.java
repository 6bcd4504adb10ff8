package org.lic4j.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerWriter;

/**
 * Encodes pictures to lic4j streams. Build once with {@link #open(ImageModel)} (or
 * {@link #open(CodecOptions)}, which loads a model of its own) and reuse: the model's sessions are
 * created once. Thread-safe: concurrent {@code encode} calls share the model.
 */
public final class ImageEncoder implements AutoCloseable {
  private static final int MAX_HUNDREDTHS = 10000;
  /** Rate control searches qualities on this grid of hundredths (0.1 quality steps). */
  private static final int RATE_SEARCH_STEP = 10;

  private final ImageModel handle;
  /** Whether {@link #close()} closes the model: only one the encoder opened itself. */
  private final boolean ownsModel;
  private final LatentModel model;
  /** The tile coding, shared with video frames. */
  private final PictureCoder pictures;

  private ImageEncoder(ImageModel handle, boolean ownsModel) {
    this.handle = handle;
    this.ownsModel = ownsModel;
    this.model = handle.latent();
    this.pictures = handle.pictures();
  }

  /** An encoder over a model built in memory (tests); closing the encoder closes it. */
  ImageEncoder(LatentModel model) {
    this(ImageModel.of(model, CodecOptions.defaults()), true);
  }

  /** An encoder over a loaded model, which it shares: closing the encoder leaves it open. */
  public static ImageEncoder open(ImageModel model) {
    return new ImageEncoder(model, false);
  }

  /** An encoder with a model of its own, the one {@code options} names; closing it closes the model. */
  public static ImageEncoder open(CodecOptions options) throws IOException {
    return new ImageEncoder(ImageModel.open(options), true);
  }

  /** The model this encoder writes streams for. */
  public ImageModel model() {
    return handle;
  }

  /**
   * The model's number of trained quality levels L: quality {@code 100 * k / (L - 1)} is level k
   * exactly, qualities in between interpolate.
   */
  public int qualityLevels() {
    return model.qualityLevels();
  }

  public EncodeResult encode(BufferedImage image, EncodeParams params) throws IOException {
    return encode(RgbImage.of(image), params);
  }

  /** Encodes {@code image}; the result holds the whole stream and what it cost. */
  public EncodeResult encode(RgbImage image, EncodeParams params) throws IOException {
    return encode(image, params, PictureMetadata.NONE);
  }

  /**
   * Encodes {@code image} with {@code metadata} in the stream's metadata chunks (written before the
   * tiles; docs/bitstream.md, 5.2). The pixels are coded as given: an ICC profile or an Exif
   * orientation is kept for the viewer, not applied. A {@link EncodeParams#targetBpp()} counts the
   * whole stream, metadata included.
   */
  public EncodeResult encode(RgbImage image, EncodeParams params, PictureMetadata metadata) throws IOException {
    long start = System.nanoTime();
    int refine = params.refineIterations();
    pictures.requireRefinable(params, handle);
    TilePlan plan = new TilePlan(image.width(), image.height(), params.layout());
    List<float[]> latents = pictures.analyse(image, plan);
    long analysed = System.nanoTime();
    byte[][] alpha = image.hasAlpha() ? AlphaPlane.encodeTiles(image, plan) : null;
    int hundredths = params.hundredths();
    Coded coded;
    if (params.targetBpp() > 0) {
      coded = searchQuality(image, metadata, plan, latents, alpha, params.targetBpp());
      if (refine > 0) {
        // The search runs unrefined (it codes each quality it tries); the refined stream at the
        // quality found is kept if it fits, or if it is smaller when nothing fits.
        Coded refined = code(image, metadata, plan, latents, alpha, coded.hundredths, refine);
        boolean better = fits(refined.stream.length, image, params.targetBpp())
            || (!fits(coded.stream.length, image, params.targetBpp()) && refined.stream.length < coded.stream.length);
        Coded kept = better ? refined : coded;
        coded = new Coded(kept.stream, kept.hundredths, coded.modelNanos + refined.modelNanos,
            coded.codingNanos + refined.codingNanos);
      }
    } else {
      coded = code(image, metadata, plan, latents, alpha, hundredths, refine);
    }
    long end = System.nanoTime();
    double bpp = bitsPerPixel(coded.stream.length, image);
    return new EncodeResult(coded.stream, coded.hundredths / 100.0, bpp,
        new EncodeResult.Timings(analysed - start, coded.modelNanos, coded.codingNanos, end - start));
  }

  /** Stream bits per picture pixel, as {@link EncodeResult#bitsPerPixel()} reports them. */
  private static double bitsPerPixel(long streamLength, RgbImage image) {
    return streamLength * 8.0 / ((double) image.width() * image.height());
  }

  /**
   * Whether a stream meets a target: compares the very number the result reports, so that it never
   * reports more than the target and a target equal to a stream's own bits per pixel admits it.
   */
  static boolean fits(long streamLength, RgbImage image, double targetBpp) {
    return bitsPerPixel(streamLength, image) <= targetBpp;
  }

  /** Highest quality (on the search grid) whose stream fits {@code targetBpp}, else the lowest. */
  private Coded searchQuality(RgbImage image, PictureMetadata metadata, TilePlan plan, List<float[]> latents, byte[][] alpha,
      double targetBpp) throws IOException {
    int lo = 0;
    int hi = MAX_HUNDREDTHS / RATE_SEARCH_STEP;
    Coded best = code(image, metadata, plan, latents, alpha, 0, 0);
    if (!fits(best.stream.length, image, targetBpp)) {
      return best;
    }
    long modelNanos = best.modelNanos;
    long codingNanos = best.codingNanos;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      Coded trial = code(image, metadata, plan, latents, alpha, mid * RATE_SEARCH_STEP, 0);
      modelNanos += trial.modelNanos;
      codingNanos += trial.codingNanos;
      if (fits(trial.stream.length, image, targetBpp)) {
        lo = mid;
        best = trial;
      } else {
        hi = mid - 1;
      }
    }
    return new Coded(best.stream, best.hundredths, modelNanos, codingNanos);
  }

  private record Coded(byte[] stream, int hundredths, long modelNanos, long codingNanos) {}

  private Coded code(RgbImage image, PictureMetadata metadata, TilePlan plan, List<float[]> latents, byte[][] alpha, int hundredths,
      int refine) throws IOException {
    StreamHeader header = StreamHeader.builder()
        .size(image.width(), image.height())
        .colourFormat(colourFormat(image))
        .bitDepth(8)
        .model(model.id())
        .quality(hundredths)
        .tiles(plan.layout)
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PictureCoder.CodingTime time;
    try (ContainerWriter writer = ContainerWriter.create(out, header)) {
      metadata.writeTo(writer);
      // Each tile's ALPH chunk follows its TILE chunk, as streams always had them.
      time = pictures.codeTiles(image, plan, latents, hundredths, refine, (t, data) -> {
        writer.writeTile(t.index(), data);
        if (alpha != null) {
          writer.writeAlpha(t.index(), alpha[t.index()]);
        }
      });
      writer.finish();
    }
    return new Coded(out.toByteArray(), hundredths, time.modelNanos(), time.codingNanos());
  }

  private static ColourFormat colourFormat(RgbImage image) {
    if (image.isGray()) {
      return image.hasAlpha() ? ColourFormat.GRAY_ALPHA : ColourFormat.GRAY;
    }
    return image.hasAlpha() ? ColourFormat.RGBA : ColourFormat.RGB;
  }

  @Override
  public void close() {
    if (ownsModel) {
      handle.close();
    }
  }
}
