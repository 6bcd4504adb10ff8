package org.lic4j.media;

import org.lic4j.codec.RgbImage;

/**
 * The Exif orientations (TIFF 6.0, tag 0x0112) applied to pixels, for {@code --auto-orient}: the
 * picture as a viewer that honours the tag would show it.
 */
final class Orientation {
  private Orientation() {}

  /** {@code image} turned and flipped as orientation {@code value} (1..8) says; 1 (or 0, none) returns it as is. */
  static RgbImage apply(RgbImage image, int value) {
    if (value <= 1 || value > 8) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    boolean swap = value >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    byte[] rgb = image.rgb();
    byte[] alpha = image.alpha();
    byte[] outRgb = new byte[rgb.length];
    byte[] outAlpha = alpha == null ? null : new byte[alpha.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Where the stored pixel (x, y) shows: orientation 6 puts the stored top row on the right.
        int dx;
        int dy;
        switch (value) {
          case 2 -> { dx = w - 1 - x; dy = y; }
          case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }
          case 4 -> { dx = x; dy = h - 1 - y; }
          case 5 -> { dx = y; dy = x; }
          case 6 -> { dx = h - 1 - y; dy = x; }
          case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }
          default -> { dx = y; dy = w - 1 - x; }
        }
        int from = y * w + x;
        int to = dy * ow + dx;
        System.arraycopy(rgb, 3 * from, outRgb, 3 * to, 3);
        if (alpha != null) {
          outAlpha[to] = alpha[from];
        }
      }
    }
    RgbImage out = RgbImage.ofRgb(ow, oh, outRgb);
    if (outAlpha != null) {
      out = out.withAlpha(outAlpha);
    }
    return image.isGray() ? out.asGray() : out;
  }
}
