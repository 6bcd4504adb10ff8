package org.lic4j.bitstream;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A chunk's four-byte type, and the registry of the types this version of the format defines.
 *
 * <p>A type is four ASCII letters or digits, the first a letter. As in PNG, the case of the first
 * letter says whether a reader may ignore the chunk: upper case is <em>mandatory</em> (a reader
 * that does not know the type must reject the stream), lower case is <em>optional</em> (a reader
 * that does not know it skips it). New types are added to the registry below, never renumbered;
 * types outside it may be written and read back as raw chunks.
 */
public final class ChunkType {
  private static final Map<Integer, ChunkType> REGISTRY = new LinkedHashMap<>();
  /** ASCII case bit: set for lower-case letters. */
  private static final int LOWER_CASE_BIT = 0x20;

  /**
   * Coded data of one tile. Payload: {@code TileIndex u32} (0..tileCount-1, at most one
   * {@code TILE} per index), then the codec's bytes.
   */
  public static final ChunkType TILE = register("TILE", true);

  /**
   * Coded alpha plane of one tile, only in streams whose colour format has alpha. Payload:
   * {@code TileIndex u32} (at most one {@code ALPH} per index), then the codec's bytes.
   */
  public static final ChunkType ALPH = register("ALPH", true);

  /** The footer: total stream length and the whole-stream checksum. Always last, exactly once. */
  public static final ChunkType FOOT = register("FOOT", false);

  /** Optional ICC colour profile; payload is the profile as defined by ICC.1. */
  public static final ChunkType ICCP = register("iccp", false);

  /** Optional Exif metadata; payload is the TIFF-structured Exif block, starting "II" or "MM". */
  public static final ChunkType EXIF = register("exif", false);

  /**
   * Optional text metadata; payload is a UTF-8 keyword of 1..79 bytes, a 0x00 byte, then UTF-8
   * text. XMP goes here under the keyword {@code XML:com.adobe.xmp}.
   */
  public static final ChunkType TEXT = register("text", false);

  private final int code;
  private final String name;
  private final boolean tileIndexed;
  private final boolean registered;

  private ChunkType(int code, String name, boolean tileIndexed, boolean registered) {
    this.code = code;
    this.name = name;
    this.tileIndexed = tileIndexed;
    this.registered = registered;
  }

  private static ChunkType register(String name, boolean tileIndexed) {
    int code = codeOf(name);
    ChunkType type = new ChunkType(code, name, tileIndexed, true);
    REGISTRY.put(code, type);
    return type;
  }

  /**
   * The type named by four ASCII letters or digits (the first a letter): the registered
   * constant if there is one, else an unregistered type.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid type
   */
  public static ChunkType of(String name) {
    Objects.requireNonNull(name, "name");
    ChunkType type = name.length() == 4 ? fromCode(codeOf(name)) : null;
    if (type == null) {
      throw new IllegalArgumentException(
          "chunk type '" + name + "' is not 4 ASCII letters or digits starting with a letter");
    }
    return type;
  }

  /** The registered types, in registration order. */
  public static Map<String, ChunkType> registered() {
    Map<String, ChunkType> byName = new LinkedHashMap<>();
    REGISTRY.values().forEach(type -> byName.put(type.name, type));
    return Collections.unmodifiableMap(byName);
  }

  /** The type whose big-endian bytes are {@code code}, or {@code null} if they are not valid. */
  public static ChunkType fromCode(int code) {
    ChunkType known = REGISTRY.get(code);
    if (known != null) {
      return known;
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (code >>> shift) & 0xFF;
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      boolean digit = c >= '0' && c <= '9';
      if (!(letter || (digit && shift != 24))) {
        return null;
      }
    }
    byte[] bytes = {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code};
    return new ChunkType(code, new String(bytes, StandardCharsets.US_ASCII), false, false);
  }

  private static int codeOf(String name) {
    int code = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      code = (code << 8) | (c < 0x80 ? c : 0);
    }
    return code;
  }

  /** The four characters. */
  public String name() {
    return name;
  }

  /** The four bytes as a big-endian {@code int}, as stored in the stream. */
  public int code() {
    return code;
  }

  /** Whether a reader that does not know this type must reject the stream (upper-case first). */
  public boolean isMandatory() {
    return ((code >>> 24) & LOWER_CASE_BIT) == 0;
  }

  /** Whether this type is in the registry of the current format version. */
  public boolean isRegistered() {
    return registered;
  }

  /** Whether the payload starts with a {@code TileIndex u32} ({@link #TILE}, {@link #ALPH}). */
  public boolean isTileIndexed() {
    return tileIndexed;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChunkType that && code == that.code;
  }

  @Override
  public int hashCode() {
    return code;
  }

  /** The four characters. */
  @Override
  public String toString() {
    return name;
  }
}
