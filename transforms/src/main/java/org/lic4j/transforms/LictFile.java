package org.lic4j.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lic4j.bitstream.ModelFormatException;

/**
 * A LICT file: named, typed, row-major arrays (normative layout in {@code docs/models.md}).
 *
 * <pre>
 * File   --&gt; "LICT", u16 version (=1), u32 count, Entry^count, "TCIL"
 * Entry  --&gt; u16 nameLength, name (UTF-8), u8 dtype, u8 rank, u32 dim^rank, data (row-major)
 * dtype  --&gt; 0 int8 | 1 int16 | 2 int32 | 3 int64 | 4 float32 | 5 float16 | 6 uint8
 * </pre>
 *
 * <p>All numbers are big-endian. The whole file is held in memory (bundles' LICT files are a few
 * MB) and checked structurally when read: every size is validated against the bytes that remain
 * before anything is allocated from it, so a corrupt header cannot make the reader allocate more
 * than the file's length. Arrays are decoded on request. Instances are immutable and
 * thread-safe.
 */
public final class LictFile {
  /** Files larger than this are refused before they are read. */
  public static final int MAX_FILE_BYTES = 256 << 20;
  /** The only format version defined so far. */
  public static final int VERSION = 1;

  private static final int MAX_RANK = 8;
  private static final byte[] MAGIC = {'L', 'I', 'C', 'T'};
  private static final byte[] FOOTER = {'T', 'C', 'I', 'L'};
  private static final int HEADER_BYTES = 10;
  private static final int MIN_ENTRY_BYTES = 4; // u16 nameLength, u8 dtype, u8 rank

  private static final VarHandle I16 = view(short[].class);
  private static final VarHandle I32 = view(int[].class);
  private static final VarHandle I64 = view(long[].class);

  /** Element types of a LICT array, with their on-disk codes. */
  public enum DataType {
    INT8(0, 1), INT16(1, 2), INT32(2, 4), INT64(3, 8), FLOAT32(4, 4), FLOAT16(5, 2), UINT8(6, 1);

    private final int code;
    private final int bytes;

    DataType(int code, int bytes) {
      this.code = code;
      this.bytes = bytes;
    }

    /** The on-disk dtype code. */
    public int code() {
      return code;
    }

    /** Bytes per element. */
    public int bytes() {
      return bytes;
    }

    static DataType ofCode(int code) {
      for (DataType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      return null;
    }
  }

  private record Entry(DataType type, int[] shape, int count, int dataOffset) {}

  private final String resource;
  private final byte[] data;
  private final Map<String, Entry> entries;

  private LictFile(String resource, byte[] data, Map<String, Entry> entries) {
    this.resource = resource;
    this.data = data;
    this.entries = entries;
  }

  /** Reads and validates a LICT file. */
  public static LictFile read(Path file) throws IOException {
    String name = String.valueOf(file.getFileName());
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new ModelFormatException(
          "file of " + size + " bytes exceeds the limit of " + MAX_FILE_BYTES, 0, name);
    }
    return parse(Files.readAllBytes(file), name);
  }

  /**
   * Reads and validates a LICT file from a stream (read to its end, at most
   * {@link #MAX_FILE_BYTES}).
   *
   * @param resource name used in error messages
   */
  public static LictFile read(InputStream in, String resource) throws IOException {
    return parse(readBounded(in, MAX_FILE_BYTES, resource), resource);
  }

  /**
   * Parses and validates a LICT file held in memory. The array is not copied: the caller must not
   * modify it afterwards.
   *
   * @param resource name used in error messages
   */
  public static LictFile parse(byte[] bytes, String resource) throws ModelFormatException {
    if (bytes.length < HEADER_BYTES + FOOTER.length) {
      throw new ModelFormatException(
          "truncated LICT file: " + bytes.length + " bytes", bytes.length, resource);
    }
    if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
      throw new ModelFormatException("bad LICT magic", 0, resource);
    }
    int version = Short.toUnsignedInt((short) I16.get(bytes, 4));
    if (version != VERSION) {
      throw new ModelFormatException(
          "unsupported LICT version " + version + " (supported " + VERSION + ".." + VERSION + ")",
          4, resource);
    }
    long count = Integer.toUnsignedLong((int) I32.get(bytes, 6));
    int end = bytes.length - FOOTER.length; // entries must end exactly here
    if (count > (end - HEADER_BYTES) / MIN_ENTRY_BYTES) {
      throw new ModelFormatException("entry count " + count + " exceeds the file", 6, resource);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    int pos = HEADER_BYTES;
    for (long e = 0; e < count; e++) {
      int entryStart = pos;
      need(bytes, pos, 2, end, "entry header", resource);
      int nameLength = Short.toUnsignedInt((short) I16.get(bytes, pos));
      pos += 2;
      need(bytes, pos, nameLength + 2L, end, "entry name", resource);
      String name = utf8(bytes, pos, nameLength, resource);
      pos += nameLength;
      int code = bytes[pos] & 0xFF;
      DataType type = DataType.ofCode(code);
      if (type == null) {
        throw new ModelFormatException("unknown dtype " + code + " of '" + name + "'", pos, resource);
      }
      int rank = bytes[pos + 1] & 0xFF;
      if (rank > MAX_RANK) {
        throw new ModelFormatException(
            "rank " + rank + " of '" + name + "' exceeds " + MAX_RANK, pos + 1, resource);
      }
      pos += 2;
      need(bytes, pos, 4L * rank, end, "shape of '" + name + "'", resource);
      int[] shape = new int[rank];
      long elements = 1; // a rank-0 array holds one element, as in numpy
      for (int d = 0; d < rank; d++) {
        long dim = Integer.toUnsignedLong((int) I32.get(bytes, pos + 4 * d));
        elements *= dim; // < 2^28 * 2^32: cannot overflow, as it is checked at every step
        if (elements > (end - (pos + 4L * rank)) / type.bytes) {
          throw new ModelFormatException(
              "shape of '" + name + "' needs more data than the file holds", pos + 4 * d, resource);
        }
        shape[d] = (int) dim;
      }
      pos += 4 * rank;
      long byteLength = elements * type.bytes;
      need(bytes, pos, byteLength, end, "data of '" + name + "'", resource);
      if (entries.putIfAbsent(name, new Entry(type, shape, (int) elements, pos)) != null) {
        throw new ModelFormatException("duplicate entry '" + name + "'", entryStart, resource);
      }
      pos += (int) byteLength;
    }
    if (pos != end) {
      throw new ModelFormatException(
          (end - pos) + " unexpected bytes after the last entry", pos, resource);
    }
    if (!Arrays.equals(bytes, end, end + 4, FOOTER, 0, 4)) {
      throw new ModelFormatException("bad LICT footer (truncated or corrupt file)", end, resource);
    }
    return new LictFile(resource, bytes, Collections.unmodifiableMap(entries));
  }

  /** The resource name given when reading. */
  public String resource() {
    return resource;
  }

  /** Entry names, in file order. */
  public Set<String> names() {
    return entries.keySet();
  }

  /** Whether an entry of that name exists. */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** The element type of an entry. */
  public DataType type(String name) throws ModelFormatException {
    return entry(name).type;
  }

  /** The shape of an entry (empty for a scalar). */
  public int[] shape(String name) throws ModelFormatException {
    return entry(name).shape.clone();
  }

  /** An int8 entry's raw values. */
  public byte[] int8(String name) throws ModelFormatException {
    Entry e = entry(name, DataType.INT8);
    return Arrays.copyOfRange(data, e.dataOffset, e.dataOffset + e.count);
  }

  /**
   * An integer entry widened to {@code int}: int8, uint8, int16, int32, or int64 whose every value
   * fits an int.
   */
  public int[] ints(String name) throws ModelFormatException {
    Entry e = entry(name);
    int[] out = new int[e.count];
    int p = e.dataOffset;
    switch (e.type) {
      case INT8 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = data[p + i];
        }
      }
      case UINT8 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = data[p + i] & 0xFF;
        }
      }
      case INT16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = (short) I16.get(data, p + 2 * i);
        }
      }
      case INT32 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = (int) I32.get(data, p + 4 * i);
        }
      }
      case INT64 -> {
        for (int i = 0; i < out.length; i++) {
          long v = (long) I64.get(data, p + 8 * i);
          if (v != (int) v) {
            throw new ModelFormatException(
                "value " + v + " of '" + name + "' does not fit an int", p + 8L * i, resource);
          }
          out[i] = (int) v;
        }
      }
      default -> throw typeMismatch(name, e, "an integer type");
    }
    return out;
  }

  /** A float32 or float16 entry as {@code float}. */
  public float[] floats(String name) throws ModelFormatException {
    Entry e = entry(name);
    float[] out = new float[e.count];
    int p = e.dataOffset;
    if (e.type == DataType.FLOAT32) {
      for (int i = 0; i < out.length; i++) {
        out[i] = Float.intBitsToFloat((int) I32.get(data, p + 4 * i));
      }
    } else if (e.type == DataType.FLOAT16) {
      for (int i = 0; i < out.length; i++) {
        out[i] = halfToFloat((short) I16.get(data, p + 2 * i));
      }
    } else {
      throw typeMismatch(name, e, "float32 or float16");
    }
    return out;
  }

  /**
   * Checks an entry's rank and, where {@code expected[d] >= 0}, its dimension d; -1 accepts any
   * size. Returns the actual shape.
   */
  int[] requireShape(String name, int... expected) throws ModelFormatException {
    int[] shape = entry(name).shape;
    boolean ok = shape.length == expected.length;
    for (int d = 0; ok && d < shape.length; d++) {
      ok = expected[d] < 0 || expected[d] == shape[d];
    }
    if (!ok) {
      throw new ModelFormatException("'" + name + "' has shape " + Arrays.toString(shape)
          + ", expected " + Arrays.toString(expected).replace("-1", "*"), entryOffset(name),
          resource);
    }
    return shape.clone();
  }

  /** Byte offset of an entry's data (for error messages). */
  long entryOffset(String name) {
    Entry e = entries.get(name);
    return e == null ? ModelFormatException.NO_OFFSET : e.dataOffset;
  }

  private Entry entry(String name) throws ModelFormatException {
    Entry e = entries.get(name);
    if (e == null) {
      throw new ModelFormatException("missing entry '" + name + "'", ModelFormatException.NO_OFFSET,
          resource);
    }
    return e;
  }

  private Entry entry(String name, DataType type) throws ModelFormatException {
    Entry e = entry(name);
    if (e.type != type) {
      throw typeMismatch(name, e, type.name().toLowerCase(java.util.Locale.ROOT));
    }
    return e;
  }

  private ModelFormatException typeMismatch(String name, Entry e, String expected) {
    return new ModelFormatException("'" + name + "' is " + e.type.name().toLowerCase(
        java.util.Locale.ROOT) + ", expected " + expected, e.dataOffset, resource);
  }

  private static void need(byte[] bytes, int pos, long length, int end, String what,
      String resource) throws ModelFormatException {
    if (length > end - pos) {
      throw new ModelFormatException("truncated " + what + ": needs " + length + " bytes, "
          + Math.max(0, end - pos) + " remain", pos, resource);
    }
  }

  private static String utf8(byte[] bytes, int pos, int length, String resource)
      throws ModelFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, pos, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException("entry name is not valid UTF-8", pos, resource);
    }
  }

  /** Reads a whole stream, refusing more than {@code limit} bytes. */
  static byte[] readBounded(InputStream in, int limit, String resource) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new ModelFormatException(
          "resource exceeds the limit of " + limit + " bytes", limit, resource);
    }
    return bytes;
  }

  /** IEEE 754 binary16 to binary32 (exact; Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) { // infinity or NaN
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float v = mantissa * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.BIG_ENDIAN);
  }
}
