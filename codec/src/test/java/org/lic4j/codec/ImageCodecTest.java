package org.lic4j.codec;

import java.io.IOException;

/** The codec contract through {@link ImageEncoder} and {@link ImageDecoder} on byte arrays. */
class ImageCodecTest extends AbstractImageCodecTest {
  @Override
  protected byte[] encode(RgbImage image, double quality) throws IOException {
    return SharedModel.encoder().encode(image, EncodeParams.quality(quality)).stream();
  }

  @Override
  protected RgbImage decode(byte[] stream) throws IOException {
    return SharedModel.decoder().decode(stream, "test.lic");
  }
}
