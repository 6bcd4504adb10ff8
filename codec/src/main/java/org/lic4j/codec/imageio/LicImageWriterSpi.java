package org.lic4j.codec.imageio;

import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.util.Locale;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;

/** Service provider of {@link LicImageWriter}, registered in {@code META-INF/services}. */
public final class LicImageWriterSpi extends ImageWriterSpi {
  /** Samples beyond this many bits cannot be read (the codec reduces 16-bit samples to 8). */
  private static final int MAX_SAMPLE_BITS = 16;

  public LicImageWriterSpi() {
    super(LicProviderInfo.VENDOR, LicProviderInfo.VERSION, LicProviderInfo.names(), LicProviderInfo.suffixes(),
        LicProviderInfo.mimeTypes(), LicProviderInfo.WRITER_CLASS, new Class<?>[] {ImageOutputStream.class},
        LicProviderInfo.readerSpis(), false, null, null, null, null, false, null, null, null, null);
  }

  /** Grey or RGB pictures (indexed ones too), with or without alpha, of up to 16 bits a sample. */
  @Override
  public boolean canEncodeImage(ImageTypeSpecifier type) {
    ColorModel cm = type.getColorModel();
    if (cm instanceof IndexColorModel) {
      return true;
    }
    int spaceType = cm.getColorSpace().getType();
    if (spaceType != ColorSpace.TYPE_GRAY && spaceType != ColorSpace.TYPE_RGB) {
      return false;
    }
    for (int bits : cm.getComponentSize()) {
      if (bits > MAX_SAMPLE_BITS) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ImageWriter createWriterInstance(Object extension) {
    return new LicImageWriter(this);
  }

  @Override
  public String getDescription(Locale locale) {
    return LicProviderInfo.DESCRIPTION;
  }
}
