package org.lic4j.codec.imageio;

import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.lic4j.codec.LicFormat;

/** The plugin's reader as plain ImageIO finds it, on a stream in memory: what the ImageIO tests share. */
final class LicReaders {
  private LicReaders() {}

  static ImageReader reader(byte[] bytes) {
    ImageReader reader = ImageIO.getImageReadersByFormatName(LicFormat.NAME).next();
    reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
    return reader;
  }
}
