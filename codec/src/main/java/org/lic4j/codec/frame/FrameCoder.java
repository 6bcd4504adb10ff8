package org.lic4j.codec.frame;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.codec.DecodeResult;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;

/**
 * Codes one picture's tiles without the image container: {@link #encode} gives the tile layout
 * and each tile's data, {@link #decode} takes them back to pixels. The coding is the very code
 * behind {@link ImageEncoder} and {@link ImageDecoder} (the codec's package-private
 * {@code PictureCoder}), so a picture coded here and as an image has the same tile bytes, and
 * decodes with the same parsing (integer scale network, tiles in parallel), threads and picture
 * limits.
 *
 * <p>Opened on a loaded {@link ImageModel}, which it shares and does not close. Thread-safe.
 */
public interface FrameCoder {
  /** A coder over {@code model}, with the threads and picture size limit it was opened with. */
  static FrameCoder open(ImageModel model) {
    Objects.requireNonNull(model, "model");
    return FrameCoders.factory().open(model);
  }

  /** The model this coder codes with. */
  ImageModel model();

  /**
   * What a picture may be for this coder: the image decoder's limits on size and chunks (tiles
   * per picture), with the pixels the model's options allow.
   */
  ContainerLimits pictureLimits();

  /**
   * Codes {@code image} at {@code params}' quality and tiling, refined as they ask.
   *
   * @throws IllegalArgumentException if {@code params} asks for rate control (a target size: this
   *     coder codes at a quality) or for refinement the model cannot do
   */
  CodedPicture encode(RgbImage image, EncodeParams params) throws IOException;

  /**
   * The checks a picture header passes before any tile of it is decoded, the image decoder's:
   * 8-bit samples, this coder's model, a tiling on the codec's grid.
   *
   * @throws org.lic4j.bitstream.ModelMismatchException if the header names another model
   * @throws org.lic4j.bitstream.UnsupportedFeatureException for another bit depth or tiling
   */
  void requireDecodable(StreamHeader picture, String resource) throws LicFormatException;

  /**
   * Decodes a picture from its tiles' data, in tile order. {@code picture} gives the size, tiling
   * and planes (a GRAY picture comes back grey), {@code hundredths} the quality the tiles were
   * coded at; the header must have passed {@link #requireDecodable}. Every tile is parsed before
   * any float work, so damage is found before pixels are computed.
   *
   * @param where names the picture in a damaged tile's message and gives its offset
   * @throws org.lic4j.bitstream.CorruptStreamException if a tile's data does not parse: its reason
   *     is {@code where.context()} followed by {@code "tile i: "} and what went wrong
   * @throws IllegalArgumentException if the number of tiles is not the header's tile count
   */
  RgbImage decode(StreamHeader picture, int hundredths, List<byte[]> tiles, Where where) throws IOException;

  /**
   * {@link #decode}, with where the time went ({@link DecodeResult.Timings}: range decoding,
   * entropy model, synthesis), as {@link ImageDecoder#decodeTimed} gives it for a picture; the
   * clocks run in every decode, so this costs nothing more.
   */
  DecodeResult decodeTimed(StreamHeader picture, int hundredths, List<byte[]> tiles, Where where) throws IOException;

  /**
   * A picture's coded tiles.
   *
   * @param header the header an image stream of the picture would have: size, planes (RGB, or
   *     GRAY for a grey picture), model, quality in hundredths, tiling
   * @param tiles each tile's data in tile order: what a {@code TILE} chunk carries after its index
   * @param analysisNanos time in the analysis transform (ONNX Runtime)
   * @param modelNanos time in the entropy model: hyper analysis, integer scale network, means, and
   *     refinement when asked for (the quantisation)
   * @param codingNanos time in the entropy coder
   */
  record CodedPicture(StreamHeader header, List<byte[]> tiles, long analysisNanos, long modelNanos,
      long codingNanos) {
    /** Copies the list; the arrays are handed over. */
    public CodedPicture {
      Objects.requireNonNull(header, "header");
      tiles = List.copyOf(tiles);
    }
  }

  /**
   * Where a picture's tiles came from, for the message of a damaged one.
   *
   * @param resource the stream's name
   * @param context what comes before {@code "tile i: "} in the reason, e.g. {@code "frame 7: "}
   * @param offset the offset reported, e.g. the frame chunk's
   */
  record Where(String resource, String context, long offset) {
    /** Checks for nulls. */
    public Where {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(context, "context");
    }
  }
}
