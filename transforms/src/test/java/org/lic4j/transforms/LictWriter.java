package org.lic4j.transforms;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes LICT files for tests, as training/tensorfile.py does (big-endian, row-major). */
final class LictWriter {
  private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(entries);
  private int count;

  LictWriter int8(String name, byte[] values, int... shape) {
    header(name, LictFile.DataType.INT8, shape);
    write(() -> out.write(values));
    return this;
  }

  LictWriter int32(String name, int[] values, int... shape) {
    header(name, LictFile.DataType.INT32, shape);
    write(() -> {
      for (int v : values) {
        out.writeInt(v);
      }
    });
    return this;
  }

  LictWriter int64(String name, long[] values, int... shape) {
    header(name, LictFile.DataType.INT64, shape);
    write(() -> {
      for (long v : values) {
        out.writeLong(v);
      }
    });
    return this;
  }

  LictWriter int16(String name, short[] values, int... shape) {
    header(name, LictFile.DataType.INT16, shape);
    write(() -> {
      for (short v : values) {
        out.writeShort(v);
      }
    });
    return this;
  }

  LictWriter uint8(String name, byte[] values, int... shape) {
    header(name, LictFile.DataType.UINT8, shape);
    write(() -> out.write(values));
    return this;
  }

  LictWriter float32(String name, float[] values, int... shape) {
    header(name, LictFile.DataType.FLOAT32, shape);
    write(() -> {
      for (float v : values) {
        out.writeFloat(v);
      }
    });
    return this;
  }

  LictWriter float16(String name, short[] bits, int... shape) {
    header(name, LictFile.DataType.FLOAT16, shape);
    write(() -> {
      for (short v : bits) {
        out.writeShort(v);
      }
    });
    return this;
  }

  byte[] toBytes() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(file);
    write(() -> {
      d.write("LICT".getBytes(StandardCharsets.US_ASCII));
      d.writeShort(1);
      d.writeInt(count);
      d.write(entries.toByteArray());
      d.write("TCIL".getBytes(StandardCharsets.US_ASCII));
    });
    return file.toByteArray();
  }

  private void header(String name, LictFile.DataType type, int[] shape) {
    count++;
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    write(() -> {
      out.writeShort(raw.length);
      out.write(raw);
      out.writeByte(type.code());
      out.writeByte(shape.length);
      for (int dim : shape) {
        out.writeInt(dim);
      }
    });
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void write(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
