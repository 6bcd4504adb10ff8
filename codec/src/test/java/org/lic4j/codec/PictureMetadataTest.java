package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.container.ContainerReader;

/** Metadata chunks (docs/bitstream.md, 5.1) written by the encoder and read back without a model. */
class PictureMetadataTest {
  /** A little-endian Exif block: one directory with Orientation {@code value}, then a second entry. */
  static byte[] exif(int value) {
    return new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 2, 0,
        0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) value, 0, 0, 0,
        0x31, 0x01, 2, 0, 4, 0, 0, 0, 'l', 'i', 'c', 0,
        0, 0, 0, 0};
  }

  private static final byte[] XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes(StandardCharsets.UTF_8);

  @Test
  void theEncoderWritesTheChunksFirstAndTheyReadBack() throws IOException {
    byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    PictureMetadata m = PictureMetadata.of(icc, exif(6), XMP);
    // The shared model's coders are never closed: closing one would close the model.
    byte[] stream = SharedModel.encoder().encode(TestPictures.colour(70, 40, 3), EncodeParams.quality(40), m).stream();
    assertEquals(m, PictureMetadata.read(stream, "x.lic"));
    List<ChunkEntry> chunks = ContainerReader.read(stream, "x.lic").chunks();
    assertEquals(List.of(ChunkType.ICCP, ChunkType.EXIF, ChunkType.TEXT, ChunkType.TILE),
        chunks.stream().map(ChunkEntry::type).toList());
    byte[] text = ContainerReader.read(stream, "x.lic").readPayload(chunks.get(2));
    assertEquals(PictureMetadata.XMP_KEYWORD + "\0" + new String(XMP, StandardCharsets.UTF_8),
        new String(text, StandardCharsets.UTF_8));
    assertTrue(m.iccDescription().contains("sRGB"), m.iccDescription());
    assertEquals(70, SharedModel.decoder().decode(stream, "x.lic").width(), "the decoder skips metadata");
  }

  @Test
  void orientationIsReadAndChangedInPlace() {
    PictureMetadata m = PictureMetadata.of(null, exif(6), null);
    assertEquals(6, m.orientation());
    PictureMetadata upright = m.withOrientation(1);
    assertEquals(1, upright.orientation());
    byte[] expected = exif(1);
    assertArrayEquals(expected, upright.exif(), "only the value changed");
    assertEquals(0, PictureMetadata.of(null, exif(9), null).orientation(), "out of range");
    assertEquals(0, PictureMetadata.NONE.orientation());
    assertEquals(0, PictureMetadata.of(null, new byte[] {'M', 'M', 0, 42, 0, 0, 0, 99}, null).orientation(),
        "a directory offset past the end");
    assertThrows(IllegalArgumentException.class, () -> PictureMetadata.of(null, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, null));
  }

  @Test
  void partsAreSelectedAndCopied() {
    byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
    PictureMetadata m = PictureMetadata.of(icc, exif(3), XMP);
    assertEquals(PictureMetadata.of(null, exif(3), null), m.select(false, true, false));
    assertTrue(m.select(false, false, false).isEmpty());
    assertEquals(icc.length + exif(3).length + XMP.length, m.size());
    m.iccProfile()[0] ^= 1;
    assertArrayEquals(icc, m.iccProfile(), "a copy");
    assertNull(PictureMetadata.of(new byte[0], null, null).iccProfile(), "empty is absent");
    assertNull(PictureMetadata.of(new byte[200], null, null).iccDescription(), "no tag table");
  }
}
