package org.lic4j.media;

/**
 * The shape of one pixel as y4m's {@code A} parameter gives it, width to height, kept as given
 * (not reduced): {@code 1:1} square, {@code 16:15} PAL 4:3, {@code 64:45} PAL 16:9. A y4m-only
 * notion that lic4j carries through and writes back; nothing else in lic4j needs a general
 * ratio, and a frame rate is the stream's {@link org.lic4j.bitstream.FrameRate}.
 *
 * @param horizontal 1..999999999
 * @param vertical 1..999999999
 */
public record PixelAspect(int horizontal, int vertical) {
  /** Checks that both terms are positive. */
  public PixelAspect {
    if (horizontal < 1 || vertical < 1) {
      throw new IllegalArgumentException("a pixel aspect ratio needs two positive terms, got "
          + horizontal + ":" + vertical);
    }
  }

  /** {@code horizontal:vertical}, as y4m writes it. */
  @Override
  public String toString() {
    return horizontal + ":" + vertical;
  }
}
