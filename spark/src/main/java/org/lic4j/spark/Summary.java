package org.lic4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures of a run, from its manifest: files coded, skipped, failed and ignored; pixels, bytes
 * and bits per pixel of those coded.
 *
 * @param failures "PATH: REASON" of the first {@link #LISTED_FAILURES} failed files, by path
 */
record Summary(Direction direction, long coded, long skipped, long failed, long ignored, long pixels, long bytesIn,
    long bytesOut, long streamBytes, double seconds, List<String> failures) {
  /** Failures named on the terminal; the manifest has them all. */
  static final int LISTED_FAILURES = 50;

  Summary {
    failures = List.copyOf(failures);
  }

  static Summary of(Dataset<Row> manifest, Direction direction, double seconds) {
    long[] files = new long[4];
    long pixels = 0;
    long bytesIn = 0;
    long bytesOut = 0;
    for (Row r : manifest.groupBy(Manifest.STATUS)
        .agg(count(lit(1)), sum(Manifest.PIXELS), sum(Manifest.BYTES_IN), sum(Manifest.BYTES_OUT))
        .collectAsList()) {
      int i = switch (r.getString(0)) {
        case Manifest.OK -> 0;
        case Manifest.SKIPPED -> 1;
        case Manifest.FAILED -> 2;
        default -> 3;
      };
      files[i] += r.getLong(1);
      if (i == 0) {
        pixels = r.getLong(2);
        bytesIn = r.getLong(3);
        bytesOut = r.getLong(4);
      }
    }
    List<String> failures = new ArrayList<>();
    for (Row r : manifest.filter(col(Manifest.STATUS).equalTo(Manifest.FAILED))
        .select(Manifest.PATH, Manifest.REASON).orderBy(Manifest.PATH).limit(LISTED_FAILURES).collectAsList()) {
      failures.add(r.getString(0) + ": " + r.getString(1));
    }
    long streamBytes = direction == Direction.ENCODE ? bytesOut : bytesIn;
    return new Summary(direction, files[0], files[1], files[2], files[3], pixels, bytesIn, bytesOut, streamBytes,
        seconds, failures);
  }

  /** One line, as a batch of {@code lic4j encode -d} ends. */
  void print(PrintStream out) {
    out.printf("%s %d files, %d skipped (output exists), %d failed, %d ignored (not %s), %.2f Mpixel,"
            + " %.2f MB in, %.2f MB out, %.4f bpp, %.1f s, %.2f files/s%n",
        direction.verb(), coded, skipped, failed, ignored,
        direction == Direction.ENCODE ? "pictures" : "streams", pixels / 1e6, bytesIn / 1e6, bytesOut / 1e6,
        pixels == 0 ? 0.0 : streamBytes * 8.0 / pixels, seconds, seconds > 0 ? coded / seconds : 0.0);
  }
}
