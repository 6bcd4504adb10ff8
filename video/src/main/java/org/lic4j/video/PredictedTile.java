package org.lic4j.video;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.entropy.EntropyDecodingException;

/**
 * The data of one tile of a P frame (docs/video.md, "P frames"; draft for format 1.1): the motion
 * field of the tile's own area and the residual data that the P-frame model codes.
 *
 * <pre>
 *   offset 0   BlockSizeCode  u8   0: blocks of 16, 1: blocks of 8; other codes are corruption
 *   offset 1   MotionLength   u32  bytes of MotionData, 8..rest (big-endian)
 *   offset 5   MotionData          the field, coded as {@link MotionVectorCoding} codes it
 *   5 + M      ResidualData        the rest: the P-frame model's data of the tile
 * </pre>
 *
 * <p>The field covers the tile's own area (its overlap excluded), {@code ceil(w / B) x ceil(h / B)}
 * blocks; tile sides are multiples of 64, so these blocks are exactly the frame field's blocks over
 * the tile, and the frame's field is the tiles' fields put side by side. Each tile's field is coded
 * on its own (the predictor sees no block of another tile).
 *
 * @param blockSize 16 or 8
 * @param columns the field's columns
 * @param rows the field's rows
 * @param vectors {@code (mvx, mvy)} per block in raster order, quarter samples
 * @param residual the P-frame model's data of the tile
 */
record PredictedTile(int blockSize, int columns, int rows, int[] vectors, byte[] residual) {
  /** BlockSizeCode and MotionLength. */
  static final int HEADER_BYTES = 5;
  /** The shortest coded field: the coder's two 32-bit states. */
  private static final int MIN_MOTION_BYTES = 8;

  PredictedTile {
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(residual, "residual");
    blockSizeCode(blockSize);
    if (columns <= 0 || rows <= 0 || vectors.length != 2 * columns * rows) {
      throw new IllegalArgumentException(vectors.length + " vector components for " + columns + "x" + rows + " blocks");
    }
  }

  /** The tile of a {@code width x height} area with the given field. */
  static PredictedTile of(int width, int height, int blockSize, int[] vectors, byte[] residual) {
    return new PredictedTile(blockSize, MotionCompensation.blockColumns(width, blockSize),
        MotionCompensation.blockRows(height, blockSize), vectors, residual);
  }

  private static int blockSizeCode(int blockSize) {
    return switch (blockSize) {
      case 16 -> 0;
      case 8 -> 1;
      default -> throw new IllegalArgumentException("block size " + blockSize + " is not 8 or 16");
    };
  }

  /** The tile data: header, coded field, residual data. */
  byte[] write() {
    byte[] motion = MotionVectorCoding.encode(vectors, columns, rows);
    return ByteBuffer.allocate(HEADER_BYTES + motion.length + residual.length)
        .put((byte) blockSizeCode(blockSize))
        .putInt(motion.length)
        .put(motion)
        .put(residual)
        .array();
  }

  /**
   * Parses the data of a tile whose own area is {@code width x height}, at {@code data[off, off + len)}.
   * Work and memory are bounded by the area and {@code len}, whatever the bytes.
   *
   * @param streamOffset the offset of {@code data[off]} in the stream, for the exception
   * @param resource the stream's name, for the exception
   * @throws CorruptStreamException on a bad block size code or motion length, or a field that does
   *     not decode to exactly MotionLength bytes of in-range vectors
   */
  static PredictedTile parse(byte[] data, int off, int len, int width, int height, long streamOffset, String resource)
      throws CorruptStreamException {
    Objects.checkFromIndexSize(off, len, data.length);
    if (len < HEADER_BYTES + MIN_MOTION_BYTES) {
      throw new CorruptStreamException("P tile of " + len + " bytes is shorter than its header and motion field",
          streamOffset, resource);
    }
    int code = data[off] & 0xFF;
    if (code > 1) {
      throw new CorruptStreamException("P tile block size code " + code + " undefined", streamOffset, resource);
    }
    int blockSize = code == 0 ? 16 : 8;
    long motionLength = Integer.toUnsignedLong(ByteBuffer.wrap(data, off + 1, 4).getInt());
    if (motionLength < MIN_MOTION_BYTES || motionLength > len - HEADER_BYTES) {
      throw new CorruptStreamException("P tile motion length " + motionLength + " not in [" + MIN_MOTION_BYTES
          + ", " + (len - HEADER_BYTES) + "]", streamOffset + 1, resource);
    }
    int columns = MotionCompensation.blockColumns(width, blockSize);
    int rows = MotionCompensation.blockRows(height, blockSize);
    int motionStart = off + HEADER_BYTES;
    int[] vectors;
    try {
      vectors = MotionVectorCoding.decode(data, motionStart, (int) motionLength, columns, rows);
    } catch (EntropyDecodingException e) {
      throw new CorruptStreamException("P tile motion field: " + e.getMessage(),
          streamOffset + HEADER_BYTES + e.offset(), resource, e);
    }
    int residualStart = motionStart + (int) motionLength;
    byte[] residual = Arrays.copyOfRange(data, residualStart, off + len);
    return new PredictedTile(blockSize, columns, rows, vectors, residual);
  }

  /**
   * The part of a frame's field ({@code frameColumns} wide) over a tile whose first block is at
   * {@code (column, row)}, {@code columns x rows} blocks.
   */
  static int[] tileField(int[] frameField, int frameColumns, int column, int row, int columns, int rows) {
    int[] out = new int[2 * columns * rows];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(frameField, 2 * ((row + r) * frameColumns + column), out, 2 * r * columns, 2 * columns);
    }
    return out;
  }

  /** Puts this tile's field into a frame's field ({@code frameColumns} wide) at {@code (column, row)}. */
  void placeInto(int[] frameField, int frameColumns, int column, int row) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(vectors, 2 * r * columns, frameField, 2 * ((row + r) * frameColumns + column), 2 * columns);
    }
  }
}
