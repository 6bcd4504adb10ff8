package org.lic4j.codec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.codec.TilePlan.Tile;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.FrameCoders;
import org.lic4j.codec.frame.PredictedFrameCoder;
import org.lic4j.codec.frame.PredictionModel;
import org.lic4j.transforms.ModelBundle;

/**
 * {@link PredictedFrameCoder} over the image codec's tile steps ({@link TileCodec}) with the
 * P-frame model's conditioned graphs ({@link PredictionGraphs}): per tile, the prediction over the
 * tile's window gives features f2, f4, f16; the analysis of the window (given the prediction and
 * f4) is cropped to the tile's latent as the image codec crops it; the latent is coded as an
 * image tile's, with the hyper mean conditioned on f16 over the tile's own latent area; synthesis
 * runs over each tile's window of the whole latent with that window's f4 and f2 (and, for a model
 * whose synthesis takes it, the window's prediction itself, docs/models.md). Parsing is
 * {@link PictureCoder}'s: the same tile syntax, tables from z alone, tiles in parallel.
 */
final class PredictionCoding implements PredictedFrameCoder {
  /** f2, f4, f16 in the prediction features graph's output. */
  private static final int F2 = 0;
  private static final int F4 = 1;
  private static final int F16 = 2;

  private final PredictionModel handle;
  private final Models.BundleModel model;
  private final TileCodec tileCodec;
  private final LatentCoder latentCoder;
  private final PictureCoder pictures;

  private PredictionCoding(PredictionModel handle, LoadedBundle loaded) {
    this.handle = handle;
    this.model = loaded.model;
    this.tileCodec = new TileCodec(model);
    this.latentCoder = new LatentCoder(model.zTables(), model.yTables());
    this.pictures = new PictureCoder(model, loaded.options);
  }

  /** The codec's side, installed in {@link FrameCoders} by {@link ImageModel}. */
  static final class Side implements FrameCoders.PredictionFactory {
    @Override
    public PredictionModel.Loaded load(Path folder, CodecOptions options) throws IOException {
      ModelBundle bundle = folder != null ? ModelBundle.load(folder)
          : ModelBundle.fromClasspath(PredictionModel.DEFAULT_RESOURCE);
      String source = folder != null ? folder.toString() : "(class path: " + PredictionModel.DEFAULT_RESOURCE + ")";
      Models.requireKind(bundle, ModelBundle.Kind.PFRAME, source);
      return new LoadedBundle(Models.open(bundle, options), options, source);
    }

    @Override
    public PredictedFrameCoder open(PredictionModel model, PredictionModel.Loaded loaded) {
      if (!(loaded instanceof LoadedBundle ours)) {
        throw new IllegalArgumentException("not a P-frame model the codec loaded: " + model);
      }
      return new PredictionCoding(model, ours);
    }
  }

  /** A loaded P-frame bundle. */
  private static final class LoadedBundle implements PredictionModel.Loaded {
    final Models.BundleModel model;
    final CodecOptions options;
    final String source;

    LoadedBundle(Models.BundleModel model, CodecOptions options, String source) {
      this.model = model;
      this.options = options;
      this.source = source;
    }

    @Override
    public ModelId id() {
      return model.id();
    }

    @Override
    public int qualityLevels() {
      return model.qualityLevels();
    }

    @Override
    public long trainingSteps() {
      return model.bundle().trainingSteps();
    }

    @Override
    public double lambda(int hundredths) {
      return model.lambda(EncodeParams.position(hundredths, model.qualityLevels()));
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public CodecOptions options() {
      return options;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  @Override
  public PredictionModel model() {
    return handle;
  }

  @Override
  public List<int[]> tileAreas(StreamHeader picture) {
    TilePlan plan = plan(picture);
    List<int[]> areas = new ArrayList<>(plan.tiles.size());
    for (Tile t : plan.tiles) {
      areas.add(new int[] {t.x0(), t.y0(), t.x1(), t.y1()});
    }
    return areas;
  }

  /** The prediction over a tile's window (3 x window, in [0, 1]) and its features f2, f4, f16. */
  private record Window(float[] pred, float[][] features) {}

  private Window window(RgbImage prediction, Tile t) {
    float[] pred = TileCodec.pixels(prediction, t.wx0(), t.wy0(), t.windowWidth(), t.windowHeight());
    return new Window(pred, model.predictionFeatures(pred, t.windowHeight(), t.windowWidth()));
  }

  /** The conditioned hyper mean of tile {@code t}: f16 over the tile's own latent area. */
  private TileCodec.HyperMean hyperMean(Window w, Tile t) {
    float[] f16 = TileCodec.toTile(w.features()[F16], model.featureChannels()[F16], t);
    return (zHat, zh, zw) -> model.predictedHyperMean(zHat, f16, zh, zw);
  }

  private TileCodec.WindowSynthesis synthesis(Window w, float[] invGain) {
    // The window's prediction, edge-replicated as f2 and f4 saw it: a synthesis with the
    // full-resolution path adds to it, the others leave it.
    return (latent, wlh, wlw) -> model.predictedSynthesis(latent, wlh, wlw, invGain, w.features()[F4],
        w.features()[F2], w.pred());
  }

  /** A tile's latent (gain 1) from the conditioned analysis of its window. */
  private float[] analyse(RgbImage image, Window w, Tile t) {
    float[] x = TileCodec.pixels(image, t.wx0(), t.wy0(), t.windowWidth(), t.windowHeight());
    float[] y = model.predictedAnalysis(x, w.pred(), w.features()[F4], t.windowHeight(), t.windowWidth());
    return TileCodec.toTile(y, model.latentChannels(), t);
  }

  @Override
  public Coded encode(RgbImage image, RgbImage prediction, StreamHeader picture, int hundredths) throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(prediction, "prediction");
    requireSize(image, picture, "image");
    requireSize(prediction, picture, "prediction");
    TilePlan plan = plan(picture);
    double q = position(hundredths);
    long analysisNanos = 0;
    long modelNanos = 0;
    long codingNanos = 0;
    List<byte[]> tiles = new ArrayList<>(plan.tiles.size());
    List<Window> windows = new ArrayList<>(plan.tiles.size());
    List<float[]> latents = new ArrayList<>(plan.tiles.size());
    for (Tile t : plan.tiles) {
      long t0 = System.nanoTime();
      Window w = window(prediction, t);
      float[] y = analyse(image, w, t);
      long t1 = System.nanoTime();
      TileCodec.Quantised quantised = tileCodec.quantise(y, t.latentHeight(), t.latentWidth(), q, null, 0,
          hyperMean(w, t));
      long t2 = System.nanoTime();
      tiles.add(latentCoder.encode(quantised.symbols()));
      analysisNanos += t1 - t0;
      modelNanos += t2 - t1;
      codingNanos += System.nanoTime() - t2;
      windows.add(w);
      latents.add(quantised.yHat());
    }
    long s0 = System.nanoTime();
    RgbImage reconstruction = synthesise(plan, latents, windows, q, picture);
    modelNanos += System.nanoTime() - s0;
    return new Coded(tiles, reconstruction, analysisNanos, modelNanos, codingNanos);
  }

  @Override
  public RgbImage decode(StreamHeader picture, int hundredths, List<byte[]> tiles, RgbImage prediction,
      FrameCoder.Where where) throws IOException {
    Objects.requireNonNull(prediction, "prediction");
    requireSize(prediction, picture, "prediction");
    double q = position(hundredths);
    TilePlan plan = plan(picture);
    List<LatentCoder.Symbols> symbols = parseSymbols(plan, tiles, where);
    List<Window> windows = new ArrayList<>(plan.tiles.size());
    List<float[]> latents = new ArrayList<>(plan.tiles.size());
    for (Tile t : plan.tiles) {
      Window w = window(prediction, t);
      windows.add(w);
      latents.add(tileCodec.reconstruct(symbols.get(t.index()), hyperMean(w, t)));
    }
    return synthesise(plan, latents, windows, q, picture);
  }

  @Override
  public List<int[][]> parse(StreamHeader picture, List<byte[]> tiles, FrameCoder.Where where) throws IOException {
    List<int[][]> out = new ArrayList<>(tiles.size());
    for (LatentCoder.Symbols s : parseSymbols(plan(picture), tiles, where)) {
      out.add(new int[][] {s.z(), s.residual()});
    }
    return out;
  }

  private List<LatentCoder.Symbols> parseSymbols(TilePlan plan, List<byte[]> tiles, FrameCoder.Where where)
      throws IOException {
    Objects.requireNonNull(tiles, "tiles");
    Objects.requireNonNull(where, "where");
    if (tiles.size() != plan.tiles.size()) {
      throw new IllegalArgumentException(tiles.size() + " tiles for a picture of " + plan.tiles.size());
    }
    List<PictureCoder.TileData> data = new ArrayList<>(tiles.size());
    for (Tile t : plan.tiles) {
      data.add(new PictureCoder.TileData(t, tiles.get(t.index()), where.context(), where.offset()));
    }
    return pictures.parse(data, where.resource(), new PictureCoder.Clock(), pictures.parseThreads());
  }

  /** Every tile's latent placed in the whole latent, then each tile synthesised over its window. */
  private RgbImage synthesise(TilePlan plan, List<float[]> latents, List<Window> windows, double q,
      StreamHeader picture) {
    int m = model.latentChannels();
    int lh = plan.latentHeight();
    int lw = plan.latentWidth();
    float[] latent = new float[Math.multiplyExact(Math.multiplyExact(m, lh), lw)];
    for (Tile t : plan.tiles) {
      TileCodec.place(latent, m, lh, lw, 0, 0, t, latents.get(t.index()));
    }
    int w = picture.width();
    int h = picture.height();
    boolean grey = PictureCoder.isGray(picture.colourFormat());
    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    float[] invGain = model.inverseGain(q);
    for (Tile t : plan.tiles) {
      tileCodec.synthesise(latent, lh, lw, 0, 0, t, synthesis(windows.get(t.index()), invGain), grey, rgb, 0, 0, w, h);
    }
    RgbImage out = RgbImage.ofRgb(w, h, rgb);
    return grey ? out.asGray() : out;
  }

  /** The latent coder's model (for the codec's tests). */
  LatentModel latentModel() {
    return model;
  }

  /** Tile {@code index}'s reconstructed latent (gained domain) from its symbols (for the codec's tests). */
  float[] reconstruct(StreamHeader picture, int index, LatentCoder.Symbols symbols, RgbImage prediction) {
    Tile t = plan(picture).tiles.get(index);
    return tileCodec.reconstruct(symbols, hyperMean(window(prediction, t), t));
  }

  private double position(int hundredths) {
    if (hundredths < 0 || hundredths > 10000) {
      throw new IllegalArgumentException("quality " + hundredths + " hundredths outside 0..10000");
    }
    return EncodeParams.position(hundredths, model.qualityLevels());
  }

  private static TilePlan plan(StreamHeader picture) {
    Objects.requireNonNull(picture, "picture");
    return new TilePlan(picture.width(), picture.height(), picture.tiles());
  }

  private static void requireSize(RgbImage image, StreamHeader picture, String what) {
    if (image.width() != picture.width() || image.height() != picture.height()) {
      throw new IllegalArgumentException("the " + what + " is " + image.width() + "x" + image.height()
          + ", the picture " + picture.width() + "x" + picture.height());
    }
  }
}
