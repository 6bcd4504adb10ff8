package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.container.ContainerLimits;


/** Validation and arithmetic of the public value types. */
final class ValueTypesTest {

  @Test
  void headerBuilderRequiresFieldsWithoutDefault() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StreamHeader.builder().size(10, 10).colourFormat(ColourFormat.RGB)
            .model(Samples.MODEL).tiles(TileLayout.square(64)).build());
    assertEquals("quality not set", e.getMessage());
    assertThrows(IllegalStateException.class, () -> StreamHeader.builder().build());
  }

  @Test
  void headerRangesAreChecked() {
    StreamHeader.Builder ok = Samples.header().toBuilder();
    assertEquals(Samples.header(), ok.build());
    assertThrows(IllegalArgumentException.class, () -> ok.size(0, 1).build());
    assertThrows(IllegalArgumentException.class,
        () -> Samples.header().toBuilder().quality(10_001).build());
    assertThrows(IllegalArgumentException.class,
        () -> Samples.header().toBuilder().bitDepth(17).build());
    assertThrows(IllegalArgumentException.class,
        () -> Samples.header().toBuilder().colourFormat(ColourFormat.YUV420).build());
    assertThrows(IllegalArgumentException.class,
        () -> Samples.header().toBuilder().frame(FrameType.PREDICTED, 1, 8).build());
    assertThrows(IllegalArgumentException.class, () -> Samples.header().toBuilder()
        .mediaKind(MediaKind.VIDEO).frame(FrameType.INTRA, 1L << 32, 8).build());
    assertThrows(IllegalArgumentException.class, () -> Samples.header().toBuilder()
        .size(Integer.MAX_VALUE, Integer.MAX_VALUE).tiles(TileLayout.square(64)).build());
  }

  @Test
  void tileGeometry() {
    StreamHeader header = Samples.header();
    assertEquals(3, header.tileColumns());
    assertEquals(2, header.tileRows());
    assertEquals(6, header.tileCount());
    assertEquals(60_000, header.pixelCount());
    assertEquals(1, TileLayout.square(512).tileCount(512, 512));
    assertEquals(4, TileLayout.square(512).tileCount(513, 513));
    assertThrows(IllegalArgumentException.class, () -> new TileLayout(96, 64, 0));
    assertThrows(IllegalArgumentException.class, () -> new TileLayout(64, 65_536, 0));
    assertThrows(IllegalArgumentException.class, () -> new TileLayout(128, 64, 33));
    assertEquals(32, new TileLayout(128, 64, 32).overlap());
  }

  @Test
  void modelId() {
    byte[] hash = Samples.sha256("x");
    ModelId id = new ModelId("m", hash);
    hash[0] ^= 1;
    assertNotEquals(hash[0], id.sha256()[0]);
    id.sha256()[1] ^= 1;
    assertEquals(new ModelId("m", Samples.sha256("x")), id);
    assertEquals(new ModelId("m", Samples.sha256("x")).hashCode(), id.hashCode());
    assertEquals(id, ModelId.of("m", id.sha256Hex()));
    assertEquals("m@sha256:" + id.sha256Hex(), id.toString());
    assertNotEquals(id, new ModelId("n", id.sha256()));

    assertThrows(IllegalArgumentException.class, () -> new ModelId("", hash));
    assertThrows(IllegalArgumentException.class, () -> new ModelId("a".repeat(65), hash));
    assertEquals(64, new ModelId("a".repeat(64), hash).nameUtf8().length);
    assertThrows(IllegalArgumentException.class, () -> new ModelId("\u20ac".repeat(22), hash));
    assertThrows(IllegalArgumentException.class, () -> new ModelId("tab\there", hash));
    assertThrows(IllegalArgumentException.class, () -> new ModelId("bad\ud800", hash));
    assertThrows(IllegalArgumentException.class, () -> new ModelId("m", new byte[31]));
  }

  @Test
  void limits() {
    ContainerLimits d = ContainerLimits.DEFAULT;
    assertEquals(32_768, d.maxWidth());
    assertEquals(32_768, d.maxHeight());
    assertEquals(1L << 28, d.maxPixels());
    assertEquals(256 << 20, d.maxChunkLength());
    assertEquals(1 << 20, d.maxChunkCount());
    assertEquals(7, d.withMaxWidth(7).maxWidth());
    assertEquals(7, d.withMaxHeight(7).maxHeight());
    assertEquals(7, d.withMaxPixels(7).maxPixels());
    assertEquals(7, d.withMaxChunkLength(7).maxChunkLength());
    assertEquals(7, d.withMaxChunkCount(7).maxChunkCount());
    assertThrows(IllegalArgumentException.class, () -> d.withMaxWidth(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxChunkLength(3));
    assertThrows(IllegalArgumentException.class,
        () -> d.withMaxChunkLength(Integer.MAX_VALUE));
  }

  @Test
  void chunkTypes() {
    assertSame(ChunkType.TILE, ChunkType.of("TILE"));
    assertTrue(ChunkType.TILE.isMandatory());
    assertTrue(ChunkType.TILE.isTileIndexed());
    assertTrue(ChunkType.ALPH.isMandatory());
    assertFalse(ChunkType.ICCP.isMandatory());
    assertFalse(ChunkType.TEXT.isTileIndexed());
    assertEquals(0x5449_4C45, ChunkType.TILE.code());
    assertEquals(
        java.util.List.of("TILE", "ALPH", "FOOT", "iccp", "exif", "text"),
        java.util.List.copyOf(ChunkType.registered().keySet()));

    ChunkType custom = ChunkType.of("aB3z");
    assertFalse(custom.isRegistered());
    assertFalse(custom.isMandatory());
    assertFalse(custom.isTileIndexed());
    assertEquals(custom, ChunkType.of("aB3z"));
    assertTrue(ChunkType.of("Zq00").isMandatory());
    for (String bad : new String[] {"TIL", "TILES", "1abc", "ab c", "ab-c", "t\u00e9st"}) {
      assertThrows(IllegalArgumentException.class, () -> ChunkType.of(bad), bad);
    }
  }

  @Test
  void formatVersions() {
    assertEquals("1.0", FormatVersion.CURRENT.toString());
    assertTrue(new FormatVersion(1, 10).compareTo(new FormatVersion(1, 9)) > 0);
    assertTrue(new FormatVersion(2, 0).compareTo(new FormatVersion(1, 255)) > 0);
    assertThrows(IllegalArgumentException.class, () -> new FormatVersion(256, 0));
    assertThrows(IllegalArgumentException.class, () -> new FormatVersion(1, -1));
  }

  @Test
  void colourFormats() {
    assertEquals(4, ColourFormat.RGBA.channels());
    assertTrue(ColourFormat.GRAY_ALPHA.hasAlpha());
    assertFalse(ColourFormat.RGB.hasAlpha());
    assertTrue(ColourFormat.YUV444.isReserved());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6},
        java.util.Arrays.stream(ColourFormat.values()).mapToInt(ColourFormat::code).toArray());
  }
}
