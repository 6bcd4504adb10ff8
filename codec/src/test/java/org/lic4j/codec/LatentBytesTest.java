package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The z / y split of a stream adds up to the stream and follows the tiling. */
class LatentBytesTest {
  @Test
  void splitAddsUpAndEachTileHasItsOwnZ() throws Exception {
    RgbImage image = TestPictures.colour(300, 200, 5);
    byte[] one = SharedModel.encoder().encode(image, EncodeParams.quality(20)).stream();
    byte[] six = SharedModel.encoder().encode(image, EncodeParams.quality(20).withTiles(128, 64)).stream();
    LatentBytes a = LatentBytes.of(one, "one.lic");
    LatentBytes b = LatentBytes.of(six, "six.lic");
    assertEquals(one.length, a.z() + a.y() + a.other());
    assertEquals(six.length, b.z() + b.y() + b.other());
    assertTrue(a.z() > 0 && a.y() > 0, a.toString());
    // Six tiles: six headers' worth of framing more than one tile.
    assertTrue(b.other() > a.other(), a + " " + b);
  }
}
