package org.lic4j.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.frame.FrameCoder;
import org.lic4j.codec.frame.PredictedFrameCoder;

/**
 * The P frame of docs/video.md ("P frames"): motion field and prediction in this module, the
 * residual coded by the P-frame model ({@link PredictedFrameCoder}). Encoder: the frame's field by
 * {@link MotionEstimator} on the 8-bit reference, the prediction by {@link MotionCompensation},
 * each tile's data a {@link PredictedTile} of its part of the field and the model's data. Decoder:
 * every tile's field parsed (integers only) and put side by side, the reference warped once for
 * the frame, then the model's tiles decoded given the prediction. Thread-safe.
 */
final class PredictedFrames {
  private final PredictedFrameCoder coder;
  private final MotionEstimator estimator;
  private final int blockSize;

  PredictedFrames(PredictedFrameCoder coder, int blockSize) {
    this.coder = coder;
    this.estimator = MotionEstimator.trainingDefault();
    this.blockSize = blockSize;
  }

  /**
   * A coded P frame: each tile's data, the reconstruction the decoder will compute (the next
   * frame's reference), whether the residual was skipped (the frame is its prediction), its
   * rate-distortion cost ({@link #cost}) and the time spent in motion estimation and compensation
   * and in the model.
   */
  record Coded(List<byte[]> tiles, RgbImage reconstruction, boolean skipped, double cost, long motionNanos,
      long analysisNanos, long modelNanos, long codingNanos) {}

  Coded encode(RgbImage current, RgbImage reference, StreamHeader picture, int hundredths) throws IOException {
    long start = System.nanoTime();
    int width = current.width();
    int height = current.height();
    int[] field = estimator.estimate(reference.rgb(), current.rgb(), width, height, blockSize);
    RgbImage prediction = RgbImage.ofRgb(width, height,
        MotionCompensation.predict(reference.rgb(), width, height, blockSize, field));
    long motion = System.nanoTime() - start;
    PredictedFrameCoder.Coded coded = coder.encode(current, prediction, picture, hundredths);
    long wrap = System.nanoTime();
    // Skip the residual when the prediction alone costs less: lambda * MSE + bits per pixel, as
    // the model was trained (distortion on 8-bit samples, mean of the three planes).
    long residualBytes = 0;
    for (byte[] t : coded.tiles()) {
      residualBytes += t.length;
    }
    double codedCost = cost(current, coded.reconstruction(), residualBytes, hundredths);
    double skippedCost = cost(current, prediction, 0, hundredths);
    boolean skip = skippedCost <= codedCost;
    List<int[]> areas = areas(picture);
    List<byte[]> tiles = new ArrayList<>(areas.size());
    int frameColumns = MotionCompensation.blockColumns(width, blockSize);
    for (int i = 0; i < areas.size(); i++) {
      int[] a = areas.get(i);
      int columns = MotionCompensation.blockColumns(a[2] - a[0], blockSize);
      int rows = MotionCompensation.blockRows(a[3] - a[1], blockSize);
      int[] tileField = PredictedTile.tileField(field, frameColumns, a[0] / blockSize, a[1] / blockSize, columns, rows);
      byte[] residual = skip ? new byte[0] : coded.tiles().get(i);
      tiles.add(new PredictedTile(blockSize, columns, rows, tileField, residual).write());
    }
    long bytes = 0;
    for (byte[] t : tiles) {
      bytes += t.length;
    }
    return new Coded(tiles, skip ? prediction : coded.reconstruction(), skip,
        cost(current, skip ? prediction : coded.reconstruction(), bytes, hundredths), motion, coded.analysisNanos(),
        coded.modelNanos(), coded.codingNanos() + System.nanoTime() - wrap);
  }

  /**
   * The rate-distortion cost of coding {@code source} as {@code decoded} in {@code bytes}, by the
   * model's own measure: {@code lambda * SSE / 3 + bits}, the pixels' sum of the training loss
   * {@code lambda * MSE + bits per pixel} (MSE on 8-bit samples, mean of the three planes; lambda
   * the P-frame model's at the quality, the image model's lambdas too).
   */
  double cost(RgbImage source, RgbImage decoded, long bytes, int hundredths) {
    return coder.model().lambda(hundredths) * sse(source.rgb(), decoded.rgb()) / 3 + 8.0 * bytes;
  }

  /** Sum of squared differences of two sample arrays of the same length. */
  private static double sse(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += d * d;
    }
    return sum;
  }

  /**
   * Decodes a P frame's tiles given its reference. Every tile's field is parsed before any float
   * work; a damaged one is corruption naming the tile ({@code where.context() + "tile i: "}).
   */
  RgbImage decode(StreamHeader picture, int hundredths, List<byte[]> tiles, RgbImage reference, FrameCoder.Where where)
      throws IOException {
    int width = picture.width();
    int height = picture.height();
    List<int[]> areas = areas(picture);
    if (tiles.size() != areas.size()) {
      throw new IllegalArgumentException(tiles.size() + " tiles for a tiling of " + areas.size());
    }
    int block = 0;
    boolean skipped = false;
    int[] field = null;
    int frameColumns = 0;
    List<byte[]> residuals = new ArrayList<>(tiles.size());
    for (int i = 0; i < tiles.size(); i++) {
      int[] a = areas.get(i);
      byte[] data = tiles.get(i);
      PredictedTile tile;
      try {
        tile = PredictedTile.parse(data, 0, data.length, a[2] - a[0], a[3] - a[1], where.offset(), where.resource());
      } catch (CorruptStreamException e) {
        throw new CorruptStreamException(where.context() + "tile " + i + ": " + e.reason(), e.offset(),
            where.resource(), e);
      }
      if (field == null) {
        block = tile.blockSize();
        frameColumns = MotionCompensation.blockColumns(width, block);
        field = new int[2 * frameColumns * MotionCompensation.blockRows(height, block)];
      } else if (tile.blockSize() != block) {
        // One block size per frame: the prediction is one warp of the whole frame.
        throw new CorruptStreamException(where.context() + "tile " + i + ": block size " + tile.blockSize()
            + ", tile 0 has " + block + " (one per frame in format 1.1)", where.offset(), where.resource());
      }
      tile.placeInto(field, frameColumns, a[0] / block, a[1] / block);
      boolean empty = tile.residual().length == 0;
      if (i == 0) {
        skipped = empty;
      } else if (empty != skipped) {
        throw new CorruptStreamException(where.context() + "tile " + i + ": residual data "
            + (empty ? "empty" : "present") + ", tile 0's " + (skipped ? "empty" : "present")
            + " (a P frame skips the residual of all its tiles or of none)", where.offset(), where.resource());
      }
      residuals.add(tile.residual());
    }
    RgbImage prediction = RgbImage.ofRgb(width, height,
        MotionCompensation.predict(reference.rgb(), width, height, block, field));
    // A skipped frame is its prediction: no float work at all.
    return skipped ? prediction : coder.decode(picture, hundredths, residuals, prediction, where);
  }

  /** Each tile's own area {x0, y0, x1, y1}, cut to the picture. */
  private List<int[]> areas(StreamHeader picture) {
    List<int[]> out = new ArrayList<>();
    for (int[] a : coder.tileAreas(picture)) {
      out.add(new int[] {a[0], a[1], Math.min(a[2], picture.width()), Math.min(a[3], picture.height())});
    }
    return out;
  }
}
