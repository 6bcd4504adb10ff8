package org.lic4j.codec.imageio;

import java.util.Locale;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.codec.LicFormat;

/** What both service providers say about the format: one place for names, suffixes and types. */
final class LicProviderInfo {
  static final String VENDOR = "lic4j";
  /** The provider reads and writes this version of the format. */
  static final String VERSION = FormatVersion.CURRENT.toString();
  static final String DESCRIPTION = "lic4j learned image codec";
  static final String READER_CLASS = LicImageReader.class.getName();
  static final String WRITER_CLASS = LicImageWriter.class.getName();
  private static final String[] NAMES = {LicFormat.NAME, LicFormat.NAME.toUpperCase(Locale.ROOT)};
  private static final String[] SUFFIXES = {LicFormat.SUFFIX};
  private static final String[] MIME_TYPES = {LicFormat.MIME_TYPE};

  private LicProviderInfo() {}

  // Providers hand out copies: ImageIO's SPI constructors keep the arrays they get.
  static String[] names() {
    return NAMES.clone();
  }

  static String[] suffixes() {
    return SUFFIXES.clone();
  }

  static String[] mimeTypes() {
    return MIME_TYPES.clone();
  }

  static String[] readerSpis() {
    return new String[] {LicImageReaderSpi.class.getName()};
  }

  static String[] writerSpis() {
    return new String[] {LicImageWriterSpi.class.getName()};
  }
}
