package org.lic4j.media;

import java.util.Locale;

/**
 * Which metadata an encode keeps ({@code --metadata all|none|exif,icc,xmp}, default all, as cwebp's
 * {@code -metadata} and cjxl keep it) and whether the Exif orientation is applied to the pixels
 * ({@code --auto-orient}) instead of kept as a tag.
 *
 * @param icc keep the ICC profile
 * @param exif keep the Exif block
 * @param xmp keep the XMP packet
 * @param autoOrient turn or flip the pixels as the Exif orientation says and set the tag to 1
 */
public record MetadataOptions(boolean icc, boolean exif, boolean xmp, boolean autoOrient) {
  /** Everything kept, pixels as stored. */
  public static final MetadataOptions ALL = new MetadataOptions(true, true, true, false);
  /** Nothing kept: pixels as stored, colours converted to sRGB, the orientation lost. */
  public static final MetadataOptions NONE = new MetadataOptions(false, false, false, false);

  /** Parses {@code all}, {@code none}, or a comma-separated list of {@code exif}, {@code icc}, {@code xmp}. */
  public static MetadataOptions parse(String value, boolean autoOrient) throws UserInputException {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("all")) {
      return new MetadataOptions(true, true, true, autoOrient);
    }
    if (v.equals("none")) {
      return new MetadataOptions(false, false, false, autoOrient);
    }
    boolean icc = false;
    boolean exif = false;
    boolean xmp = false;
    for (String part : v.split(",", -1)) {
      switch (part.strip()) {
        case "icc" -> icc = true;
        case "exif" -> exif = true;
        case "xmp" -> xmp = true;
        default -> throw new UserInputException("--metadata: unknown kind '" + part.strip()
            + "' (all, none, or a list of exif, icc, xmp)", true);
      }
    }
    return new MetadataOptions(icc, exif, xmp, autoOrient);
  }
}
