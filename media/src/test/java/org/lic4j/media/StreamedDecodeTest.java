package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.PictureTiles;
import org.lic4j.codec.RgbImage;

/**
 * A stream written band by band ({@link ImageFiles#write(PictureTiles, ImageFiles.Format,
 * java.io.OutputStream)}) gives the very file the whole decoded picture gives, in every output
 * format, for colour, grey and alpha, with bands cut by the picture's edge.
 */
class StreamedDecodeTest {
  private static ImageModel model;
  private static ImageEncoder encoder;
  private static ImageDecoder decoder;

  @BeforeAll
  static void open() throws IOException {
    model = ImageModel.open(CodecOptions.defaults());
    encoder = ImageEncoder.open(model);
    decoder = ImageDecoder.open(model);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** A picture with some texture: a ramp with a pattern, so that no band is flat. */
  private static RgbImage picture(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        rgb[i] = (byte) (x * 255 / w);
        rgb[i + 1] = (byte) (y * 255 / h);
        rgb[i + 2] = (byte) (((x / 7) ^ (y / 5)) * 31);
      }
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  private static byte[] alpha(int w, int h) {
    byte[] a = new byte[w * h];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (i % w < w / 2 ? 255 : i % 251);
    }
    return a;
  }

  @Test
  void bandsGiveTheFileOfTheWholePicture() throws IOException {
    int w = 150;
    int h = 200;
    RgbImage colour = picture(w, h);
    List<RgbImage> pictures = List.of(colour, colour.asGray(), colour.withAlpha(alpha(w, h)));
    for (RgbImage p : pictures) {
      // Tiles of 64 rows: 4 bands, the last 8 rows high.
      byte[] stream = encoder.encode(p, EncodeParams.quality(50).withTiles(64, 0)).stream();
      RgbImage whole = decoder.decode(stream, "test");
      for (ImageFiles.Format f : ImageFiles.Format.values()) {
        PictureTiles tiles = decoder.tiles(stream, "test");
        assertEquals(64, tiles.tileHeight());
        assertArrayEquals(ImageFiles.encode(whole, f), ImageFiles.encode(tiles, f),
            f + (p.isGray() ? " grey" : "") + (p.hasAlpha() ? " alpha" : ""));
      }
    }
  }
}
