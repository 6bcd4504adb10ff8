package org.lic4j.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.codec.TilePlan.Tile;
import org.lic4j.codec.frame.FrameCoder;

/**
 * {@link FrameCoder} over the tile coding that {@link ImageEncoder} and {@link ImageDecoder} use
 * ({@link PictureCoder}): encoding is {@code ImageEncoder}'s at a fixed quality without the
 * container, decoding {@code ImageDecoder}'s of the whole picture without alpha.
 */
final class FrameCoding implements FrameCoder {
  private final ImageModel handle;
  private final PictureCoder pictures;

  FrameCoding(ImageModel handle) {
    this.handle = handle;
    this.pictures = handle.pictures();
  }

  @Override
  public ImageModel model() {
    return handle;
  }

  @Override
  public ContainerLimits pictureLimits() {
    return handle.pictureLimits();
  }

  @Override
  public CodedPicture encode(RgbImage image, EncodeParams params) throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(params, "params");
    if (params.targetBpp() > 0) {
      throw new IllegalArgumentException("a frame is coded at a quality, not to a target size ("
          + params.targetBpp() + " bpp asked)");
    }
    pictures.requireRefinable(params, handle);
    TilePlan plan = new TilePlan(image.width(), image.height(), params.layout());
    int hundredths = params.hundredths();
    StreamHeader header = StreamHeader.builder()
        .size(image.width(), image.height())
        .colourFormat(image.isGray() ? ColourFormat.GRAY : ColourFormat.RGB)
        .bitDepth(8)
        .model(handle.id())
        .quality(hundredths)
        .tiles(plan.layout)
        .build();
    long start = System.nanoTime();
    List<float[]> latents = pictures.analyse(image, plan);
    long analysed = System.nanoTime();
    List<byte[]> tiles = new ArrayList<>(plan.tiles.size());
    PictureCoder.CodingTime time = pictures.codeTiles(image, plan, latents, hundredths, params.refineIterations(),
        (t, data) -> tiles.add(data));
    return new CodedPicture(header, tiles, analysed - start, time.modelNanos(), time.codingNanos());
  }

  @Override
  public void requireDecodable(StreamHeader picture, String resource) throws LicFormatException {
    pictures.requireDecodable(picture, resource);
  }

  @Override
  public RgbImage decode(StreamHeader picture, int hundredths, List<byte[]> tiles, Where where) throws IOException {
    return decodeTimed(picture, hundredths, tiles, where).image();
  }

  @Override
  public DecodeResult decodeTimed(StreamHeader picture, int hundredths, List<byte[]> tiles, Where where)
      throws IOException {
    long start = System.nanoTime();
    Objects.requireNonNull(picture, "picture");
    Objects.requireNonNull(tiles, "tiles");
    Objects.requireNonNull(where, "where");
    TilePlan plan = new TilePlan(picture.width(), picture.height(), picture.tiles());
    if (tiles.size() != plan.tiles.size()) {
      throw new IllegalArgumentException(tiles.size() + " tiles for a picture of " + plan.tiles.size());
    }
    List<PictureCoder.TileData> data = new ArrayList<>(tiles.size());
    for (Tile t : plan.tiles) {
      data.add(new PictureCoder.TileData(t, tiles.get(t.index()), where.context(), where.offset()));
    }
    PictureCoder.Clock clock = new PictureCoder.Clock();
    List<LatentCoder.Symbols> symbols = pictures.parse(data, where.resource(), clock, pictures.parseThreads());
    boolean gray = PictureCoder.isGray(picture.colourFormat());
    RgbImage out = pictures.synthesise(plan.tiles, symbols, plan.tiles, hundredths, gray, 0, 0, picture.width(),
        picture.height(), clock);
    return new DecodeResult(gray ? out.asGray() : out, new DecodeResult.Timings(clock.coding.get(),
        clock.entropyModel.get(), clock.synthesis.get(), System.nanoTime() - start));
  }

  /** The symbols of each tile, parsed as {@link #decode} parses them: for the codec's tests. */
  List<LatentCoder.Symbols> parseSymbols(StreamHeader picture, List<byte[]> tiles) throws IOException {
    TilePlan plan = new TilePlan(picture.width(), picture.height(), picture.tiles());
    List<PictureCoder.TileData> data = new ArrayList<>(tiles.size());
    for (Tile t : plan.tiles) {
      data.add(new PictureCoder.TileData(t, tiles.get(t.index()), "", 0));
    }
    return pictures.parse(data, "(test)", new PictureCoder.Clock(), 1);
  }
}
