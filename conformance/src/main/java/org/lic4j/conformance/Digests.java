package org.lic4j.conformance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.conformance.TileSymbols;
import org.lic4j.video.conformance.PredictedTileSymbols;

/**
 * The SHA-256 digests a conformance manifest records (docs/conformance.md, "What a decoder must
 * reproduce"). Their byte layouts are normative: another decoder computes the same bytes from its
 * own latents and pixels.
 */
public final class Digests {
  private Digests() {}

  /** SHA-256 of the stream's bytes, as lower-case hex. */
  public static String stream(byte[] stream) {
    return hex(sha256().digest(stream));
  }

  /**
   * SHA-256 of the integer latents: for every tile in index order, its index, then its z symbols,
   * residuals and scale indexes, each in channel, row, column order; every value a 32-bit
   * big-endian two's-complement integer.
   */
  static String latents(List<TileSymbols> tiles) {
    MessageDigest md = sha256();
    byte[] buf = new byte[4096];
    for (TileSymbols t : tiles) {
      int n = put(buf, 0, t.tileIndex());
      md.update(buf, 0, n);
      update(md, buf, t.z());
      update(md, buf, t.residual());
      update(md, buf, t.scaleIndex());
    }
    return hex(md.digest());
  }

  /**
   * SHA-256 of a P frame's integers (docs/video.md, "P frames"): for every tile in index order, its
   * index, its motion block size (16 or 8), its vectors ({@code mvx, mvy} per block of the tile's
   * own area, blocks in raster order), then its z symbols and residuals in channel, row, column
   * order (none when the frame skips its residual); every value a 32-bit big-endian
   * two's-complement integer.
   */
  static String predictedLatents(List<PredictedTileSymbols> tiles) {
    MessageDigest md = sha256();
    byte[] buf = new byte[4096];
    for (PredictedTileSymbols t : tiles) {
      int n = put(buf, 0, t.tileIndex());
      n = put(buf, n, t.blockSize());
      md.update(buf, 0, n);
      update(md, buf, t.vectors());
      update(md, buf, t.z());
      update(md, buf, t.residual());
    }
    return hex(md.digest());
  }

  /**
   * SHA-256 of the decoded samples, pixel by pixel in raster order, each pixel's samples in the
   * order of the stream's colour format: Y for GRAY, Y A for GRAY_ALPHA, R G B for RGB, R G B A for
   * RGBA; one byte per sample.
   */
  public static String pixels(RgbImage image) {
    return hex(sha256().digest(samples(image)));
  }

  /** The bytes {@link #pixels} hashes. */
  static byte[] samples(RgbImage image) {
    int n = image.width() * image.height();
    int channels = (image.isGray() ? 1 : 3) + (image.hasAlpha() ? 1 : 0);
    byte[] out = new byte[n * channels];
    byte[] rgb = image.rgb();
    byte[] alpha = image.alpha();
    for (int i = 0, o = 0; i < n; i++) {
      if (image.isGray()) {
        out[o++] = rgb[i * 3 + 1];
      } else {
        out[o++] = rgb[i * 3];
        out[o++] = rgb[i * 3 + 1];
        out[o++] = rgb[i * 3 + 2];
      }
      if (alpha != null) {
        out[o++] = alpha[i];
      }
    }
    return out;
  }

  private static void update(MessageDigest md, byte[] buf, int[] values) {
    int n = 0;
    for (int v : values) {
      n = put(buf, n, v);
      if (n == buf.length) {
        md.update(buf, 0, n);
        n = 0;
      }
    }
    md.update(buf, 0, n);
  }

  private static int put(byte[] buf, int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
    return at + 4;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
