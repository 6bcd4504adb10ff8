package org.lic4j.media;

/**
 * What a y4m reader accepts before it allocates anything: checked against the header, so that a
 * hostile or broken header costs no memory.
 *
 * @param maxWidth widest frame, in luma samples
 * @param maxHeight tallest frame, in luma samples
 * @param maxPixels most luma samples in a frame (width x height)
 * @param maxLineBytes longest stream header or FRAME line, newline included
 */
public record Y4mLimits(int maxWidth, int maxHeight, long maxPixels, int maxLineBytes) {
  /** 16384 x 16384 at most, 8K UHD (7680 x 4320) and a bit more in pixels, lines of 4 KiB. */
  public static final Y4mLimits DEFAULT = new Y4mLimits(16384, 16384, 1L << 26, 4096);

  /** Most pixels any limits may allow: a 10-bit luma plane (2 bytes a sample) still fits an array. */
  public static final long MAX_PIXELS_CEILING = 1L << 28;

  public Y4mLimits {
    if (maxWidth < 1 || maxHeight < 1 || maxPixels < 1 || maxLineBytes < 16) {
      throw new IllegalArgumentException("limits must be positive (lines at least 16 bytes)");
    }
    if (maxPixels > MAX_PIXELS_CEILING) {
      throw new IllegalArgumentException("maxPixels " + maxPixels + " is above " + MAX_PIXELS_CEILING);
    }
  }
}
