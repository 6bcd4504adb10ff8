package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hostile but well-formed tiles: symbols at the ends of the int range parse and decode to some
 * picture (pixels clamped, NaN and infinities mapped to 0 or 255), with no exception.
 */
class ExtremeSymbolsTest {
  @Test
  void extremeSymbolsDecodeToAPicture() throws Exception {
    byte[] base = SharedModel.encoder().encode(TestPictures.colour(64, 64, 7), EncodeParams.quality(50)).stream();
    LatentCoder.Symbols valid = SharedModel.latentCoder().decode(StreamSurgery.tileData(base, 0),
        SharedModel.model().hyperChannels(), 1, 1, SharedModel.model().latentChannels(),
        z -> SharedModel.model().scaleIndex(z, 1, 1));
    for (int extreme : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, -(1 << 30)}) {
      int[] z = new int[valid.z().length];
      Arrays.fill(z, extreme);
      int[] residual = new int[valid.residual().length];
      Arrays.fill(residual, extreme);
      LatentCoder.Symbols hostile = new LatentCoder.Symbols(z, valid.cz(), valid.zh(), valid.zw(), residual,
          SharedModel.model().scaleIndex(z, valid.zh(), valid.zw()), valid.m(), valid.yh(), valid.yw());
      byte[] stream = StreamSurgery.withTileData(base, 0, SharedModel.latentCoder().encode(hostile));
      RgbImage image = SharedModel.decoder().decode(stream, "extreme " + extreme);
      assertEquals(64, image.width());
    }
  }
}
