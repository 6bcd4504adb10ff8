package org.lic4j.bitstream.container;

import org.lic4j.bitstream.StreamHeader;

/**
 * Upper bounds a reader enforces on every size it reads, before allocating anything on its
 * account; a stream beyond them is rejected with a {@link CorruptStreamException} naming the
 * limit. Writers check their header and chunks against the same limits so they do not produce
 * streams that default readers refuse. Start from {@link #DEFAULT} and adjust with the
 * {@code with...} methods.
 *
 * @param maxWidth largest picture width, 1..2^31-1
 * @param maxHeight largest picture height, 1..2^31-1
 * @param maxPixels largest {@code width * height}, at least 1
 * @param maxChunkLength largest chunk payload in bytes, 4..2^31-9 (a Java array)
 * @param maxChunkCount largest number of chunks before the footer, and of tiles, at least 1
 */
public record ContainerLimits(
    int maxWidth, int maxHeight, long maxPixels, int maxChunkLength, int maxChunkCount) {

  /** Largest chunk length any limit may allow: the longest array a JVM reliably allocates. */
  public static final int MAX_CHUNK_LENGTH = Integer.MAX_VALUE - 8;

  /**
   * 32768 pixels per side, 256 Mpixel (2^28) in total, 256 MiB per chunk, 2^20 chunks: room for
   * any photograph while a hostile header cannot make a reader allocate gigabytes.
   */
  public static final ContainerLimits DEFAULT =
      new ContainerLimits(32_768, 32_768, 1L << 28, 1 << 28, 1 << 20);

  /** The format's own bounds, for writers and trusted input only. */
  public static final ContainerLimits MAXIMUM = new ContainerLimits(
      Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, MAX_CHUNK_LENGTH, Integer.MAX_VALUE);

  /** Smallest chunk length limit: a tile chunk's index prefix must fit. */
  private static final int MIN_CHUNK_LENGTH = 4;

  /** Validates that every limit is positive and within the format. */
  public ContainerLimits {
    if (maxWidth < 1 || maxHeight < 1 || maxPixels < 1 || maxChunkCount < 1) {
      throw new IllegalArgumentException("limits must be positive: " + describe(
          maxWidth, maxHeight, maxPixels, maxChunkLength, maxChunkCount));
    }
    if (maxChunkLength < MIN_CHUNK_LENGTH || maxChunkLength > MAX_CHUNK_LENGTH) {
      throw new IllegalArgumentException("maxChunkLength " + maxChunkLength + " out of range "
          + MIN_CHUNK_LENGTH + ".." + MAX_CHUNK_LENGTH);
    }
  }

  /** These limits with another maximum width. */
  public ContainerLimits withMaxWidth(int value) {
    return new ContainerLimits(value, maxHeight, maxPixels, maxChunkLength, maxChunkCount);
  }

  /** These limits with another maximum height. */
  public ContainerLimits withMaxHeight(int value) {
    return new ContainerLimits(maxWidth, value, maxPixels, maxChunkLength, maxChunkCount);
  }

  /** These limits with another maximum pixel count. */
  public ContainerLimits withMaxPixels(long value) {
    return new ContainerLimits(maxWidth, maxHeight, value, maxChunkLength, maxChunkCount);
  }

  /** These limits with another maximum chunk payload length. */
  public ContainerLimits withMaxChunkLength(int value) {
    return new ContainerLimits(maxWidth, maxHeight, maxPixels, value, maxChunkCount);
  }

  /** These limits with another maximum chunk count. */
  public ContainerLimits withMaxChunkCount(int value) {
    return new ContainerLimits(maxWidth, maxHeight, maxPixels, maxChunkLength, value);
  }

  String widthProblem(long width) {
    return width > maxWidth ? "width " + width + " exceeds limit maxWidth=" + maxWidth : null;
  }

  String heightProblem(long height) {
    return height > maxHeight ? "height " + height + " exceeds limit maxHeight=" + maxHeight : null;
  }

  String pixelsProblem(long width, long height) {
    long pixels = width * height;
    return pixels > maxPixels
        ? "picture " + width + "x" + height + " has " + pixels + " pixels, exceeds limit maxPixels="
            + maxPixels
        : null;
  }

  String tileCountProblem(long tileCount) {
    return tileCount > maxChunkCount
        ? "tile count " + tileCount + " exceeds limit maxChunkCount=" + maxChunkCount
        : null;
  }

  /** The first header limit {@code header} exceeds, or {@code null}. */
  String headerProblem(StreamHeader header) {
    String problem = widthProblem(header.width());
    if (problem == null) {
      problem = heightProblem(header.height());
    }
    if (problem == null) {
      problem = pixelsProblem(header.width(), header.height());
    }
    if (problem == null) {
      problem = tileCountProblem(header.tileCount());
    }
    return problem;
  }

  private static String describe(long w, long h, long p, long len, long count) {
    return "maxWidth=" + w + ", maxHeight=" + h + ", maxPixels=" + p + ", maxChunkLength=" + len
        + ", maxChunkCount=" + count;
  }
}
