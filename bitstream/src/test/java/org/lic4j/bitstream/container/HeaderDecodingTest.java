package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;


/**
 * Header fields out of range, each in a stream with valid checksums: rejected as corruption at
 * the field's offset. The field offsets below are taken from docs/bitstream.md, not from the
 * implementation, so the two are checked against each other.
 */
final class HeaderDecodingTest {
  /** HeaderBody starts after Magic[8], Major, Minor, HeaderLength u16. */
  private static final int BODY = 12;

  /**
   * Patches {@code width} bytes at HeaderBody offset {@code patch} to {@code value}; expects the
   * reason at HeaderBody offset {@code reported} (frame fields are reported at FrameType, which
   * they are checked with; a header length mismatch at HeaderLength, body offset -2).
   */
  @ParameterizedTest(name = "{0} = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      MediaKind     |  0 | 1 | 2          |  0 | invalid media kind code 2
      ColourFormat  |  1 | 1 | 0          |  1 | invalid colour format code 0
      ColourFormat  |  1 | 1 | 5          |  1 | invalid colour format code 5
      ColourFormat  |  1 | 1 | 7          |  1 | invalid colour format code 7
      BitDepth      |  2 | 1 | 0          |  2 | bit depth 0 out of range 1..16
      BitDepth      |  2 | 1 | 17         |  2 | bit depth 17 out of range 1..16
      FrameType     |  3 | 1 | 3          |  3 | invalid frame type code 3
      FrameType     |  3 | 1 | 1          |  3 | image with frame type PREDICTED (must be INTRA)
      Width         |  4 | 4 | 0          |  4 | width 0 out of range 1..2147483647
      Width         |  4 | 4 | 2147483648 |  4 | width 2147483648 out of range 1..2147483647
      Height        |  8 | 4 | 0          |  8 | height 0 out of range 1..2147483647
      Height        |  8 | 4 | 32769      |  8 | height 32769 exceeds limit maxHeight=32768
      FrameIndex    | 12 | 4 | 7          |  3 | image with frame index 7 (must be 0)
      GopLength     | 16 | 2 | 0          |  3 | image with GOP length 0 (must be 1)
      Quality       | 18 | 2 | 10001      | 18 | quality 10001 out of range 0..10000
      TileWidth     | 20 | 2 | 100        | 20 | tile width 100 is not a multiple of 64 in 64..65472
      TileWidth     | 20 | 2 | 0          | 20 | tile width 0 is not a multiple of 64 in 64..65472
      TileHeight    | 22 | 2 | 65535      | 22 | tile height 65535 is not a multiple of 64 in 64..65472
      TileOverlap   | 24 | 2 | 65         | 24 | tile overlap 65 out of range 0..64
      ModelNameLen  | 26 | 1 | 0          | 26 | model name length 0 out of range 1..64
      ModelNameLen  | 26 | 1 | 65         | 26 | model name length 65 out of range 1..64
      ModelNameLen  | 26 | 1 | 20         | 26 | header length 76 too short for a model name of 20 bytes
      ModelNameLen  | 26 | 1 | 16         | -2 | header length 76 does not match format 1.0 (expected 75)
      ModelName     | 27 | 1 | 255        | 26 | model name is not well-formed UTF-8
      ModelName     | 27 | 1 | 10         | 26 | model name contains control character U+000A
      """)
  void fieldOutOfRangeIsCorruptAtItsOffset(
      String field, int patch, int width, long value, int reported, String reason) {
    byte[] body = RawStream.patch(RawStream.body(Samples.header()), patch, width, value);
    byte[] stream = RawStream.start(1, 0, body).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> ContainerReader.read(stream, "h.lic"));
    assertEquals(reason, e.reason());
    assertEquals(BODY + reported, e.offset(), e.getMessage());
  }

  @Test
  void reservedColourFormatOfANewerMinorIsUnsupportedNotCorrupt() {
    byte[] body = RawStream.patch(RawStream.body(Samples.header()), 1, 1, 5);
    byte[] stream = RawStream.start(1, 1, body).finish();
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> ContainerReader.read(stream, "h.lic"));
    assertEquals("colour format code 5 (format 1.1) not supported by this reader (format 1.0)",
        e.reason());
    assertEquals(BODY + 1, e.offset());
  }

  @Test
  void headerShorterThanTheMinimumIsCorrupt() {
    byte[] stream = RawStream.start(1, 0, new byte[10]).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> ContainerReader.read(stream, "h.lic"));
    assertEquals("header length 10 below minimum 60", e.reason());
    assertEquals(10, e.offset());
  }

  @Test
  void videoFrameHeaderRoundTrips() throws IOException {
    StreamHeader frame = Samples.header().toBuilder()
        .mediaKind(MediaKind.VIDEO)
        .colourFormat(ColourFormat.RGB)
        .bitDepth(10)
        .frame(FrameType.BIPREDICTED, 0xFFFF_FFFFL, 65_535)
        .build();
    byte[] stream = RawStream.start(frame).finish();
    assertEquals(frame, ContainerReader.read(stream, "v.lic").header());
  }

  @Test
  void multiByteModelNameRoundTrips() throws IOException {
    ModelId model = new ModelId("modèle-ñ-日本", Samples.sha256("m"));
    StreamHeader header = Samples.header().toBuilder().model(model).build();
    ContainerReader reader = ContainerReader.read(RawStream.start(header).finish(), "m.lic");
    assertEquals(model, reader.header().model());
    assertTrue(reader.header().model().sha256Hex().matches("[0-9a-f]{64}"));
  }
}
