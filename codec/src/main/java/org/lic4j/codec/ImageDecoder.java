package org.lic4j.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.TilePlan.Tile;
import org.lic4j.codec.conformance.ConformanceAccess;
import org.lic4j.codec.conformance.TileSymbols;

/**
 * Decodes lic4j streams. Build once with {@link #open(ImageModel)} (or {@link #open(CodecOptions)},
 * which loads a model of its own) and reuse; thread-safe.
 *
 * <p>Decoding parses every tile's symbols first (tiles in parallel, with the integer scale
 * network: no float is involved), then reconstructs the latents and synthesises each tile over a
 * window that reaches into its neighbours. A region decodes only the tiles it needs; {@link
 * #tiles(byte[], String)} decodes part by part, with progress per tile.
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
  /** The tile coding, shared with video frames. */
  private final PictureCoder pictures;
  private final ContainerLimits limits;

  private ImageDecoder(ImageModel handle, boolean ownsModel) {
    this.handle = handle;
    this.ownsModel = ownsModel;
    this.pictures = handle.pictures();
    this.limits = handle.pictureLimits();
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
    PictureCoder.Clock clock = new PictureCoder.Clock();
    ContainerReader reader = open(stream, resource);
    StreamHeader h = reader.header();
    RgbImage image = new PictureTiles(pictures, reader).decode(0, 0, h.width(), h.height(), clock, TileProgress.NONE);
    return new DecodeResult(image, new DecodeResult.Timings(clock.coding.get(), clock.entropyModel.get(),
        clock.synthesis.get(), System.nanoTime() - start));
  }

  /**
   * Decodes the pixel rectangle {@code [x, x+w) x [y, y+h)} of a stream, touching only the tiles it
   * needs. The result is a picture of {@code w x h}.
   */
  public RgbImage decodeRegion(byte[] stream, String resource, int x, int y, int w, int h) throws IOException {
    return tiles(stream, resource).decode(x, y, w, h);
  }

  /**
   * Opens a whole stream, checking its container (every checksum) and header, for decoding part by
   * part: regions, tiles, bands of a large picture in bounded memory, with progress per tile.
   */
  public PictureTiles tiles(byte[] stream, String resource) throws IOException {
    return new PictureTiles(pictures, open(stream, resource));
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
    return parse(pictures, reader, plan.tilesCovering(0, 0, h.width(), h.height()), new PictureCoder.Clock(),
        parseThreads);
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
    List<LatentCoder.Symbols> symbols = parse(pictures, reader, tiles, new PictureCoder.Clock(),
        pictures.parseThreads());
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
    pictures.requireDecodable(h, resource);
    return reader;
  }

  /** Reads the TILE chunks of {@code tiles} and parses their symbols, in parallel when threads allow. */
  static List<LatentCoder.Symbols> parse(PictureCoder pictures, ContainerReader reader, List<Tile> tiles,
      PictureCoder.Clock clock, int threads) throws IOException {
    List<PictureCoder.TileData> data = new ArrayList<>(tiles.size());
    for (Tile t : tiles) {
      ChunkEntry entry = reader.tile(t.index()).orElseThrow(() ->
          new CorruptStreamException("tile " + t.index() + " is missing", reader.length(), reader.resource()));
      data.add(new PictureCoder.TileData(t, reader.readData(entry), "",
          entry.payloadOffset() + entry.prefixLength()));
    }
    return pictures.parse(data, reader.resource(), clock, threads);
  }

  @Override
  public void close() {
    if (ownsModel) {
      handle.close();
    }
  }
}
