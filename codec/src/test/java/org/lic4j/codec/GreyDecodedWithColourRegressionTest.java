package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Bug: a GRAY stream decoded to three different synthesised channels yet was marked grey. */
class GreyDecodedWithColourRegressionTest {
  @Test
  void everyDecodedGreyPixelHasEqualChannels() throws Exception {
    RgbImage image = TestPictures.gray(64, 48, 11);
    byte[] stream = SharedModel.encoder().encode(image, EncodeParams.quality(30)).stream();
    RgbImage decoded = SharedModel.decoder().decode(stream, "grey.lic");
    assertTrue(decoded.isGray());
    AbstractImageCodecTest.assertEqualChannels(decoded);
    RgbImage region = SharedModel.decoder().decodeRegion(stream, "grey.lic", 5, 7, 30, 20);
    assertTrue(region.isGray());
    AbstractImageCodecTest.assertEqualChannels(region);
    // The one plane a grey BufferedImage keeps is then the picture itself.
    BufferedImage out = decoded.toBufferedImage();
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, out.getType());
    assertEquals(decoded.rgb()[3 * 100] & 0xff, out.getRaster().getSample(100 % 64, 100 / 64, 0));
  }
}
