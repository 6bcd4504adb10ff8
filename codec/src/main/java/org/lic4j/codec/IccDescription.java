package org.lic4j.codec;

import java.nio.charset.StandardCharsets;

/**
 * The description of an ICC profile, from its tag table (ICC.1, 7.3): the {@code desc} tag as v2's
 * textDescriptionType (ASCII) or v4's multiLocalizedUnicodeType (its first record, UTF-16BE).
 * Read from the bytes rather than through {@code java.awt.color.ICC_Profile}, which refuses
 * profiles it cannot use for conversion; a description is wanted even then.
 */
final class IccDescription {
  private static final int TAG_TABLE = 128;
  private static final int DESC = 0x64657363;
  private static final int TYPE_DESC = 0x64657363;
  private static final int TYPE_MLUC = 0x6d6c7563;

  private IccDescription() {}

  /** The description, or {@code null} if the profile has none that reads. */
  static String of(byte[] p) {
    if (p.length < TAG_TABLE + 4) {
      return null;
    }
    long count = u32(p, TAG_TABLE);
    for (long i = 0; i < count; i++) {
      long at = TAG_TABLE + 4 + 12 * i;
      if (at + 12 > p.length) {
        return null;
      }
      if (u32(p, (int) at) == DESC) {
        long offset = u32(p, (int) at + 4);
        long size = u32(p, (int) at + 8);
        return offset + size <= p.length && size >= 12 ? text(p, (int) offset, (int) size) : null;
      }
    }
    return null;
  }

  private static String text(byte[] p, int offset, int size) {
    long type = u32(p, offset);
    if (type == TYPE_DESC) {
      long n = u32(p, offset + 8);
      if (n < 1 || 12 + n > size) {
        return null;
      }
      return clean(new String(p, offset + 12, (int) n, StandardCharsets.US_ASCII));
    }
    if (type == TYPE_MLUC && size >= 28) {
      long length = u32(p, offset + 20);
      long start = u32(p, offset + 24);
      if (start + length > size) {
        return null;
      }
      return clean(new String(p, offset + (int) start, (int) length, StandardCharsets.UTF_16BE));
    }
    return null;
  }

  private static String clean(String s) {
    int nul = s.indexOf('\0');
    String t = (nul < 0 ? s : s.substring(0, nul)).strip();
    return t.isEmpty() ? null : t;
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
  }
}
