package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The same input gives the same bytes and the same pixels, whatever the thread count. */
class DeterminismTest {
  @Test
  void encodingTwiceGivesTheSameBytes() throws Exception {
    RgbImage image = TestPictures.colour(200, 150, 21).withAlpha(TestPictures.alpha(200, 150, 21));
    EncodeParams params = EncodeParams.quality(55).withTiles(128, 64);
    byte[] first = SharedModel.encoder().encode(image, params).stream();
    byte[] second = SharedModel.encoder().encode(image, params).stream();
    assertArrayEquals(first, second);
  }

  @Test
  void decodingWithOneOrTwoThreadsGivesTheSamePixels() throws Exception {
    RgbImage image = TestPictures.colour(260, 140, 22);
    byte[] stream = SharedModel.encoder().encode(image, EncodeParams.quality(70).withTiles(128, 64)).stream();
    RgbImage one;
    RgbImage two;
    try (ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults().withThreads(1))) {
      one = decoder.decode(stream, "one.lic");
    }
    try (ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults().withThreads(2))) {
      two = decoder.decode(stream, "two.lic");
    }
    assertArrayEquals(one.rgb(), two.rgb());
    assertArrayEquals(one.rgb(), SharedModel.decoder().decode(stream, "shared.lic").rgb());
  }
}
