package org.lic4j.eval;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.Pnm;

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
    RgbImage image = Pnm.read(in, file.toString(), Long.MAX_VALUE);
    return RgbImage.ofRgb(image.width(), image.height(), image.rgb());
  }

  static void writePpm(RgbImage image, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      Pnm.write(image, false, out);
    }
  }

  static void writePng(RgbImage image, Path file) throws IOException {
    if (!ImageIO.write(image.toBufferedImage(), "png", file.toFile())) {
      throw new IOException("no PNG writer in ImageIO");
    }
  }
}
