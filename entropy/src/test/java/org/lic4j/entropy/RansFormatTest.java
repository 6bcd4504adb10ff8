package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked example of docs/entropy.md, byte for byte. */
class RansFormatTest {
  private static final TableSet TABLES = TableSet.of(CdfTable.of(new int[] {0, 1, 3, 4}, 0, 2));
  private static final int[] VALUES = {1, 0, 5};
  private static final byte[] STREAM = HexFormat.of().parseHex("0800002e0400000001");

  @Test
  void workedExampleEncodes() {
    assertArrayEquals(STREAM, new RansEncoder().encode(VALUES, new int[3], TABLES));
    assertArrayEquals(STREAM, ReferenceRans.encode(VALUES, new int[3], TABLES));
  }

  @Test
  void workedExampleDecodes() throws Exception {
    int[] out = new int[3];
    new RansDecoder().decode(STREAM, 0, STREAM.length, new int[3], TABLES, out);
    assertArrayEquals(VALUES, out);
  }
}
