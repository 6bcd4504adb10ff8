package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One quantiser on both sides: {@link FrequencyQuantizer} recomputes every y and z table of the
 * shipped bundle ({@code models/lic-image-v1/entropy.lict}, written by {@code training/cdf.py})
 * from the masses that Python quantised, and must get the same integers. The masses are in
 * {@code lic-image-v1-cdf-inputs.lict}, written by {@code python3 -m training.cdf_golden} (which
 * checks them against the bundle too); the z masses come from the weights of the export, no
 * longer in the working tree, so they are stored rather than recomputed.
 */
class ShippedTablesCrossTest {
  private static final String BUNDLE_TABLES = "models/lic-image-v1/entropy.lict";
  private static final String INPUTS = "lic-image-v1-cdf-inputs.lict";

  @Test
  void javaQuantiserRecomputesEveryShippedTable() throws IOException {
    Map<String, Entry> shipped = readLict(Files.readAllBytes(bundleTables()));
    Map<String, Entry> inputs;
    try (InputStream in = ShippedTablesCrossTest.class.getResourceAsStream(INPUTS)) {
      assertNotNull(in, INPUTS + " missing from the test resources");
      inputs = readLict(in.readAllBytes());
    }
    int precision = (int) inputs.get("precision").values[0];
    assertEquals(16, precision);
    assertEquals(64, checkLatent("y", inputs, shipped, precision));
    assertEquals(128, checkLatent("z", inputs, shipped, precision));
  }

  private static int checkLatent(String latent, Map<String, Entry> inputs, Map<String, Entry> shipped,
      int precision) {
    long[] masses = inputs.get(latent + ".masses").values;
    long[] lengths = inputs.get(latent + ".length").values;
    long[] offsets = inputs.get(latent + ".offset").values;
    Entry cdfs = shipped.get(latent + "_cdf");
    long[] shippedLengths = shipped.get(latent + "_cdf_length").values;
    long[] shippedOffsets = shipped.get(latent + "_cdf_offset").values;
    int width = cdfs.shape[1];
    assertEquals(shippedLengths.length, lengths.length, latent + ": table count");
    int at = 0;
    for (int t = 0; t < lengths.length; t++) {
      int n = (int) lengths[t];
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = Double.longBitsToDouble(masses[at + i]);
      }
      at += n;
      int[] expected = new int[(int) shippedLengths[t]];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (int) cdfs.values[t * width + i];
      }
      CdfTable table = FrequencyQuantizer.table(p, (int) offsets[t], precision);
      assertArrayEquals(expected, table.cdf(), latent + " table " + t);
      assertEquals(shippedOffsets[t], table.offset(), latent + " table " + t + " offset");
    }
    assertEquals(masses.length, at, latent + ": masses left over");
    return lengths.length;
  }

  /** The bundle's tables in the first parent of the working directory that has them (the repository root). */
  private static Path bundleTables() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(BUNDLE_TABLES);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(BUNDLE_TABLES + " not found above " + Path.of("").toAbsolutePath());
  }

  /** One LICT array, widened to long (docs/models.md, "LICT files"; integer dtypes only here). */
  private record Entry(int[] shape, long[] values) {}

  private static Map<String, Entry> readLict(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);  // big-endian, as LICT is
    byte[] magic = new byte[4];
    b.get(magic);
    assertEquals("LICT", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, b.getShort());
    int count = b.getInt();
    Map<String, Entry> out = new HashMap<>();
    for (int e = 0; e < count; e++) {
      byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
      b.get(name);
      int dtype = b.get();
      int[] shape = new int[b.get()];
      long size = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = b.getInt();
        size *= shape[i];
      }
      long[] values = new long[Math.toIntExact(size)];
      for (int i = 0; i < values.length; i++) {
        values[i] = switch (dtype) {
          case 0 -> b.get();
          case 1 -> b.getShort();
          case 2 -> b.getInt();
          case 3 -> b.getLong();
          case 4 -> Float.floatToRawIntBits(b.getFloat());  // not read as numbers here
          case 5 -> b.getShort();
          case 6 -> Byte.toUnsignedInt(b.get());
          default -> throw new AssertionError("dtype " + dtype);
        };
      }
      out.put(new String(name, StandardCharsets.UTF_8), new Entry(shape, values));
    }
    byte[] footer = new byte[4];
    b.get(footer);
    assertArrayEquals("TCIL".getBytes(StandardCharsets.US_ASCII), footer);
    assertEquals(0, b.remaining());
    return out;
  }

  @Test
  void deficitGoesToTheLikeliestInRangeSymbolsRoundRobin() {
    // M - n = 4: 1 + floor(p * 4) = 1, 2, 2, 2 (sum 7); the unit left goes to symbol 1, the likeliest.
    // (The expected integers are training/cdf.py's quantise_masses on the same masses.)
    assertArrayEquals(new int[] {0, 1, 4, 6, 8},
        FrequencyQuantizer.quantize(new double[] {0.2, 0.3, 0.25, 0.25}, 3));
    // M - n = 5: 1, 1, 5 (sum 7); never to the escape, even the likeliest; ties to the lower symbol.
    assertArrayEquals(new int[] {0, 2, 3, 8},
        FrequencyQuantizer.quantize(new double[] {0.1, 0.1, 0.8}, 3));
    assertArrayEquals(new int[] {0, 1, 2}, FrequencyQuantizer.quantize(new double[] {0, 1}, 1));
  }
}
