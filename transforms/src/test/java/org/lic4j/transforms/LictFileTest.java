package org.lic4j.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ModelFormatException;

class LictFileTest {

  private static byte[] sample() {
    return new LictWriter()
        .int8("a.int8", new byte[] {-128, -1, 0, 127}, 2, 2)
        .int16("b.int16", new short[] {-32768, 32767, 5}, 3)
        .int32("c.int32", new int[] {Integer.MIN_VALUE, -7, Integer.MAX_VALUE}, 1, 3)
        .int64("d.int64", new long[] {-5, 1L << 30}, 2)
        .float32("e.float32", new float[] {1.5f, -0f, Float.MAX_VALUE}, 3)
        .float16("f.float16", new short[] {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x7C00}, 5)
        .uint8("g.uint8", new byte[] {(byte) 255, 0}, 2)
        .int32("h.scalar", new int[] {42})
        .int32("i.empty", new int[0], 0, 7)
        .int32("j.ünïcode", new int[] {1}, 1)
        .toBytes();
  }

  @Test
  void readsEveryDataType() throws Exception {
    LictFile f = LictFile.parse(sample(), "sample.lict");
    assertEquals(List.of("a.int8", "b.int16", "c.int32", "d.int64", "e.float32", "f.float16",
        "g.uint8", "h.scalar", "i.empty", "j.ünïcode"), List.copyOf(f.names()));
    assertArrayEquals(new byte[] {-128, -1, 0, 127}, f.int8("a.int8"));
    assertArrayEquals(new int[] {-128, -1, 0, 127}, f.ints("a.int8"));
    assertArrayEquals(new int[] {2, 2}, f.shape("a.int8"));
    assertArrayEquals(new int[] {-32768, 32767, 5}, f.ints("b.int16"));
    assertArrayEquals(new int[] {Integer.MIN_VALUE, -7, Integer.MAX_VALUE}, f.ints("c.int32"));
    assertArrayEquals(new int[] {-5, 1 << 30}, f.ints("d.int64"));
    assertArrayEquals(new float[] {1.5f, -0f, Float.MAX_VALUE}, f.floats("e.float32"));
    assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY},
        f.floats("f.float16"));
    assertArrayEquals(new int[] {255, 0}, f.ints("g.uint8"));
    assertArrayEquals(new int[] {42}, f.ints("h.scalar"));
    assertArrayEquals(new int[0], f.shape("h.scalar"));
    assertArrayEquals(new int[0], f.ints("i.empty"));
    assertArrayEquals(new int[] {0, 7}, f.shape("i.empty"));
    assertEquals(LictFile.DataType.FLOAT16, f.type("f.float16"));
    assertArrayEquals(new int[] {1}, f.ints("j.ünïcode"));
  }

  @Test
  void halfToFloatCoversSpecialValues() {
    assertEquals(0f, LictFile.halfToFloat((short) 0));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(LictFile.halfToFloat(
        (short) 0x8000)));
    assertEquals(0x1p-14f, LictFile.halfToFloat((short) 0x0400)); // smallest normal
    assertEquals(0x3FFp-24f, LictFile.halfToFloat((short) 0x03FF)); // largest subnormal
    assertEquals(Float.NEGATIVE_INFINITY, LictFile.halfToFloat((short) 0xFC00));
    assertTrue(Float.isNaN(LictFile.halfToFloat((short) 0x7E00)));
    // Monotone over all positive finite halves: each is exactly representable and ordered.
    float previous = -1;
    for (int h = 0; h < 0x7C00; h++) {
      float v = LictFile.halfToFloat((short) h);
      assertTrue(v > previous, "half " + h);
      previous = v;
    }
  }

  @Test
  void wrongTypeOrMissingEntryIsReported() throws Exception {
    LictFile f = LictFile.parse(sample(), "sample.lict");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> f.floats("c.int32"));
    assertTrue(e.getMessage().contains("'c.int32' is int32, expected float32 or float16"),
        e.getMessage());
    assertThrows(ModelFormatException.class, () -> f.ints("e.float32"));
    assertThrows(ModelFormatException.class, () -> f.int8("c.int32"));
    e = assertThrows(ModelFormatException.class, () -> f.ints("nope"));
    assertTrue(e.getMessage().contains("missing entry 'nope'"), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> f.requireShape("a.int8", 2, 3));
    assertTrue(e.getMessage().contains("'a.int8' has shape [2, 2], expected [2, 3]"),
        e.getMessage());
    assertArrayEquals(new int[] {2, 2}, f.requireShape("a.int8", -1, 2));
  }

  @Test
  void int64BeyondIntIsRejected() throws Exception {
    LictFile f = LictFile.parse(
        new LictWriter().int64("big", new long[] {1L << 31}, 1).toBytes(), "big.lict");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> f.ints("big"));
    assertTrue(e.getMessage().contains("does not fit an int"), e.getMessage());
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] file = sample();
    for (int length = 0; length < file.length; length++) {
      byte[] cut = Arrays.copyOf(file, length);
      assertThrows(ModelFormatException.class, () -> LictFile.parse(cut, "cut.lict"),
          "length " + length);
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] file = sample();
    byte[] longer = Arrays.copyOf(file, file.length + 3);
    System.arraycopy(file, file.length - 4, longer, file.length - 1, 4); // footer moved to the end
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> LictFile.parse(longer, "long.lict"));
    assertTrue(e.getMessage().contains("unexpected bytes after the last entry"), e.getMessage());
  }

  @Test
  void headerErrorsNameReasonOffsetAndResource() {
    byte[] file = sample();
    byte[] magic = file.clone();
    magic[0] = 'X';
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> LictFile.parse(magic, "entropy.lict"));
    assertEquals("bad LICT magic: offset=0 (resource=entropy.lict)", e.getMessage());
    assertEquals(0, e.offset());
    assertEquals("entropy.lict", e.resource());

    byte[] version = file.clone();
    version[5] = 2;
    e = assertThrows(ModelFormatException.class, () -> LictFile.parse(version, "v.lict"));
    assertTrue(e.getMessage().startsWith("unsupported LICT version 2 (supported 1..1)"),
        e.getMessage());

    byte[] footer = file.clone();
    footer[footer.length - 1] = 'X';
    e = assertThrows(ModelFormatException.class, () -> LictFile.parse(footer, "f.lict"));
    assertTrue(e.getMessage().contains("bad LICT footer"), e.getMessage());
  }

  @Test
  void absurdSizesFailFastWithoutAllocating() {
    // One entry claiming 2^32-1 x 2^32-1 int64 elements in a 40-byte file.
    ByteBuffer b = ByteBuffer.allocate(40);
    b.put("LICT".getBytes()).putShort((short) 1).putInt(1);
    b.putShort((short) 1).put((byte) 'x').put((byte) 3).put((byte) 2).putInt(-1).putInt(-1);
    int used = b.position();
    byte[] file = Arrays.copyOf(b.array(), used + 4);
    System.arraycopy("TCIL".getBytes(), 0, file, used, 4);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> LictFile.parse(file, "huge.lict"));
    assertTrue(e.getMessage().contains("needs more data than the file holds"), e.getMessage());

    byte[] count = sample();
    count[6] = (byte) 0xFF; // entry count 0xFF......
    e = assertThrows(ModelFormatException.class, () -> LictFile.parse(count, "count.lict"));
    assertTrue(e.getMessage().contains("exceeds the file"), e.getMessage());
  }

  @Test
  void badEntryHeadersAreRejected() {
    byte[] file = new LictWriter().int32("ab", new int[] {1}, 1).toBytes();
    int dtypeAt = 10 + 2 + 2;
    byte[] dtype = file.clone();
    dtype[dtypeAt] = 9;
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> LictFile.parse(dtype, "d.lict"));
    assertEquals("unknown dtype 9 of 'ab': offset=14 (resource=d.lict)", e.getMessage());

    byte[] rank = file.clone();
    rank[dtypeAt + 1] = 9;
    e = assertThrows(ModelFormatException.class, () -> LictFile.parse(rank, "r.lict"));
    assertTrue(e.getMessage().contains("rank 9 of 'ab' exceeds 8"), e.getMessage());

    byte[] utf8 = file.clone();
    utf8[12] = (byte) 0xC3; // a lead byte followed by 'b': malformed
    e = assertThrows(ModelFormatException.class, () -> LictFile.parse(utf8, "u.lict"));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());

    byte[] twice = new LictWriter().int32("a", new int[] {1}, 1).int32("a", new int[] {2}, 1)
        .toBytes();
    e = assertThrows(ModelFormatException.class, () -> LictFile.parse(twice, "t.lict"));
    assertTrue(e.getMessage().contains("duplicate entry 'a'"), e.getMessage());
  }

  @Test
  void bitFlipsNeverEscapeAsOtherExceptions() {
    byte[] file = sample();
    for (int bit = 0; bit < file.length * 8; bit++) {
      byte[] flipped = file.clone();
      flipped[bit >> 3] ^= (byte) (1 << (bit & 7));
      try {
        LictFile f = LictFile.parse(flipped, "flip.lict");
        for (String name : f.names()) {
          try {
            if (f.type(name) == LictFile.DataType.FLOAT32
                || f.type(name) == LictFile.DataType.FLOAT16) {
              f.floats(name);
            } else {
              f.ints(name);
            }
          } catch (ModelFormatException expected) {
            // an int64 that no longer fits an int
          }
        }
      } catch (ModelFormatException expected) {
        // the typed rejection is the point
      }
    }
  }

  @Test
  void readsTheBundleFiles() throws Exception {
    LictFile entropy = LictFile.read(TestBundles.directory().resolve("entropy.lict"));
    assertTrue(entropy.names().containsAll(List.of("scale_net.c1.weight", "y_cdf",
        "z_cdf_offset", "gain.log", "inv_gain.log", "scale_table")));
    LictFile golden = TestBundles.golden();
    assertArrayEquals(new int[] {3, 128, 192}, golden.shape("golden.image"));
    assertEquals(LictFile.DataType.UINT8, golden.type("golden.image"));
  }
}
