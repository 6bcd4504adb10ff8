package org.lic4j.video.conformance;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.video.PFrameModel;

/**
 * What a conformance checker needs of the video codec beyond its API: the integers a decoder parses
 * from a P frame's tiles (motion fields, z symbols, residuals), which every conforming decoder must
 * reproduce exactly (docs/conformance.md). An intra frame's tiles are an image's, whose symbols the
 * codec's own {@code org.lic4j.codec.conformance} gives. This package is exported to {@code
 * org.lic4j.conformance} alone, so that applications see no such hook on the video API.
 *
 * <p>The video module installs its side when {@link PFrameModel}'s class is initialised (as the
 * codec's {@code ConformanceAccess} is installed by its decoder): a P-frame model that exists has
 * installed it.
 */
public final class VideoConformanceAccess {
  /** The video module's side: every tile of one P frame, parsed. */
  @FunctionalInterface
  public interface PredictedFrameParser {
    List<PredictedTileSymbols> parse(PFrameModel model, StreamHeader picture, List<byte[]> tiles, String where)
        throws IOException;
  }

  private static volatile PredictedFrameParser parser;

  private VideoConformanceAccess() {}

  /** Called once, by {@link PFrameModel}'s static initialiser; a second call fails. */
  public static synchronized void install(PredictedFrameParser videoSide) {
    if (parser != null) {
      throw new IllegalStateException("the P-frame parser is installed already");
    }
    parser = Objects.requireNonNull(videoSide, "videoSide");
  }

  /**
   * The integers of every tile of a P frame, in tile index order: block size and motion field, then
   * the residual data's z symbols and residuals (empty when the frame skips its residual). Only
   * the motion-vector coder, the P-frame model's entropy tables and its integer scale network take
   * part; no float graph runs and no reference picture is needed, so the result is the same on
   * every machine and execution provider.
   *
   * @param picture the stream header of the video (size and tiling)
   * @param tiles the frame's tile data, in tile order
   * @param where names the frame in error messages, e.g. {@code "clip.licv frame 3"}
   * @throws org.lic4j.bitstream.CorruptStreamException if a tile does not parse, as the decoder
   *     would report it
   */
  public static List<PredictedTileSymbols> predictedTiles(PFrameModel model, StreamHeader picture,
      List<byte[]> tiles, String where) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(picture, "picture");
    Objects.requireNonNull(tiles, "tiles");
    Objects.requireNonNull(where, "where");
    return parser.parse(model, picture, tiles, where);
  }
}
