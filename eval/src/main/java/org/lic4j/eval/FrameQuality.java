package org.lic4j.eval;

import org.lic4j.codec.RgbImage;
import org.lic4j.media.Metrics;
import org.lic4j.video.ColourConversion;
import org.lic4j.video.YuvFrame;

/**
 * The quality of one decoded video frame against its source: PSNR of each Y'CbCr 4:2:0 plane, their
 * 6:1:1 weighting, RGB-PSNR and MS-SSIM on RGB, both sides converted to RGB by the source's colour
 * description ({@link ColourConversion}). A plane decoded without loss would have an infinite PSNR;
 * it counts as {@value #CAP_DB} dB so that a mean over frames stays a number.
 *
 * @param msSsim NaN when the frame is too small for five scales ({@link MsSsim#fits})
 */
record FrameQuality(double psnrY, double psnrU, double psnrV, double psnrRgb, double msSsim) {
  /** The PSNR given to a plane decoded without loss. */
  static final double CAP_DB = 100;

  /** YUV-PSNR 6:1:1: {@code (6 Y + U + V) / 8} of the planes' PSNRs, as the video literature weights them. */
  double psnrYuv() {
    return weighted(psnrY, psnrU, psnrV);
  }

  static double weighted(double y, double u, double v) {
    return (6 * y + u + v) / 8;
  }

  /** The source frame's RGB and MS-SSIM statistics, computed once per frame for every decoding of it. */
  record Source(YuvFrame yuv, RgbImage rgb, MsSsim.Reference msSsim) {
    static Source of(YuvFrame frame) {
      RgbImage rgb = ColourConversion.toRgb(frame);
      return new Source(frame, rgb, MsSsim.reference(rgb));
    }
  }

  /** {@code decoded} against {@code source}; the decoded planes are read with the source's colour description. */
  static FrameQuality of(Source source, YuvFrame decoded) {
    YuvFrame s = source.yuv();
    if (decoded.width() != s.width() || decoded.height() != s.height() || decoded.format() != s.format()) {
      throw new IllegalArgumentException("decoded frame is " + decoded + ", its source " + s);
    }
    RgbImage rgb = ColourConversion.toRgb(decoded.withColour(s.colour()));
    return new FrameQuality(planePsnr(s.y(), decoded.y()), planePsnr(s.cb(), decoded.cb()),
        planePsnr(s.cr(), decoded.cr()), Math.min(CAP_DB, Metrics.psnr(source.rgb(), rgb)),
        source.msSsim().compare(rgb));
  }

  /** PSNR in dB of one 8-bit plane, capped at {@value #CAP_DB}. */
  static double planePsnr(byte[] reference, byte[] test) {
    if (reference.length != test.length) {
      throw new IllegalArgumentException("planes of " + reference.length + " and " + test.length + " samples");
    }
    long squares = 0;
    for (int i = 0; i < reference.length; i++) {
      int d = (reference[i] & 0xff) - (test[i] & 0xff);
      squares += d * d;
    }
    if (squares == 0) {
      return CAP_DB;
    }
    return Math.min(CAP_DB, 10 * Math.log10(255.0 * 255.0 * reference.length / squares));
  }
}
