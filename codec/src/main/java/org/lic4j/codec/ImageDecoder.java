package org.lic4j.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.TilePlan.Tile;
import org.lic4j.codec.conformance.ConformanceAccess;
import org.lic4j.codec.conformance.TileSymbols;
import org.lic4j.entropy.EntropyDecodingException;

/**
 * Decodes lic4j streams. Build once with {@link #open(ImageModel)} (or {@link #open(CodecOptions)},
 * which loads a model of its own) and reuse; thread-safe.
 *
 * <p>Decoding parses every tile's symbols first (tiles in parallel, with the integer scale
 * network: no float is involved), then reconstructs the latents and synthesises each tile over a
 * window that reaches into its neighbours. A region decodes only the tiles it needs.
 */
public final class ImageDecoder implements AutoCloseable {
  static {
    // The conformance checker's view of the parsed symbols (no public method here: see
    // ConformanceAccess).
    ConformanceAccess.install(ImageDecoder::tileSymbols);
  }

  private final ImageModel handle;
  /** Whether {@link #close()} closes the model: only one the decoder opened itself. */
  private final boolean ownsModel;
  private final LatentModel model;
  private final TileCodec tileCodec;
  private final LatentCoder latentCoder;
  private final CodecOptions options;
  private final ContainerLimits limits;

  private ImageDecoder(ImageModel handle, boolean ownsModel) {
    this.handle = handle;
    this.ownsModel = ownsModel;
    this.model = handle.latent();
    this.options = handle.options();
    this.tileCodec = new TileCodec(model);
    this.latentCoder = new LatentCoder(model.zTables(), model.yTables());
    this.limits = ContainerLimits.DEFAULT.withMaxPixels(options.maxPixels());
  }

  /** A decoder over a model built in memory (tests), with {@code options}' limits; closing it closes the model. */
  ImageDecoder(LatentModel model, CodecOptions options) {
    this(ImageModel.of(model, options), true);
  }

  /**
   * A decoder over a loaded model, which it shares (closing the decoder leaves it open), with the
   * threads and picture size limit the model was opened with.
   */
  public static ImageDecoder open(ImageModel model) {
    return new ImageDecoder(model, false);
  }

  /** A decoder with a model of its own, the one {@code options} names; closing it closes the model. */
  public static ImageDecoder open(CodecOptions options) throws IOException {
    return new ImageDecoder(ImageModel.open(options), true);
  }

  /** The model this decoder reads streams of. */
  public ImageModel model() {
    return handle;
  }

  /** Decodes the stream in {@code file}; errors name the file. */
  public RgbImage decode(Path file) throws IOException {
    return decode(Files.readAllBytes(file), file.toString());
  }

  /** Decodes a whole stream; {@code resource} names it in error messages. */
  public RgbImage decode(byte[] stream, String resource) throws IOException {
    return decodeTimed(stream, resource).image();
  }

  /**
   * As {@link #decode(byte[], String)}, with where the time went: the diagnostics that
   * {@link ImageEncoder#encode(RgbImage, EncodeParams)} reports in {@link EncodeResult#timings()},
   * for benchmarks. Measuring costs a few clock reads per tile.
   */
  public DecodeResult decodeTimed(byte[] stream, String resource) throws IOException {
    long start = System.nanoTime();
    Clock clock = new Clock();
    ContainerReader reader = open(stream, resource);
    StreamHeader h = reader.header();
    RgbImage image = decodeRegion(reader, 0, 0, h.width(), h.height(), clock);
    return new DecodeResult(image, new DecodeResult.Timings(clock.coding.get(), clock.entropyModel.get(),
        clock.synthesis.get(), System.nanoTime() - start));
  }

  /** Time spent per part, summed over tiles (which may parse on several threads). */
  private static final class Clock {
    final AtomicLong coding = new AtomicLong();
    final AtomicLong entropyModel = new AtomicLong();
    final AtomicLong synthesis = new AtomicLong();
  }

  /**
   * Decodes the pixel rectangle {@code [x, x+w) x [y, y+h)} of a stream, touching only the tiles it
   * needs. The result is a picture of {@code w x h}.
   */
  public RgbImage decodeRegion(byte[] stream, String resource, int x, int y, int w, int h) throws IOException {
    ContainerReader reader = open(stream, resource);
    StreamHeader header = reader.header();
    if (x < 0 || y < 0 || w < 1 || h < 1 || (long) x + w > header.width() || (long) y + h > header.height()) {
      throw new IllegalArgumentException("region " + w + "x" + h + "+" + x + "+" + y + " is not inside the "
          + header.width() + "x" + header.height() + " picture");
    }
    return decodeRegion(reader, x, y, w, h, new Clock());
  }

  /**
   * The parsed symbols of every tile of a stream, in tile order, parsed on {@code parseThreads}
   * threads (1: in sequence). Only the container, the entropy tables and the integer scale network
   * are used: no float graph runs. For the determinism tests.
   */
  List<LatentCoder.Symbols> parseSymbols(byte[] stream, String resource, int parseThreads) throws IOException {
    ContainerReader reader = open(stream, resource);
    StreamHeader h = reader.header();
    TilePlan plan = new TilePlan(h.width(), h.height(), h.tiles());
    return parse(reader, plan.tilesCovering(0, 0, h.width(), h.height()), new Clock(), parseThreads);
  }

  /**
   * The integer latents of every tile of a stream, in tile index order: z symbols, residuals and
   * scale indexes. Only the container, the entropy tables and the integer scale network take part;
   * no float graph runs, so the result is the same on every machine and execution provider. For
   * conformance checks, through {@link ConformanceAccess#tileSymbols}.
   */
  private static List<TileSymbols> tileSymbols(ImageDecoder decoder, byte[] stream, String resource)
      throws IOException {
    return decoder.parse(stream, resource);
  }

  List<TileSymbols> parse(byte[] stream, String resource) throws IOException {
    ContainerReader reader = open(stream, resource);
    StreamHeader h = reader.header();
    TilePlan plan = new TilePlan(h.width(), h.height(), h.tiles());
    List<Tile> tiles = plan.tilesCovering(0, 0, h.width(), h.height());
    int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    List<LatentCoder.Symbols> symbols = parse(reader, tiles, new Clock(), threads);
    List<TileSymbols> out = new ArrayList<>(tiles.size());
    for (int i = 0; i < tiles.size(); i++) {
      LatentCoder.Symbols s = symbols.get(i);
      out.add(new TileSymbols(tiles.get(i).index(), s.cz(), s.zh(), s.zw(), s.z(), s.m(), s.yh(), s.yw(),
          s.residual(), s.scaleIndex()));
    }
    return out;
  }

  /** Reads and checks the container and header: the model must be this decoder's. */
  private ContainerReader open(byte[] stream, String resource) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, resource, limits);
    StreamHeader h = reader.header();
    if (h.mediaKind() != MediaKind.IMAGE) {
      throw new UnsupportedFeatureException("a " + h.mediaKind() + " stream; this decoder reads images",
          LicFormatException.NO_OFFSET, resource);
    }
    if (h.bitDepth() != 8) {
      throw new UnsupportedFeatureException("bit depth " + h.bitDepth() + " is not supported (8 only)",
          LicFormatException.NO_OFFSET, resource);
    }
    if (!h.model().equals(model.id())) {
      throw new ModelMismatchException(resource, h.model().name(), h.model().sha256Hex(),
          model.id().name(), model.id().sha256Hex());
    }
    TileLayoutCheck.require(h, resource);
    return reader;
  }

  private RgbImage decodeRegion(ContainerReader reader, int rx, int ry, int rw, int rh, Clock clock)
      throws IOException {
    StreamHeader h = reader.header();
    String resource = reader.resource();
    TilePlan plan = new TilePlan(h.width(), h.height(), h.tiles());
    double q = EncodeParams.position(h.quality(), model.qualityLevels());
    List<Tile> output = plan.tilesCovering(rx, ry, rx + rw, ry + rh);
    // Synthesis windows reach into neighbours: their latents are needed too.
    List<Tile> needed = new ArrayList<>();
    for (Tile t : output) {
      for (Tile n : plan.tilesMeeting(t.wx0(), t.wy0(), t.wx1(), t.wy1())) {
        if (!needed.contains(n)) {
          needed.add(n);
        }
      }
    }
    // Everything that can be damaged is read before any float work: symbols, then alpha.
    int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    List<LatentCoder.Symbols> symbols = parse(reader, needed, clock, threads);
    int w = h.width();
    int ht = h.height();
    // Buffers hold the region and the latent of the tiles it needs, not the whole picture: a
    // small region of a large picture costs memory in proportion to the region.
    int regionSamples = Math.multiplyExact(rw, rh);
    byte[] alpha = null;
    if (h.colourFormat().hasAlpha()) {
      alpha = new byte[regionSamples];
      for (Tile t : output) {
        ChunkEntry entry = reader.alpha(t.index()).orElseThrow(() ->
            new CorruptStreamException("alpha of tile " + t.index() + " is missing", reader.length(), resource));
        try {
          AlphaPlane.decode(reader.readData(entry), t, w, ht, alpha, rx, ry, rw, rh);
        } catch (DataFormatException e) {
          throw new CorruptStreamException("bad alpha data: " + e.getMessage(), entry.offset(), resource, e);
        }
      }
    }
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
      TileCodec.place(latent, m, lh, lw, ly0, lx0, needed.get(i), tileCodec.reconstruct(symbols.get(i)));
    }
    clock.entropyModel.addAndGet(System.nanoTime() - t0);
    boolean gray = h.colourFormat() == ColourFormat.GRAY || h.colourFormat() == ColourFormat.GRAY_ALPHA;
    byte[] rgb = new byte[Math.multiplyExact(regionSamples, 3)];
    long t1 = System.nanoTime();
    for (Tile t : output) {
      tileCodec.synthesise(latent, lh, lw, ly0, lx0, t, q, gray, rgb, rx, ry, rw, rh);
    }
    clock.synthesis.addAndGet(System.nanoTime() - t1);
    RgbImage out = RgbImage.ofRgb(rw, rh, rgb);
    if (alpha != null) {
      out = out.withAlpha(alpha);
    }
    return gray ? out.asGray() : out;
  }

  /** Parses the symbols of {@code tiles}, in parallel when threads allow. */
  private List<LatentCoder.Symbols> parse(ContainerReader reader, List<Tile> tiles, Clock clock, int threads)
      throws IOException {
    int m = model.latentChannels();
    int cz = model.hyperChannels();
    List<byte[]> data = new ArrayList<>(tiles.size());
    List<ChunkEntry> entries = new ArrayList<>(tiles.size());
    for (Tile t : tiles) {
      ChunkEntry entry = reader.tile(t.index()).orElseThrow(() ->
          new CorruptStreamException("tile " + t.index() + " is missing", reader.length(), reader.resource()));
      entries.add(entry);
      data.add(reader.readData(entry));
    }
    List<LatentCoder.Symbols> out = new ArrayList<>(tiles.size());
    if (threads <= 1 || tiles.size() == 1) {
      for (int i = 0; i < tiles.size(); i++) {
        out.add(parseTile(reader, entries.get(i), tiles.get(i), data.get(i), m, cz, clock));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tiles.size()));
    try {
      List<Future<LatentCoder.Symbols>> futures = new ArrayList<>();
      for (int i = 0; i < tiles.size(); i++) {
        int k = i;
        futures.add(pool.submit(() -> parseTile(reader, entries.get(k), tiles.get(k), data.get(k), m, cz, clock)));
      }
      for (Future<LatentCoder.Symbols> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while decoding " + reader.resource(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private LatentCoder.Symbols parseTile(ContainerReader reader, ChunkEntry entry, Tile t, byte[] data, int m, int cz,
      Clock clock) throws CorruptStreamException {
    int zh = t.latentHeight() / 4;
    int zw = t.latentWidth() / 4;
    long start = System.nanoTime();
    long[] scaleNanos = new long[1];
    try {
      return latentCoder.decode(data, cz, zh, zw, m, z -> {
        long s0 = System.nanoTime();
        int[] idx = model.scaleIndex(z, zh, zw);
        scaleNanos[0] = System.nanoTime() - s0;
        return idx;
      });
    } catch (EntropyDecodingException e) {
      throw new CorruptStreamException("tile " + t.index() + ": " + e.getMessage(),
          entry.payloadOffset() + entry.prefixLength(), reader.resource(), e);
    } finally {
      // The scale network runs between the z and the y symbols: the rest is the range decoder.
      clock.entropyModel.addAndGet(scaleNanos[0]);
      clock.coding.addAndGet(System.nanoTime() - start - scaleNanos[0]);
    }
  }

  @Override
  public void close() {
    if (ownsModel) {
      handle.close();
    }
  }
}
