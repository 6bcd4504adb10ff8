package org.lic4j.media;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;

/** Metadata built in the test, as cameras and editors write it: an Exif block, ICC profiles, an XMP packet. */
public final class MetadataFixtures {
  private MetadataFixtures() {}

  /**
   * A big-endian Exif block (TIFF structure) whose first directory holds Make ("lic4j") and
   * Orientation {@code orientation}, as a camera writes them (Make's text out of line, after the
   * directory).
   */
  public static byte[] exif(int orientation) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
    b.writeBytes(new byte[] {0, 2});
    // Make (0x010F), ASCII, 6 values at offset 8 + 2 + 2 * 12 + 4 = 38.
    b.writeBytes(new byte[] {0x01, 0x0f, 0, 2, 0, 0, 0, 6, 0, 0, 0, 38});
    // Orientation (0x0112), SHORT, 1 value, in the entry.
    b.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0});
    b.writeBytes(new byte[] {0, 0, 0, 0});
    b.writeBytes("lic4j\0".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  /** The JDK's linear-RGB profile: an RGB profile that is not sRGB, with a description. */
  public static byte[] linearRgbProfile() {
    return ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
  }

  public static byte[] xmp() {
    return ("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/jpeg\"/></rdf:RDF></x:xmpmeta>"
        + "<?xpacket end=\"w\"?>").getBytes(StandardCharsets.UTF_8);
  }

  /** Exif with {@code orientation}, the linear-RGB profile, XMP. */
  public static PictureMetadata all(int orientation) {
    return PictureMetadata.of(linearRgbProfile(), exif(orientation), xmp());
  }

  /** A w x h picture whose pixel (x, y) says where it is: red = x * 16, green = y * 16, blue 128. */
  public static RgbImage positions(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = 3 * (y * w + x);
        rgb[i] = (byte) (x * 16);
        rgb[i + 1] = (byte) (y * 16);
        rgb[i + 2] = (byte) 128;
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }
}
