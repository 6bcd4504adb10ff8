package org.lic4j.codec.frame;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.codec.RgbImage;

/**
 * Codes a picture given its prediction (a P-frame's tiles) with a {@link PredictionModel}. The
 * tile data is exactly the image tile data (docs/bitstream.md 10.4: {@code u32 zLength, ZStream,
 * YStream}, the tables from the integer scale network of z alone), so parsing never depends on
 * pixels; the prediction only shapes means and reconstruction. Each tile sees the prediction over
 * its window (edge-replicated beyond the picture) through the model's prediction features.
 *
 * <p>Shares the model and does not close it. Thread-safe.
 */
public interface PredictedFrameCoder {
  /** A coder over {@code model}, with the threads it was opened with. */
  static PredictedFrameCoder open(PredictionModel model) {
    Objects.requireNonNull(model, "model");
    return FrameCoders.predictionSide().open(model, model.loaded());
  }

  /** The model this coder codes with. */
  PredictionModel model();

  /**
   * Each tile's own area {x0, y0, x1, y1} in tile order, for the tiling of {@code picture} (the
   * same tile plan the image codec uses for that header). The areas partition the picture padded
   * to multiples of 64: clip x1, y1 to the picture's size.
   */
  List<int[]> tileAreas(StreamHeader picture);

  /**
   * Codes {@code image} given {@code prediction} (same size, RGB) at quality {@code hundredths}
   * (0..10000), tiled as {@code picture} (a header {@link FrameCoder#encode} produced for a
   * frame of this size: its size and tiling are used); returns each tile's data and the
   * reconstruction the decoder computes (on this machine, same options: bit-identical).
   *
   * @throws IllegalArgumentException if the image or prediction is not the header's size
   */
  Coded encode(RgbImage image, RgbImage prediction, StreamHeader picture, int hundredths) throws IOException;

  /**
   * A P-frame's coded tiles and its reconstruction.
   *
   * @param tiles each tile's data in tile order
   * @param reconstruction what {@link #decode} gives for these tiles
   * @param analysisNanos time in the prediction features and the analysis (ONNX Runtime)
   * @param modelNanos time in the entropy model (hyper analysis, integer scale network, means) and
   *     the synthesis of the reconstruction
   * @param codingNanos time in the entropy coder
   */
  record Coded(List<byte[]> tiles, RgbImage reconstruction, long analysisNanos, long modelNanos, long codingNanos) {
    /** Copies the list; the arrays are handed over. */
    public Coded {
      tiles = List.copyOf(tiles);
      Objects.requireNonNull(reconstruction, "reconstruction");
    }
  }

  /**
   * Decodes a P-frame's tiles given its prediction: every tile is parsed (tiles in parallel,
   * integer scale network on z only) before any float work.
   *
   * @throws org.lic4j.bitstream.CorruptStreamException if a tile's data does not parse, reported
   *     as {@link FrameCoder#decode} reports it: {@code where.context()}, {@code "tile i: "}, the
   *     reason, at {@code where.offset()}
   * @throws IllegalArgumentException if the number of tiles is not the header's tile count or the
   *     prediction is not the header's size
   */
  RgbImage decode(StreamHeader picture, int hundredths, List<byte[]> tiles, RgbImage prediction,
      FrameCoder.Where where) throws IOException;

  /**
   * The parsed symbols without float work, for conformance latent hashes: per tile, {z symbols,
   * y residuals} (CHW order).
   */
  List<int[][]> parse(StreamHeader picture, List<byte[]> tiles, FrameCoder.Where where) throws IOException;
}
