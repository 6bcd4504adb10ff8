package org.lic4j.video;

import java.util.Objects;

/**
 * The prediction of a P frame from its 8-bit RGB reference by a block motion field: the integer
 * warp of docs/video.md, "Prediction" (draft for part 2). Blocks of {@code blockSize} samples (16
 * or 8) in raster order, the right and bottom ones cut to the picture, each with one vector in
 * quarter samples, each component in [-{@link #MV_LIMIT}, {@link #MV_LIMIT}]. A sample at
 * {@code (x, y)} with vector {@code (mvx, mvy)}:
 *
 * <pre>
 *   px = 4x + mvx,  ix = px &gt;&gt; 2,  fx = px &amp; 3      (py, iy, fy likewise)
 *   R(i, j) = reference at column clamp(i, 0, W-1), row clamp(j, 0, H-1)
 *   P = (R(ix,iy)(4-fx)(4-fy) + R(ix+1,iy) fx(4-fy) + R(ix,iy+1)(4-fx)fy + R(ix+1,iy+1) fx fy + 8) &gt;&gt; 4
 * </pre>
 *
 * <p>Bit-exact with the training pipeline's {@code warp} (training/motion.py), checked against its
 * golden vectors. Pictures are interleaved RGB, as {@link org.lic4j.codec.RgbImage#rgb()} holds them.
 */
final class MotionCompensation {
  /** Largest magnitude of a vector component, in quarter samples (64 samples). */
  static final int MV_LIMIT = 256;

  private static final int CHANNELS = 3;

  private MotionCompensation() {}

  /** Columns of the motion field of a picture {@code width} wide. */
  static int blockColumns(int width, int blockSize) {
    return (width + blockSize - 1) / blockSize;
  }

  /** Rows of the motion field of a picture {@code height} high. */
  static int blockRows(int height, int blockSize) {
    return (height + blockSize - 1) / blockSize;
  }

  /**
   * The prediction of a {@code width x height} picture.
   *
   * @param reference interleaved 8-bit RGB, {@code width * height * 3} bytes
   * @param vectors {@code (mvx, mvy)} per block in raster order, {@code 2 * rows * columns} values
   * @return interleaved 8-bit RGB, a new array
   * @throws IllegalArgumentException on a block size other than 8 or 16, sizes that do not match,
   *     or a vector out of range
   */
  static byte[] predict(byte[] reference, int width, int height, int blockSize, int[] vectors) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(vectors, "vectors");
    if (blockSize != 8 && blockSize != 16) {
      throw new IllegalArgumentException("block size " + blockSize + " is not 8 or 16");
    }
    if (width <= 0 || height <= 0 || reference.length != (long) width * height * CHANNELS) {
      throw new IllegalArgumentException(
          "reference of " + reference.length + " bytes for a " + width + "x" + height + " picture");
    }
    int columns = blockColumns(width, blockSize);
    int rows = blockRows(height, blockSize);
    if (vectors.length != 2 * rows * columns) {
      throw new IllegalArgumentException(
          vectors.length + " vector components for " + rows + "x" + columns + " blocks");
    }
    for (int i = 0; i < vectors.length; i++) {
      if (Math.abs(vectors[i]) > MV_LIMIT) {
        throw new IllegalArgumentException(
            "vector component " + vectors[i] + " of block " + i / 2 + " exceeds " + MV_LIMIT);
      }
    }
    byte[] out = new byte[reference.length];
    int stride = width * CHANNELS;
    for (int by = 0; by < rows; by++) {
      for (int bx = 0; bx < columns; bx++) {
        int block = by * columns + bx;
        int mvx = vectors[2 * block];
        int mvy = vectors[2 * block + 1];
        int yEnd = Math.min(height, (by + 1) * blockSize);
        int xEnd = Math.min(width, (bx + 1) * blockSize);
        for (int y = by * blockSize; y < yEnd; y++) {
          int py = 4 * y + mvy;
          int fy = py & 3;
          // Row offsets of the two reference rows, clamped to the picture (edges replicated).
          int row0 = clamp(py >> 2, height) * stride;
          int row1 = clamp((py >> 2) + 1, height) * stride;
          for (int x = bx * blockSize; x < xEnd; x++) {
            int px = 4 * x + mvx;
            int fx = px & 3;
            int col0 = clamp(px >> 2, width) * CHANNELS;
            int col1 = clamp((px >> 2) + 1, width) * CHANNELS;
            int wa = (4 - fx) * (4 - fy);
            int wb = fx * (4 - fy);
            int wc = (4 - fx) * fy;
            int wd = fx * fy;
            int o = y * stride + x * CHANNELS;
            for (int c = 0; c < CHANNELS; c++) {
              int sum = (reference[row0 + col0 + c] & 0xFF) * wa + (reference[row0 + col1 + c] & 0xFF) * wb
                  + (reference[row1 + col0 + c] & 0xFF) * wc + (reference[row1 + col1 + c] & 0xFF) * wd;
              out[o + c] = (byte) ((sum + 8) >> 4);
            }
          }
        }
      }
    }
    return out;
  }

  private static int clamp(int i, int size) {
    return i < 0 ? 0 : Math.min(i, size - 1);
  }
}
