package org.lic4j.bitstream.container;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;

/**
 * The ranges of docs/bitstream.md, in one place for the writer (which throws {@link
 * IllegalArgumentException}) and the reader (which throws {@link CorruptStreamException} at the
 * field's offset). Each check returns {@code null} when the value is valid, else the reason.
 * Public for the value types of {@code org.lic4j.bitstream}, which check with it; the package is
 * exported to the codec and the conformance checker only.
 */
public final class HeaderRules {
  /** Width and height are u32 on the wire but capped so they fit a Java {@code int}. */
  public static final long MAX_DIMENSION = Integer.MAX_VALUE;
  public static final int MAX_BIT_DEPTH = 16;
  public static final int MAX_QUALITY = 10_000;
  /** Tiles are whole multiples of the analysis transform's total downsampling. */
  public static final int TILE_STEP = 64;
  /** The largest multiple of {@link #TILE_STEP} a u16 holds. */
  public static final int MAX_TILE_SIZE = 65_472;
  public static final long MAX_FRAME_INDEX = 0xFFFF_FFFFL;
  public static final int MAX_GOP_LENGTH = 0xFFFF;
  public static final int MAX_MODEL_NAME_BYTES = 64;
  public static final int MODEL_HASH_LENGTH = 32;

  private HeaderRules() {}

  public static String dimension(String field, long value) {
    return value < 1 || value > MAX_DIMENSION
        ? field + " " + value + " out of range 1.." + MAX_DIMENSION
        : null;
  }

  public static String bitDepth(int depth) {
    return depth < 1 || depth > MAX_BIT_DEPTH
        ? "bit depth " + depth + " out of range 1.." + MAX_BIT_DEPTH
        : null;
  }

  public static String quality(int quality) {
    return quality < 0 || quality > MAX_QUALITY
        ? "quality " + quality + " out of range 0.." + MAX_QUALITY
        : null;
  }

  public static String tileSize(String field, int size) {
    return size < TILE_STEP || size > MAX_TILE_SIZE || size % TILE_STEP != 0
        ? field + " " + size + " is not a multiple of " + TILE_STEP + " in "
            + TILE_STEP + ".." + MAX_TILE_SIZE
        : null;
  }

  public static String overlap(int overlap, int tileWidth, int tileHeight) {
    int max = Math.min(tileWidth, tileHeight) / 2;
    return overlap < 0 || overlap > max
        ? "tile overlap " + overlap + " out of range 0.." + max
        : null;
  }

  public static String tileCount(long tileCount) {
    return tileCount > Integer.MAX_VALUE
        ? "tile count " + tileCount + " exceeds " + Integer.MAX_VALUE
        : null;
  }

  public static String frameIndex(long index) {
    return index < 0 || index > MAX_FRAME_INDEX
        ? "frame index " + index + " out of range 0.." + MAX_FRAME_INDEX
        : null;
  }

  public static String gopLength(int length) {
    return length < 0 || length > MAX_GOP_LENGTH
        ? "GOP length " + length + " out of range 0.." + MAX_GOP_LENGTH
        : null;
  }

  /** An image is a lone intra frame: the frame fields have fixed values. */
  public static String imageFrame(MediaKind kind, FrameType type, long index, int gopLength) {
    if (kind != MediaKind.IMAGE) {
      return null;
    }
    if (type != FrameType.INTRA) {
      return "image with frame type " + type + " (must be INTRA)";
    }
    if (index != 0) {
      return "image with frame index " + index + " (must be 0)";
    }
    if (gopLength != 1) {
      return "image with GOP length " + gopLength + " (must be 1)";
    }
    return null;
  }

  public static String colourFormat(ColourFormat format) {
    return format.isReserved()
        ? "colour format " + format + " is reserved for a later format version"
        : null;
  }

  /** Checks a model name's UTF-8 form: 1..64 bytes, well formed, no control characters. */
  public static String modelName(byte[] utf8) {
    if (utf8.length < 1 || utf8.length > MAX_MODEL_NAME_BYTES) {
      return "model name length " + utf8.length + " out of range 1.." + MAX_MODEL_NAME_BYTES;
    }
    String name;
    try {
      name = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      return "model name is not well-formed UTF-8";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "model name contains control character U+"
            + String.format("%04X", (int) name.charAt(i));
      }
    }
    return null;
  }

  /** The UTF-8 form of {@code name}, or {@code null} if it has unpaired surrogates. */
  public static byte[] utf8(String name) {
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(name));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  public static void require(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
