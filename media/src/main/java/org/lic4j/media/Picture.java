package org.lic4j.media;

import java.util.List;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;

/**
 * A picture read from a file with its metadata and what the reading changed that the user should
 * hear about (16-bit samples reduced to 8, a CMYK profile applied, an orientation applied).
 *
 * @param image the pixels
 * @param metadata what is kept of the file's metadata
 * @param notices one line each, without the file name
 */
public record Picture(RgbImage image, PictureMetadata metadata, List<String> notices) {
  public Picture {
    notices = List.copyOf(notices);
  }
}
