package org.lic4j.media;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.lic4j.codec.LicFormat;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;

/** Reading pictures the command line is given and writing the ones it decodes. */
public final class ImageFiles {
  /** Largest picture read from a file, checked from its header before pixels are allocated. */
  public static final long MAX_PIXELS = 1L << 28;
  /** Largest picture file read from standard input, which is held in memory. */
  public static final long MAX_INPUT_BYTES = 1L << 30;
  /**
   * File name suffixes a batch picks up from a directory: ImageIO's and PNM, then some that only
   * FFmpeg reads. A file named on the command line is tried whatever its name.
   */
  public static final String[] INPUT_SUFFIXES = {"png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "ppm", "pgm", "pnm",
      "webp", "jp2", "j2k", "tga", "qoi", "pcx", "sgi"};

  /** The JPEG quality of decoded pictures written as JPEG. */
  private static final float JPEG_QUALITY = 0.95f;

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
   * Reads a picture: PNG, JPEG, BMP, GIF, TIFF (ImageIO; CMYK and YCCK JPEG through TwelveMonkeys),
   * PPM/PGM, or else whatever FFmpeg reads (WebP, JPEG 2000, TGA, ...), also when an ImageIO reader
   * fails on the file. Colours in another space than sRGB are converted to sRGB and metadata is
   * dropped: {@link #read(Path, MetadataOptions)} keeps it.
   */
  public static RgbImage read(Path path) throws IOException {
    return read(path, MetadataOptions.NONE).image();
  }

  /**
   * Reads a picture as {@link #read(Path)} does, with its metadata as {@code options} choose
   * (docs/metadata.md): an ICC profile that is kept leaves the samples as stored (the profile
   * says what they mean); one that is not kept, or that is not an RGB or grey profile (CMYK), is
   * applied, the pixels converted to sRGB. Samples of more than 8 bits are reduced to 8, with a notice.
   */
  public static Picture read(Path path, MetadataOptions options) throws IOException {
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
        return new Picture(Pnm.read(in, path.toString(), MAX_PIXELS), PictureMetadata.NONE, List.of());
      }
    }
    if (n >= 8 && LicFormat.isLicStream(head)) {
      throw new UserInputException(path + ": is a lic4j stream already (decode it instead)", false);
    }
    try (ImageInputStream iis = ImageIO.createImageInputStream(path.toFile())) {
      return read(iis, path.toString(), options, () -> FfmpegImages.read(path, MAX_PIXELS));
    }
  }

  /**
   * Reads a picture from {@code in} (standard input: {@code lic4j encode - OUT.lic}), at most
   * {@link #MAX_INPUT_BYTES} bytes, as {@link #read(Path, MetadataOptions)} reads a file; {@code name}
   * names it in messages. What only FFmpeg reads is passed to it through a temporary file.
   */
  public static Picture read(InputStream in, String name, MetadataOptions options) throws IOException {
    byte[] bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
    if (bytes.length == 0) {
      throw new UserInputException(name + ": empty: no picture on standard input", false);
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new UserInputException(name + ": more than the " + MAX_INPUT_BYTES + "-byte limit of a picture", false);
    }
    if (bytes.length >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '6')) {
      return new Picture(Pnm.read(new ByteArrayInputStream(bytes), name, MAX_PIXELS), PictureMetadata.NONE, List.of());
    }
    if (bytes.length >= 8 && LicFormat.isLicStream(bytes)) {
      throw new UserInputException(name + ": is a lic4j stream already (decode it instead)", false);
    }
    try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      return read(iis, name, options, () -> {
        Path temp = Files.createTempFile("lic4j-stdin", ".bin");
        try {
          Files.write(temp, bytes);
          return FfmpegImages.read(temp, MAX_PIXELS, name);
        } finally {
          Files.deleteIfExists(temp);
        }
      });
    }
  }

  /** The FFmpeg reading, for files ImageIO has no reader for or whose reader fails. */
  private interface Fallback {
    RgbImage read() throws IOException;
  }

  private static Picture read(ImageInputStream iis, String name, MetadataOptions options, Fallback ffmpeg)
      throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
    if (!readers.hasNext()) {
      // WebP and the rest: FFmpeg, whose natives load only now.
      return new Picture(ffmpeg.read(), PictureMetadata.NONE, List.of());
    }
    ImageReader reader = readers.next();
    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
    try {
      // Read whatever is kept: a profile that is not kept must still be applied to the pixels, and
      // an orientation that is lost is worth a notice.
      PictureMetadata found = PictureMetadata.NONE;
      if (format.equals("jpeg") || format.equals("jpg")) {
        found = FileMetadata.fromJpeg(iis);
        iis.seek(0);
      }
      reader.setInput(iis, true, false);
      long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
      if (pixels > MAX_PIXELS) {
        throw new UserInputException(name + ": " + reader.getWidth(0) + "x" + reader.getHeight(0)
            + " is larger than the " + MAX_PIXELS + "-pixel limit", false);
      }
      if (format.equals("png")) {
        found = FileMetadata.fromPng(reader.getImageMetadata(0));
      }
      BufferedImage image = reader.read(0);
      return picture(image, found, options);
    } catch (javax.imageio.IIOException | RuntimeException e) {
      // The reader failed (a damaged file, an ICC profile it cannot use, a colour model it does
      // not know): FFmpeg may still read it.
      try {
        return new Picture(ffmpeg.read(), PictureMetadata.NONE,
            List.of("read by FFmpeg (ImageIO's " + format + " reader failed: " + e.getMessage() + "); metadata not kept"));
      } catch (IOException ffmpegFailed) {
        UserInputException bad = new UserInputException(name + ": unreadable " + reader.getFormatName() + " image: "
            + e.getMessage(), false);
        bad.initCause(e);
        throw bad;
      }
    } finally {
      reader.dispose();
    }
  }

  /** The pixels and metadata as {@code options} want them, with what changed on the way. */
  private static Picture picture(BufferedImage image, PictureMetadata found, MetadataOptions options) {
    List<String> notices = new ArrayList<>();
    ColorModel cm = image.getColorModel();
    for (int k = 0; k < cm.getNumComponents(); k++) {
      if (cm.getComponentSize(k) > 8) {
        notices.add(cm.getComponentSize(k) + "-bit samples reduced to 8 bits (lic4j codes 8 bits per sample)");
        break;
      }
    }
    PictureMetadata kept = found.select(options.icc(), options.exif(), options.xmp());
    byte[] icc = found.iccProfile();
    BufferedImage pixels = image;
    if (icc != null && options.icc() && iccMatches(icc, cm)) {
      pixels = asStored(image);
    } else if (icc != null) {
      // Not kept, or a profile of another space (CMYK) that the reader applied: the pixels must
      // then be sRGB by themselves.
      if (options.icc()) {
        kept = kept.select(false, true, true);
        notices.add(isKnownSpace(icc) ? "its " + iccSpace(icc).strip() + " ICC profile was applied (pixels converted"
            + " to sRGB), not kept" : "its ICC profile is damaged: not kept, the samples taken as sRGB");
      }
      pixels = inProfileSpace(image, icc, notices);
    }
    RgbImage rgb = RgbImage.of(pixels);
    int orientation = found.orientation();
    if (options.autoOrient() && orientation > 1) {
      rgb = Orientation.apply(rgb, orientation);
      kept = kept.withOrientation(1);
      notices.add("Exif orientation " + orientation + " applied to the pixels (tag set to 1)");
    } else if (!options.exif() && orientation > 1) {
      notices.add("Exif orientation " + orientation + " not kept (--metadata without exif): the picture shows as"
          + " stored; --auto-orient applies it");
    }
    return new Picture(rgb, kept, notices);
  }

  /** Whether an ICC profile describes samples like these: an RGB profile for colour, a grey one for grey. */
  private static boolean iccMatches(byte[] icc, ColorModel cm) {
    String space = iccSpace(icc);
    int colours = cm.getNumColorComponents();
    return (space.equals("RGB ") && colours == 3) || (space.equals("GRAY") && colours == 1);
  }

  private static boolean isKnownSpace(byte[] icc) {
    return List.of("RGB ", "GRAY", "CMYK", "YCbr", "Lab ", "XYZ ", "CMY ").contains(iccSpace(icc));
  }

  /** The profile's data colour space signature (ICC.1, 7.2.6): "RGB ", "GRAY", "CMYK", ... */
  private static String iccSpace(byte[] icc) {
    return icc.length >= 20 ? new String(icc, 16, 4, StandardCharsets.US_ASCII) : "    ";
  }

  /**
   * The samples in the colour space of their RGB profile, where the reader labelled them sRGB without
   * applying it (the JDK's PNG reader does so with iCCP), so that {@link RgbImage#of} converts them
   * to sRGB; as they are otherwise.
   */
  private static BufferedImage inProfileSpace(BufferedImage image, byte[] icc, List<String> notices) {
    ColorModel cm = image.getColorModel();
    if (!(cm instanceof ComponentColorModel) || !cm.getColorSpace().isCS_sRGB() || !iccSpace(icc).equals("RGB ")) {
      return image;
    }
    String description = PictureMetadata.of(icc, null, null).iccDescription();
    if (description != null && description.startsWith("sRGB")) {
      // An sRGB profile ("sRGB IEC61966-2.1", ...): the samples are sRGB already, and a round trip
      // through the colour management would only move some by one.
      return image;
    }
    ICC_ColorSpace space;
    try {
      space = new ICC_ColorSpace(ICC_Profile.getInstance(icc));
    } catch (IllegalArgumentException e) {
      notices.add("its ICC profile is unusable (" + e.getMessage() + "): the samples are taken as sRGB");
      return image;
    }
    ColorModel inProfile = new ComponentColorModel(space, cm.getComponentSize(), cm.hasAlpha(), cm.isAlphaPremultiplied(),
        cm.getTransparency(), cm.getTransferType());
    return new BufferedImage(inProfile, image.getRaster(), cm.isAlphaPremultiplied(), null);
  }

  /**
   * The same samples in a colour model that says sRGB, so that {@link RgbImage#of} takes them as
   * stored instead of converting them out of the kept profile's space (which a viewer applies).
   */
  private static BufferedImage asStored(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    if (!(cm instanceof ComponentColorModel) || cs.isCS_sRGB() || cs.getType() != ColorSpace.TYPE_RGB) {
      return image;
    }
    int[] bits = cm.getComponentSize();
    ColorModel srgb = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), bits, cm.hasAlpha(),
        cm.isAlphaPremultiplied(), cm.getTransparency(), cm.getTransferType());
    return new BufferedImage(srgb, image.getRaster(), cm.isAlphaPremultiplied(), null);
  }

  /** Encodes a picture in {@code format} into bytes. */
  public static byte[] encode(RgbImage image, Format format) throws IOException {
    return encode(image, format, PictureMetadata.NONE);
  }

  /** Encodes a picture with its metadata in {@code format} into bytes. */
  public static byte[] encode(RgbImage image, Format format, PictureMetadata metadata) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(image, format, metadata, out);
    return out.toByteArray();
  }

  /** Writes a picture in {@code format} to {@code out}. */
  public static void write(RgbImage image, Format format, OutputStream out) throws IOException {
    write(image, format, PictureMetadata.NONE, out);
  }

  /**
   * Writes a picture in {@code format} to {@code out} with its metadata where the format holds it:
   * PNG (iCCP, eXIf, iTXt XMP) and JPEG (APP1 Exif and XMP, APP2 ICC); BMP, PPM and PGM hold none
   * ({@link #keepsMetadata}).
   */
  public static void write(RgbImage image, Format format, PictureMetadata metadata, OutputStream out)
      throws IOException {
    switch (format) {
      case PPM -> Pnm.write(image, false, out);
      case PGM -> Pnm.write(image, true, out);
      case PNG -> FileMetadata.writePng(image.toBufferedImage(), metadata, out);
      case BMP -> {
        if (!ImageIO.write(stripAlpha(image).toBufferedImage(), format.name, out)) {
          throw new IOException("no ImageIO writer for " + format.name);
        }
      }
      case JPEG -> FileMetadata.writeJpeg(stripAlpha(image).toBufferedImage(), metadata, JPEG_QUALITY, out);
      default -> throw new IllegalStateException(format.toString());
    }
  }

  /** Whether {@code format} carries metadata (PNG, JPEG). */
  public static boolean keepsMetadata(Format format) {
    return format == Format.PNG || format == Format.JPEG;
  }

  private static RgbImage stripAlpha(RgbImage image) {
    if (!image.hasAlpha()) {
      return image;
    }
    RgbImage rgb = RgbImage.ofRgb(image.width(), image.height(), image.rgb());
    return image.isGray() ? rgb.asGray() : rgb;
  }

}
