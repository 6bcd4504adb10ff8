package org.lic4j.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.codec.TilePlan.Tile;
import org.lic4j.entropy.EntropyDecodingException;

/**
 * The coding of one picture's tiles, whatever container carries them: the image codec's
 * {@code TILE} chunks ({@link ImageEncoder}, {@link ImageDecoder}) and a video frame's tile data
 * ({@code org.lic4j.codec.frame.FrameCoder}) both go through here, so the two cannot code a
 * picture differently (docs/video.md, "Frame chunk": a frame's tile data is a TILE chunk's).
 *
 * <p>Encoding: analysis of each tile's window, then per quality the symbols and their coded bytes,
 * tile by tile in tile order. Decoding: every needed tile's symbols parsed first (tiles in
 * parallel, integer scale network: no float involved), then the latents reconstructed and each
 * output tile synthesised over its window. Stateless apart from the model; thread-safe.
 */
final class PictureCoder {
  private final LatentModel model;
  private final TileCodec tileCodec;
  private final LatentCoder latentCoder;
  /** Threads that parse tiles: the model's option, or one per processor when that is 0. */
  private final int parseThreads;

  PictureCoder(LatentModel model, CodecOptions options) {
    this.model = model;
    this.tileCodec = new TileCodec(model);
    this.latentCoder = new LatentCoder(model.zTables(), model.yTables());
    this.parseThreads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
  }

  LatentModel model() {
    return model;
  }

  int parseThreads() {
    return parseThreads;
  }

  // ---- encoding ----

  /** The latent (gain 1) of every tile of {@code plan}, in tile order. */
  List<float[]> analyse(RgbImage image, TilePlan plan) {
    List<float[]> latents = new ArrayList<>(plan.tiles.size());
    for (Tile t : plan.tiles) {
      latents.add(tileCodec.analyse(image, t));
    }
    return latents;
  }

  /** The latent (gain 1) of tile {@code t} of {@code image}: one step of {@link #analyse(RgbImage, TilePlan)}. */
  float[] analyse(RgbImage image, Tile t) {
    return tileCodec.analyse(image, t);
  }

  /** Receives each tile's coded data, in tile order. */
  @FunctionalInterface
  interface TileSink {
    void accept(Tile tile, byte[] data) throws IOException;
  }

  /** Where the time of {@link #codeTiles} went, in nanoseconds. */
  record CodingTime(long modelNanos, long codingNanos) {}

  /**
   * Codes every tile's latent at quality {@code hundredths} (refined for {@code refine} steps when
   * above 0) and hands the bytes to {@code sink} tile by tile: what a {@code TILE} chunk carries
   * after its tile index.
   */
  CodingTime codeTiles(RgbImage image, TilePlan plan, List<float[]> latents, int hundredths, int refine,
      TileSink sink) throws IOException {
    double q = EncodeParams.position(hundredths, model.qualityLevels());
    long modelNanos = 0;
    long codingNanos = 0;
    for (Tile t : plan.tiles) {
      long t0 = System.nanoTime();
      float[] pixels = refine > 0 ? TileCodec.pixels(image, t.x0(), t.y0(), t.width(), t.height()) : null;
      TileCodec.Quantised quantised = tileCodec.quantise(latents.get(t.index()), t.latentHeight(), t.latentWidth(),
          q, pixels, refine);
      long t1 = System.nanoTime();
      sink.accept(t, latentCoder.encode(quantised.symbols()));
      codingNanos += System.nanoTime() - t1;
      modelNanos += t1 - t0;
    }
    return new CodingTime(modelNanos, codingNanos);
  }

  /** Refuses refinement with a model that has no refinement graph. */
  void requireRefinable(EncodeParams params, Object modelName) {
    if (params.refineIterations() > 0 && !model.canRefine()) {
      throw new IllegalArgumentException("model " + modelName + " has no latent refinement graph (refine.onnx):"
          + " encode without refinement");
    }
  }

  // ---- decoding ----

  /**
   * The checks a picture header must pass before any tile is decoded: 8 bits, this coder's model,
   * a tiling on the codec's grid.
   */
  void requireDecodable(StreamHeader h, String resource) throws LicFormatException {
    if (h.bitDepth() != 8) {
      throw new UnsupportedFeatureException("bit depth " + h.bitDepth() + " is not supported (8 only)",
          LicFormatException.NO_OFFSET, resource);
    }
    if (!h.model().equals(model.id())) {
      throw new ModelMismatchException(resource, h.model().name(), h.model().sha256Hex(),
          model.id().name(), model.id().sha256Hex());
    }
    TileLayoutCheck.require(h, resource);
  }

  /** Time spent per part, summed over tiles (which may parse on several threads). */
  static final class Clock {
    final AtomicLong coding = new AtomicLong();
    final AtomicLong entropyModel = new AtomicLong();
    final AtomicLong synthesis = new AtomicLong();
  }

  /**
   * One tile's coded data and where a fault in it is reported.
   *
   * @param context prefixes the reason of a fault, e.g. {@code "frame 7: "}; empty for an image
   * @param offset the stream offset a fault is reported at
   */
  record TileData(Tile tile, byte[] data, String context, long offset) {}

  /** Parses the symbols of {@code tiles}, in parallel on up to {@code threads} threads. */
  List<LatentCoder.Symbols> parse(List<TileData> tiles, String resource, Clock clock, int threads)
      throws IOException {
    List<LatentCoder.Symbols> out = new ArrayList<>(tiles.size());
    if (threads <= 1 || tiles.size() == 1) {
      for (TileData t : tiles) {
        out.add(parseTile(t, resource, clock));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tiles.size()));
    try {
      List<Future<LatentCoder.Symbols>> futures = new ArrayList<>();
      for (TileData t : tiles) {
        futures.add(pool.submit(() -> parseTile(t, resource, clock)));
      }
      for (Future<LatentCoder.Symbols> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while decoding " + resource, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private LatentCoder.Symbols parseTile(TileData in, String resource, Clock clock) throws CorruptStreamException {
    Tile t = in.tile();
    int zh = t.latentHeight() / 4;
    int zw = t.latentWidth() / 4;
    long start = System.nanoTime();
    long[] scaleNanos = new long[1];
    try {
      return latentCoder.decode(in.data(), model.hyperChannels(), zh, zw, model.latentChannels(), z -> {
        long s0 = System.nanoTime();
        int[] idx = model.scaleIndex(z, zh, zw);
        scaleNanos[0] = System.nanoTime() - s0;
        return idx;
      });
    } catch (EntropyDecodingException e) {
      throw new CorruptStreamException(in.context() + "tile " + t.index() + ": " + e.getMessage(), in.offset(),
          resource, e);
    } finally {
      // The scale network runs between the z and the y symbols: the rest is the range decoder.
      clock.entropyModel.addAndGet(scaleNanos[0]);
      clock.coding.addAndGet(System.nanoTime() - start - scaleNanos[0]);
    }
  }

  /**
   * The tiles whose latents synthesising {@code output} needs: synthesis windows reach into
   * neighbours.
   */
  static List<Tile> neededFor(TilePlan plan, List<Tile> output) {
    List<Tile> needed = new ArrayList<>();
    for (Tile t : output) {
      for (Tile n : plan.tilesMeeting(t.wx0(), t.wy0(), t.wx1(), t.wy1())) {
        if (!needed.contains(n)) {
          needed.add(n);
        }
      }
    }
    return needed;
  }

  /**
   * Reconstructs the latents of {@code needed} from their {@code symbols} and synthesises the
   * pixel region {@code [rx, rx + rw) x [ry, ry + rh)} of the {@code output} tiles at quality
   * {@code hundredths}. The result is {@code rw x rh}, without alpha; a {@code gray} picture has
   * R = G = B but is not yet marked grey ({@link RgbImage#asGray()} is the caller's).
   */
  RgbImage synthesise(List<Tile> needed, List<LatentCoder.Symbols> symbols, List<Tile> output, int hundredths,
      boolean gray, int rx, int ry, int rw, int rh, Clock clock) {
    // Each tile's latent is reconstructed as it is placed, so that only the placed copy is held.
    return synthesise(needed, i -> tileCodec.reconstruct(symbols.get(i)), output, hundredths, gray, rx, ry, rw, rh,
        clock, tile -> { });
  }

  /** The reconstructed latent (gained domain) of one tile from its parsed symbols. */
  float[] reconstruct(LatentCoder.Symbols symbols) {
    return tileCodec.reconstruct(symbols);
  }

  /** Told of each output tile once it is synthesised; it may stop the work by throwing. */
  @FunctionalInterface
  interface TileDone {
    void tileDone(Tile tile);
  }

  /**
   * As {@link #synthesise(List, List, List, int, boolean, int, int, int, int, Clock)}, with the
   * latent of {@code needed.get(i)} from {@code latents.apply(i)} (reconstructed there, or kept by
   * a caller that decodes a picture part by part), telling {@code done} of each output tile as it
   * is finished: for progress, and so that an abort takes effect between tiles.
   */
  RgbImage synthesise(List<Tile> needed, IntFunction<float[]> latents, List<Tile> output, int hundredths,
      boolean gray, int rx, int ry, int rw, int rh, Clock clock, TileDone done) {
    double q = EncodeParams.position(hundredths, model.qualityLevels());
    // Buffers hold the region and the latent of the tiles it needs, not the whole picture: a
    // small region of a large picture costs memory in proportion to the region.
    int step = TilePlan.LATENT_STEP;
    int ly0 = Integer.MAX_VALUE;
    int lx0 = Integer.MAX_VALUE;
    int ly1 = 0;
    int lx1 = 0;
    for (Tile t : needed) {
      ly0 = Math.min(ly0, t.y0() / step);
      lx0 = Math.min(lx0, t.x0() / step);
      ly1 = Math.max(ly1, t.y1() / step);
      lx1 = Math.max(lx1, t.x1() / step);
    }
    int m = model.latentChannels();
    int lh = ly1 - ly0;
    int lw = lx1 - lx0;
    float[] latent = new float[Math.multiplyExact(Math.multiplyExact(m, lh), lw)];
    long t0 = System.nanoTime();
    for (int i = 0; i < needed.size(); i++) {
      TileCodec.place(latent, m, lh, lw, ly0, lx0, needed.get(i), latents.apply(i));
    }
    clock.entropyModel.addAndGet(System.nanoTime() - t0);
    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(rw, rh), 3)];
    long t1 = System.nanoTime();
    for (Tile t : output) {
      tileCodec.synthesise(latent, lh, lw, ly0, lx0, t, q, gray, rgb, rx, ry, rw, rh);
      done.tileDone(t);
    }
    clock.synthesis.addAndGet(System.nanoTime() - t1);
    return RgbImage.ofRgb(rw, rh, rgb);
  }

  /** Whether a header's planes are grey (with or without alpha). */
  static boolean isGray(ColourFormat format) {
    return format == ColourFormat.GRAY || format == ColourFormat.GRAY_ALPHA;
  }
}
