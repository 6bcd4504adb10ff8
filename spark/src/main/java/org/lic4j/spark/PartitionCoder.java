package org.lic4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.EncodeResult;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.CommandFailure;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.LicFiles;
import org.lic4j.media.OutputFiles;

/**
 * Codes one partition of the listing, file after file, with the executor's shared model
 * ({@link ExecutorCodecs}), and returns one manifest row per file. A file that fails is a row
 * with its reason, never a failed task: a task fails only for what would fail any file (out of
 * memory, a model that does not load), and Spark then retries it.
 *
 * <p>Idempotent, so that a retried task or a speculative twin does no harm: an output is written
 * to a temporary file in its own folder and renamed over the target in one step, so a reader sees
 * the whole file or none; an output that exists is not coded again. Two attempts racing on one file
 * both write it whole, and the second rename replaces the first file by a file of the same bytes.
 */
final class PartitionCoder implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Columns of the rows coming in (after {@link ArchiveJob}'s listing). */
  static final String LISTED = "listed";
  static final String CLAIMANTS = "claimants";

  private final JobSettings settings;

  PartitionCoder(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    // Lazily, one file at a time: a partition's rows are not all held at once.
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return files.hasNext();
      }

      @Override
      public Row next() {
        return code(files.next());
      }
    };
  }

  private Row code(Row file) {
    long start = System.nanoTime();
    String path = file.getAs(Manifest.PATH);
    String output = file.getAs(Manifest.OUTPUT);
    Path in = ArchivePaths.localFile(file.getAs(LISTED));
    long length = size(in);
    if (output == null) {
      return Manifest.notCoded(path, null, Manifest.IGNORED, "not named as " + String.join(", ",
          settings.direction().inputSuffixes()), length, 0);
    }
    List<String> claimants = file.getList(file.fieldIndex(CLAIMANTS));
    if (claimants.size() > 1) {
      List<String> sorted = new ArrayList<>(claimants);
      sorted.sort(null);
      return Manifest.notCoded(path, output, Manifest.FAILED, String.join(" and ", sorted) + " would all write "
          + output + ": rename all but one", length, 0);
    }
    Path target = Paths.get(settings.outRoot()).resolve(output);
    try {
      if (Files.exists(target)) {
        return Manifest.notCoded(path, output, Manifest.SKIPPED, "output exists", length, millis(start));
      }
      Files.createDirectories(target.getParent());
      return settings.direction() == Direction.ENCODE ? encode(path, output, in, target, start)
          : decode(path, output, in, target, start);
    } catch (Exception e) {
      return Manifest.notCoded(path, output, Manifest.FAILED, reason(in, e), length, millis(start));
    }
  }

  private Row encode(String path, String output, Path in, Path target, long start) throws IOException {
    ImageEncoder encoder = ExecutorCodecs.encoder(taskCpus());
    EncodeParams params = EncodeParams.quality(settings.quality());
    if (settings.effort() != JobSettings.DEFAULT_EFFORT) {
      params = params.withEffort(settings.effort());
    } else if (encoder.model().canRefine()) {
      params = params.withEffort(EncodeParams.DEFAULT_EFFORT);
    }
    RgbImage image = ImageFiles.read(in);
    EncodeResult r = encoder.encode(image, params);
    OutputFiles.write(target, true, o -> o.write(r.stream()));
    long pixels = (long) image.width() * image.height();
    return Manifest.ok(path, output, Files.size(in), r.stream().length, pixels, r.stream().length, millis(start));
  }

  private Row decode(String path, String output, Path in, Path target, long start) throws IOException {
    ImageDecoder decoder = ExecutorCodecs.decoder(taskCpus());
    byte[] stream = LicFiles.read(in);
    RgbImage image = decoder.decode(stream, in.toString());
    OutputFiles.write(target, true, o -> ImageFiles.write(image, settings.format(), o));
    long pixels = (long) image.width() * image.height();
    return Manifest.ok(path, output, stream.length, Files.size(target), pixels, stream.length, millis(start));
  }

  /** The cores this task holds, {@code spark.task.cpus}; 1 outside a task (a test calling directly). */
  private static int taskCpus() {
    TaskContext task = TaskContext.get();
    return task == null ? 1 : task.cpus();
  }

  /** The file's size for the manifest; 0 when it is gone (a file is not failed for a statistic). */
  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The failure's one line without the input's name, which the manifest's path column gives. */
  private static String reason(Path in, Exception e) {
    String m = CommandFailure.of(e).message();
    String name = in + ": ";
    return m.startsWith(name) ? m.substring(name.length()) : m;
  }
}
