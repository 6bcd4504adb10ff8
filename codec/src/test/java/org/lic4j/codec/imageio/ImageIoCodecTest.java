package org.lic4j.codec.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.lic4j.codec.AbstractImageCodecTest;
import org.lic4j.codec.RgbImage;

/** The codec contract through ImageIO: a writer found by suffix, {@code ImageIO.read} back. */
class ImageIoCodecTest extends AbstractImageCodecTest {
  static {
    ImageIO.setUseCache(false);
  }

  @Override
  protected byte[] encode(RgbImage image, double quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersBySuffix("lic").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality((float) (quality / 100));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(toBufferedImage(image), null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  @Override
  protected RgbImage decode(byte[] stream) throws IOException {
    return RgbImage.of(ImageIO.read(new ByteArrayInputStream(stream)));
  }

  /** RgbImage's own conversion, but grey+alpha as the two-band image ImageIO readers return. */
  static BufferedImage toBufferedImage(RgbImage image) {
    if (!(image.isGray() && image.hasAlpha())) {
      return image.toBufferedImage();
    }
    BufferedImage out = ImageTypeSpecifier
        .createGrayscale(8, DataBuffer.TYPE_BYTE, false, false).createBufferedImage(image.width(), image.height());
    for (int i = 0; i < image.width() * image.height(); i++) {
      out.getRaster().setSample(i % image.width(), i / image.width(), 0, image.rgb()[3 * i] & 0xff);
      out.getRaster().setSample(i % image.width(), i / image.width(), 1, image.alpha()[i] & 0xff);
    }
    return out;
  }
}
