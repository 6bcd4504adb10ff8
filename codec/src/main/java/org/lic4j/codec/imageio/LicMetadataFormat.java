package org.lic4j.codec.imageio;

import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataFormat;
import javax.imageio.metadata.IIOMetadataFormatImpl;

/**
 * The native metadata tree of lic4j pictures ({@value #NAME}): the stream's metadata chunks as they
 * are, each an element whose user object is the chunk's bytes.
 *
 * <pre>
 * org_lic4j_image_1.0
 *   iccp   (user object: byte[], an ICC profile)
 *   exif   (user object: byte[], TIFF-structured Exif; attribute orientation: 0..8, 0 for none; read only)
 *   text   (attribute keyword "XML:com.adobe.xmp"; user object: byte[], the XMP packet in UTF-8)
 * </pre>
 */
final class LicMetadataFormat extends IIOMetadataFormatImpl {
  static final String NAME = "org_lic4j_image_1.0";
  static final String ICCP = "iccp";
  static final String EXIF = "exif";
  static final String TEXT = "text";
  private static final LicMetadataFormat INSTANCE = new LicMetadataFormat();

  private LicMetadataFormat() {
    super(NAME, CHILD_POLICY_SOME);
    for (String chunk : new String[] {ICCP, EXIF, TEXT}) {
      addElement(chunk, NAME, CHILD_POLICY_EMPTY);
      addObjectValue(chunk, byte.class, 1, Integer.MAX_VALUE);
    }
    addAttribute(EXIF, "orientation", DATATYPE_INTEGER, false, "0", "0", "8", true, true);
    addAttribute(TEXT, "keyword", DATATYPE_STRING, true, null);
  }

  static IIOMetadataFormat instance() {
    return INSTANCE;
  }

  @Override
  public boolean canNodeAppear(String elementName, ImageTypeSpecifier imageType) {
    return true;
  }
}
