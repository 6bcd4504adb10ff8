package org.lic4j.codec.imageio;

import java.util.Locale;
import javax.imageio.ImageWriteParam;
import org.lic4j.codec.EncodeParams;

/**
 * Write parameters of {@link LicImageWriter}: one compression type, lossy, whose quality 0..1 is
 * the codec's quality 0..100. Without {@link #MODE_EXPLICIT} the quality is {@link
 * #DEFAULT_QUALITY}; compression cannot be disabled.
 */
final class LicImageWriteParam extends ImageWriteParam {
  /** The quality when none is set: the codec's default (0.75). */
  static final float DEFAULT_QUALITY = (float) (EncodeParams.DEFAULT_QUALITY / 100);
  private static final String COMPRESSION_TYPE = "lic";

  LicImageWriteParam(Locale locale) {
    super(locale);
    canWriteCompressed = true;
    compressionTypes = new String[] {COMPRESSION_TYPE};
    compressionType = COMPRESSION_TYPE;
    compressionQuality = DEFAULT_QUALITY;
  }

  @Override
  public boolean isCompressionLossless() {
    super.isCompressionLossless();
    return false;
  }

  @Override
  public void unsetCompression() {
    super.unsetCompression();
    compressionType = COMPRESSION_TYPE;
    compressionQuality = DEFAULT_QUALITY;
  }
}
