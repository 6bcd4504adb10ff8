package org.lic4j.bitstream;

import java.util.Objects;
import org.lic4j.bitstream.container.HeaderRules;

/**
 * The fixed description of a stream, written once after the signature: what the picture is, which
 * model coded it at what quality, how it is tiled and, for video, where the frame sits. Build one
 * with {@link #builder()}; every range is checked here, so a header that exists can be written.
 *
 * @param mediaKind image, or a video frame
 * @param width picture width in pixels, 1..2^31-1
 * @param height picture height in pixels, 1..2^31-1
 * @param colourFormat the planes; not a reserved format
 * @param bitDepth bits per sample, 1..16
 * @param model the model that decodes the stream
 * @param quality the rate/quality parameter in hundredths, 0..10000 (0.00..100.00)
 * @param tiles the tile layout; the tile count must fit an {@code int}
 * @param frameType how the frame is predicted; {@link FrameType#INTRA} for images
 * @param frameIndex the frame's position in its video, 0..2^32-1; 0 for images
 * @param gopLength frames per group of pictures, 0 (not signalled) ..65535; 1 for images
 */
public record StreamHeader(
    MediaKind mediaKind,
    int width,
    int height,
    ColourFormat colourFormat,
    int bitDepth,
    ModelId model,
    int quality,
    TileLayout tiles,
    FrameType frameType,
    long frameIndex,
    int gopLength) {

  /** Largest {@link #quality()}: 100.00 in hundredths. */
  public static final int MAX_QUALITY = HeaderRules.MAX_QUALITY;

  /** Validates every field against the format's ranges (not against reader limits). */
  public StreamHeader {
    Objects.requireNonNull(mediaKind, "mediaKind");
    Objects.requireNonNull(colourFormat, "colourFormat");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tiles, "tiles");
    Objects.requireNonNull(frameType, "frameType");
    HeaderRules.require(HeaderRules.dimension("width", width));
    HeaderRules.require(HeaderRules.dimension("height", height));
    HeaderRules.require(HeaderRules.colourFormat(colourFormat));
    HeaderRules.require(HeaderRules.bitDepth(bitDepth));
    HeaderRules.require(HeaderRules.quality(quality));
    HeaderRules.require(HeaderRules.tileCount(tiles.tileCount(width, height)));
    HeaderRules.require(HeaderRules.frameIndex(frameIndex));
    HeaderRules.require(HeaderRules.gopLength(gopLength));
    HeaderRules.require(HeaderRules.imageFrame(mediaKind, frameType, frameIndex, gopLength));
  }

  /** A builder for an image header; set at least size, colour format, model, quality, tiles. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this header's values. */
  public Builder toBuilder() {
    return new Builder()
        .mediaKind(mediaKind)
        .size(width, height)
        .colourFormat(colourFormat)
        .bitDepth(bitDepth)
        .model(model)
        .quality(quality)
        .tiles(tiles)
        .frame(frameType, frameIndex, gopLength);
  }

  /** Number of tile columns. */
  public int tileColumns() {
    return tiles.columns(width);
  }

  /** Number of tile rows. */
  public int tileRows() {
    return tiles.rows(height);
  }

  /** Number of tiles; valid tile indices are {@code 0..tileCount()-1}. */
  public int tileCount() {
    return (int) tiles.tileCount(width, height);
  }

  /** Number of pixels, {@code width * height}. */
  public long pixelCount() {
    return (long) width * height;
  }

  /**
   * Builds a {@link StreamHeader}. Defaults: {@link MediaKind#IMAGE}, bit depth 8, an intra frame
   * with index 0 and GOP length 1. Size, colour format, model, quality and tiles have no default.
   */
  public static final class Builder {
    private MediaKind mediaKind = MediaKind.IMAGE;
    private Integer width;
    private Integer height;
    private ColourFormat colourFormat;
    private int bitDepth = 8;
    private ModelId model;
    private Integer quality;
    private TileLayout tiles;
    private FrameType frameType = FrameType.INTRA;
    private long frameIndex;
    private int gopLength = 1;

    private Builder() {}

    /** Image or video frame. */
    public Builder mediaKind(MediaKind mediaKind) {
      this.mediaKind = mediaKind;
      return this;
    }

    /** Picture size in pixels. */
    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** The planes. */
    public Builder colourFormat(ColourFormat colourFormat) {
      this.colourFormat = colourFormat;
      return this;
    }

    /** Bits per sample, 1..16. */
    public Builder bitDepth(int bitDepth) {
      this.bitDepth = bitDepth;
      return this;
    }

    /** The model that decodes the stream. */
    public Builder model(ModelId model) {
      this.model = model;
      return this;
    }

    /** The quality parameter in hundredths, 0..10000 (so 0.75 is 75). */
    public Builder quality(int hundredths) {
      this.quality = hundredths;
      return this;
    }

    /** The tile layout. */
    public Builder tiles(TileLayout tiles) {
      this.tiles = tiles;
      return this;
    }

    /** Frame type, frame index and GOP length (video; images keep the defaults). */
    public Builder frame(FrameType frameType, long frameIndex, int gopLength) {
      this.frameType = frameType;
      this.frameIndex = frameIndex;
      this.gopLength = gopLength;
      return this;
    }

    /**
     * Builds and validates the header.
     *
     * @throws IllegalStateException if a field without default was not set
     * @throws IllegalArgumentException if a field is out of range
     */
    public StreamHeader build() {
      requireSet(width, "size");
      requireSet(colourFormat, "colourFormat");
      requireSet(model, "model");
      requireSet(quality, "quality");
      requireSet(tiles, "tiles");
      return new StreamHeader(mediaKind, width, height, colourFormat, bitDepth, model, quality,
          tiles, frameType, frameIndex, gopLength);
    }

    private static void requireSet(Object value, String field) {
      if (value == null) {
        throw new IllegalStateException(field + " not set");
      }
    }
  }
}
