package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.UnsupportedFeatureException;

/**
 * Streams this decoder must refuse though they are intact: another model (by name or by hash
 * alone), and what the codec does not produce. The message names what the stream needs.
 */
class ModelMismatchTest {
  private static byte[] stream;

  @BeforeAll
  static void encode() throws Exception {
    stream = SharedModel.encoder().encode(TestPictures.colour(40, 30, 3), EncodeParams.quality(50)).stream();
  }

  private static byte[] withHeader(UnaryOperator<StreamHeader.Builder> edit) throws Exception {
    return StreamSurgery.rewrite(stream, h -> edit.apply(h.toBuilder()).build(), (e, d) -> d);
  }

  @Test
  void anotherModelIsNamedInTheMessage() throws Exception {
    String hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    byte[] other = withHeader(b -> b.model(ModelId.of("lic-image-v0", hash)));
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> SharedModel.decoder().decode(other, "old.lic"));
    assertEquals("lic-image-v0", e.neededName());
    assertEquals(hash, e.neededHash());
    assertTrue(e.getMessage().contains("lic-image-v0"), e.getMessage());
    assertTrue(e.getMessage().contains(hash.substring(0, 16)), e.getMessage());
    assertTrue(e.getMessage().contains("old.lic"), e.getMessage());
  }

  @Test
  void sameNameOtherWeightsIsAnotherModel() throws Exception {
    ModelId ours = SharedModel.model().id();
    byte[] hash = ours.sha256();
    hash[31] ^= 1;
    byte[] retrained = withHeader(b -> b.model(new ModelId(ours.name(), hash)));
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> SharedModel.decoder().decode(retrained, "retrained.lic"));
    assertTrue(Arrays.equals(hash, HexFormat.of().parseHex(e.neededHash())));
    assertThrows(ModelMismatchException.class,
        () -> SharedModel.decoder().decodeRegion(retrained, "retrained.lic", 0, 0, 1, 1));
  }

  @Test
  void whatTheCodecDoesNotProduceIsUnsupported() throws Exception {
    byte[] deep = withHeader(b -> b.bitDepth(10));
    assertThrows(UnsupportedFeatureException.class, () -> SharedModel.decoder().decode(deep, "deep.lic"));
    // The container allows 16-pixel overlaps; the codec's windows are on its 64-pixel grid.
    byte[] offGrid = withHeader(b -> b.tiles(new TileLayout(1024, 1024, 16)));
    assertThrows(UnsupportedFeatureException.class, () -> SharedModel.decoder().decode(offGrid, "grid.lic"));
  }
}
