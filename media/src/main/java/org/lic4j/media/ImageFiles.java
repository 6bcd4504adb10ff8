package org.lic4j.media;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.lic4j.codec.LicFormat;
import org.lic4j.codec.PictureTiles;
import org.lic4j.codec.RgbImage;

/** Reading pictures the command line is given and writing the ones it decodes. */
public final class ImageFiles {
  /** Largest picture read from a file, checked from its header before pixels are allocated. */
  public static final long MAX_PIXELS = 1L << 28;
  /**
   * File name suffixes a batch picks up from a directory: ImageIO's and PNM, then some that only
   * FFmpeg reads. A file named on the command line is tried whatever its name.
   */
  public static final String[] INPUT_SUFFIXES = {"png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "ppm", "pgm", "pnm",
      "webp", "jp2", "j2k", "tga", "qoi", "pcx", "sgi"};

  private ImageFiles() {}

  /** The format written for an output path, from its extension. */
  public enum Format {
    PNG("png"), PPM("ppm"), PGM("pgm"), BMP("bmp"), JPEG("jpeg");

    final String name;

    Format(String name) {
      this.name = name;
    }

    /** The file name suffix written for this format. */
    public String suffix() {
      return this == JPEG ? "jpg" : name;
    }

    public static Format of(Path path) throws UserInputException {
      String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
      int dot = n.lastIndexOf('.');
      String ext = dot < 0 ? "" : n.substring(dot + 1);
      switch (ext) {
        case "png": return PNG;
        case "ppm": case "pnm": return PPM;
        case "pgm": return PGM;
        case "bmp": return BMP;
        case "jpg": case "jpeg": return JPEG;
        default:
          throw new UserInputException(path + ": unknown output format '" + ext
              + "' (use .png, .ppm, .pgm, .bmp or .jpg)", true);
      }
    }

    public static Format named(String name) throws UserInputException {
      for (Format f : values()) {
        if (f.name.equalsIgnoreCase(name) || (f == JPEG && name.equalsIgnoreCase("jpg"))) {
          return f;
        }
      }
      throw new UserInputException("unknown format '" + name + "' (png, ppm, pgm, bmp or jpg)", true);
    }
  }

  /**
   * Reads a picture: PNG, JPEG, BMP, GIF, TIFF (ImageIO), PPM/PGM, or else whatever FFmpeg reads
   * (WebP, JPEG 2000, TGA, ...).
   */
  public static RgbImage read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new UserInputException(path + ": is a directory, not an image", false);
    }
    if (!Files.isRegularFile(path)) {
      throw new UserInputException(path + ": no such file", false);
    }
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && head[0] == 'P' && (head[1] == '5' || head[1] == '6')) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
        return Pnm.read(in, path.toString(), MAX_PIXELS);
      }
    }
    if (n >= 8 && LicFormat.isLicStream(head)) {
      throw new UserInputException(path + ": is a lic4j stream already (decode it instead)", false);
    }
    try (javax.imageio.stream.ImageInputStream iis = ImageIO.createImageInputStream(path.toFile())) {
      Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(iis);
      if (!readers.hasNext()) {
        // WebP and the rest: FFmpeg, whose natives load only now.
        return FfmpegImages.read(path, MAX_PIXELS);
      }
      javax.imageio.ImageReader reader = readers.next();
      try {
        reader.setInput(iis, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new UserInputException(path + ": " + reader.getWidth(0) + "x" + reader.getHeight(0)
              + " is larger than the " + MAX_PIXELS + "-pixel limit", false);
        }
        BufferedImage image = reader.read(0);
        return RgbImage.of(image);
      } catch (javax.imageio.IIOException e) {
        throw new UserInputException(path + ": unreadable " + reader.getFormatName() + " image: " + e.getMessage(), false);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Encodes a picture in {@code format} into bytes. */
  public static byte[] encode(RgbImage image, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(image, format, out);
    return out.toByteArray();
  }

  /** Writes a picture in {@code format} to {@code out}. */
  public static void write(RgbImage image, Format format, OutputStream out) throws IOException {
    switch (format) {
      case PPM -> Pnm.write(image, false, out);
      case PGM -> Pnm.write(image, true, out);
      case PNG, BMP -> {
        RgbImage img = format == Format.BMP && image.hasAlpha() ? stripAlpha(image) : image;
        if (!ImageIO.write(img.toBufferedImage(), format.name, out)) {
          throw new IOException("no ImageIO writer for " + format.name);
        }
      }
      case JPEG -> writeJpeg(stripAlpha(image), out);
      default -> throw new IllegalStateException(format.toString());
    }
  }

  /**
   * Writes a decoded stream in {@code format} to {@code out}, band by band (a row of the stream's
   * tiles at a time) for PNG, PPM and PGM, so that memory stays bounded whatever the picture's
   * size: the JDK's PNG writer pulls rows from a {@link BandedImage}, whose bands are decoded as it
   * reaches them. BMP and JPEG decode the whole picture first (the BMP writer goes bottom up, and
   * neither is a format for very large pictures).
   */
  public static void write(PictureTiles tiles, Format format, OutputStream out) throws IOException {
    switch (format) {
      case PNG -> {
        try {
          if (!ImageIO.write(new BandedImage(tiles), format.name, out)) {
            throw new IOException("no ImageIO writer for " + format.name);
          }
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      case PPM, PGM -> {
        boolean gray = format == Format.PGM;
        Pnm.writeHeader(tiles.width(), tiles.height(), gray, out);
        for (int y = 0; y < tiles.height(); y += tiles.tileHeight()) {
          Pnm.writeRows(tiles.decode(0, y, tiles.width(), Math.min(tiles.tileHeight(), tiles.height() - y)), gray, out);
        }
      }
      default -> write(tiles.decode(0, 0, tiles.width(), tiles.height()), format, out);
    }
  }

  /** Encodes a decoded stream in {@code format} into bytes, band by band as {@link #write(PictureTiles, Format, OutputStream)}. */
  public static byte[] encode(PictureTiles tiles, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(tiles, format, out);
    return out.toByteArray();
  }

  private static RgbImage stripAlpha(RgbImage image) {
    if (!image.hasAlpha()) {
      return image;
    }
    RgbImage rgb = RgbImage.ofRgb(image.width(), image.height(), image.rgb());
    return image.isGray() ? rgb.asGray() : rgb;
  }

  private static void writeJpeg(RgbImage image, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
