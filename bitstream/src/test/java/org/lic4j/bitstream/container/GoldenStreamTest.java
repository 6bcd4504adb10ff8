package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;


/**
 * Format 1.0 is frozen in a golden stream: the writer must keep producing it byte for byte, and
 * every later reader must keep reading it. Regenerate only on purpose, when the format version
 * changes: {@code mvn -B -pl bitstream test -Dlic4j.regenerateGolden=true}, then add the new file
 * next to the old ones, which stay.
 */
final class GoldenStreamTest {
  private static final String GOLDEN = "golden/format-1.0/sample.lic";
  private static final Path SOURCE = Path.of("src/test/resources/org/lic4j/bitstream/container", GOLDEN);
  private static final String REGENERATE = "lic4j.regenerateGolden";

  @Test
  void writerReproducesTheGoldenStream() throws IOException {
    byte[] written = Samples.stream();
    if (Boolean.getBoolean(REGENERATE)) {
      Files.createDirectories(SOURCE.getParent());
      Files.write(SOURCE, written);
      return;
    }
    assertArrayEquals(golden(), written, "the writer no longer produces format 1.0's golden"
        + " stream; if the format changed on purpose, bump the version and regenerate");
  }

  @Test
  void goldenStreamReads() throws IOException {
    ContainerReader reader = ContainerReader.read(golden(), GOLDEN);
    assertEquals(new FormatVersion(1, 0), reader.version());
    assertEquals(Samples.header(), reader.header());
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(Samples.tileData(i), reader.readData(reader.tile(i).orElseThrow()));
    }
    assertArrayEquals(Samples.alphaData(1), reader.readData(reader.alpha(1).orElseThrow()));
    assertArrayEquals(Samples.ICC, reader.readData(reader.chunks(ChunkType.ICCP).get(0)));
  }

  /** The worked example in docs/bitstream.md: signature, version, HeaderLength, first fields. */
  @Test
  void goldenStreamStartsAsTheSpecShows() throws IOException {
    byte[] golden = golden();
    assertEquals("894c49430d0a1a0a" + "0100" + "004c" + "00040800" + "0000012c" + "000000c8"
            + "00000000" + "0001" + "004b" + "0080" + "0080" + "0010" + "11",
        HexFormat.of().formatHex(golden, 0, 12 + 27));
    assertEquals(412, golden.length);
  }

  private static byte[] golden() throws IOException {
    if (Boolean.getBoolean(REGENERATE)) {
      return Samples.stream();
    }
    try (InputStream in = GoldenStreamTest.class.getResourceAsStream(GOLDEN)) {
      assertNotNull(in, GOLDEN + " missing; generate it with -D" + REGENERATE + "=true");
      return in.readAllBytes();
    }
  }
}
