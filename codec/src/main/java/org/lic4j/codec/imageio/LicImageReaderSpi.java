package org.lic4j.codec.imageio;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.lic4j.codec.LicFormat;

/** Service provider of {@link LicImageReader}, registered in {@code META-INF/services}. */
public final class LicImageReaderSpi extends ImageReaderSpi {
  public LicImageReaderSpi() {
    super(LicProviderInfo.VENDOR, LicProviderInfo.VERSION, LicProviderInfo.names(), LicProviderInfo.suffixes(),
        LicProviderInfo.mimeTypes(), LicProviderInfo.READER_CLASS, new Class<?>[] {ImageInputStream.class},
        LicProviderInfo.writerSpis(), false, null, null, null, null, false, null, null, null, null);
  }

  /** Whether {@code source} starts with the lic4j signature; the stream is left where it was. */
  @Override
  public boolean canDecodeInput(Object source) throws IOException {
    if (!(source instanceof ImageInputStream in)) {
      return false;
    }
    byte[] head = new byte[LicFormat.SIGNATURE_LENGTH];
    in.mark();
    try {
      in.readFully(head);
      return LicFormat.isLicStream(head);
    } catch (EOFException shorter) {
      return false;
    } finally {
      in.reset();
    }
  }

  @Override
  public ImageReader createReaderInstance(Object extension) {
    return new LicImageReader(this);
  }

  @Override
  public String getDescription(Locale locale) {
    return LicProviderInfo.DESCRIPTION;
  }
}
