package org.lic4j.tools.eval;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.lic4j.codec.RgbImage;

/**
 * Reads the pictures under test and the classical decoders' outputs, and writes the inputs the
 * classical encoders read: 8-bit binary PPM (every tool here but avifenc reads it) and PNG.
 */
final class Pictures {
  /** Suffixes of the pictures an evaluation folder is searched for. */
  static final String[] SUFFIXES = {"png", "ppm", "pnm", "bmp", "tif", "tiff", "jpg", "jpeg"};

  private Pictures() {}

  static boolean isPicture(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String s : SUFFIXES) {
      if (n.endsWith("." + s)) {
        return true;
      }
    }
    return false;
  }

  /** Reads a PPM (P6, maxval 255) or anything ImageIO reads; alpha is dropped. */
  static RgbImage read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      in.mark(2);
      int m1 = in.read();
      int m2 = in.read();
      in.reset();
      if (m1 == 'P' && m2 == '6') {
        return readPpm(in, file);
      }
      BufferedImage image = ImageIO.read(in);
      if (image == null) {
        throw new IOException(file + ": not a picture ImageIO or the PPM reader can read");
      }
      RgbImage rgb = RgbImage.of(image);
      return rgb.hasAlpha() || rgb.isGray() ? RgbImage.ofRgb(rgb.width(), rgb.height(), rgb.rgb()) : rgb;
    }
  }

  private static RgbImage readPpm(InputStream in, Path file) throws IOException {
    in.skipNBytes(2);
    int width = header(in, file);
    int height = header(in, file);
    int maxval = header(in, file);
    if (width < 1 || height < 1 || (long) width * height * 3 > Integer.MAX_VALUE || maxval != 255) {
      throw new IOException(file + ": unsupported PPM " + width + "x" + height + " maxval " + maxval);
    }
    byte[] rgb = in.readNBytes(width * height * 3);
    if (rgb.length != width * height * 3) {
      throw new IOException(file + ": truncated PPM");
    }
    return RgbImage.ofRgb(width, height, rgb);
  }

  /** The next header number; a single whitespace byte follows the last one. */
  private static int header(InputStream in, Path file) throws IOException {
    int c = in.read();
    while (c == '#' || Character.isWhitespace(c)) {
      if (c == '#') {
        while (c != '\n' && c != -1) {
          c = in.read();
        }
      }
      c = in.read();
    }
    long v = 0;
    int digits = 0;
    while (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      if (++digits > 9) {
        throw new IOException(file + ": number too long in PPM header");
      }
      c = in.read();
    }
    if (digits == 0) {
      throw new IOException(file + ": bad PPM header");
    }
    return (int) v;
  }

  static void writePpm(RgbImage image, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(("P6\n" + image.width() + " " + image.height() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
      out.write(image.rgb());
    }
  }

  static void writePng(RgbImage image, Path file) throws IOException {
    if (!ImageIO.write(image.toBufferedImage(), "png", file.toFile())) {
      throw new IOException("no PNG writer in ImageIO");
    }
  }
}
