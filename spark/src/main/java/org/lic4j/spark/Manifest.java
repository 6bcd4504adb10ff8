package org.lic4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The job's record of what became of each input, one row a file, written in Parquet to
 * {@code OUT/_manifest} (docs/spark.md, "The manifest"). Paths are relative to IN and OUT, so a
 * manifest stays true when the trees move.
 */
final class Manifest {
  /** The folder under OUT; a leading underscore keeps Spark's own listing of OUT from reading it as input. */
  static final String FOLDER = "_manifest";

  static final String PATH = "path";
  static final String OUTPUT = "output";
  static final String STATUS = "status";
  static final String REASON = "reason";
  static final String BYTES_IN = "bytes_in";
  static final String BYTES_OUT = "bytes_out";
  static final String PIXELS = "pixels";
  static final String BPP = "bpp";
  static final String MILLIS = "millis";

  /** Coded and written. */
  static final String OK = "ok";
  /** Not coded: its output exists (an earlier run, or a retried task's twin, wrote it). */
  static final String SKIPPED = "skipped";
  /** Not coded: unreadable, corrupt, or two inputs would write one output; {@link #REASON} says why. */
  static final String FAILED = "failed";
  /** Not coded: not named as an input of this direction (a .txt among the pictures). */
  static final String IGNORED = "ignored";

  static final StructType SCHEMA = new StructType()
      .add(PATH, DataTypes.StringType, false)
      .add(OUTPUT, DataTypes.StringType, true)
      .add(STATUS, DataTypes.StringType, false)
      .add(REASON, DataTypes.StringType, true)
      .add(BYTES_IN, DataTypes.LongType, false)
      .add(BYTES_OUT, DataTypes.LongType, false)
      .add(PIXELS, DataTypes.LongType, false)
      .add(BPP, DataTypes.DoubleType, false)
      .add(MILLIS, DataTypes.LongType, false);

  private Manifest() {}

  /**
   * The manifest in {@code folder} ({@code OUT/_manifest}), read by its part files: given the
   * folder, Spark would leave it out for its name (_*), as it does in a listing.
   */
  static Dataset<Row> read(SparkSession spark, Path folder) throws IOException {
    List<String> parts;
    try (Stream<Path> files = Files.list(folder)) {
      parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .map(f -> f.toUri().toString()).sorted().collect(Collectors.toList());
    }
    return parts.isEmpty() ? spark.createDataFrame(List.of(), SCHEMA)
        : spark.read().schema(SCHEMA).parquet(parts.toArray(String[]::new));
  }

  // Rows that know their schema, so that a reader (a test, a caller) may ask for columns by name.

  /** A file coded: {@code streamBytes} (the output of encode, the input of decode) over its pixels gives the bpp. */
  static Row ok(String path, String output, long bytesIn, long bytesOut, long pixels, long streamBytes, long millis) {
    double bpp = pixels == 0 ? 0.0 : streamBytes * 8.0 / pixels;
    return new GenericRowWithSchema(new Object[] {path, output, OK, null, bytesIn, bytesOut, pixels, bpp, millis}, SCHEMA);
  }

  /** A file not coded ({@link #SKIPPED}, {@link #FAILED}, {@link #IGNORED}); {@code reason} may be null. */
  static Row notCoded(String path, String output, String status, String reason, long bytesIn, long millis) {
    return new GenericRowWithSchema(new Object[] {path, output, status, reason, bytesIn, 0L, 0L, 0.0, millis}, SCHEMA);
  }
}
