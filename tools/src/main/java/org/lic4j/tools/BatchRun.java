package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lic4j.media.CommandFailure;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.Progress;

/**
 * Runs the jobs of an encode or decode: one file, or a batch ({@code --output-dir}) with its
 * progress, the folders of the mirrored tree, {@code --keep-going}, and the summary line.
 */
final class BatchRun {
  /** Where {@code --keep-going} lists the inputs that failed, one "INPUT<tab>REASON" a line. */
  static final String FAILURES_FILE = "lic4j-failures.txt";

  /** Codes one input into its output. */
  interface Step {
    Result code(Path in, Path out) throws Exception;
  }

  /**
   * @param pixels the picture's pixels
   * @param streamBytes the size of the lic4j stream (the output of encode, the input of decode)
   * @param line the one-line result shown for the file
   */
  record Result(long pixels, long streamBytes, String line) {}

  private final String verb;
  private final Jobs.Plan plan;
  private final Path outputDir;
  private final boolean keepGoing;
  private final boolean quiet;
  private final PrintStream out;
  private final PrintStream err;

  /** @param verb "encoded" or "decoded", for the summary */
  BatchRun(String verb, Jobs.Plan plan, Path outputDir, boolean keepGoing, boolean quiet, PrintStream out,
      PrintStream err) {
    this.verb = verb;
    this.plan = plan;
    this.outputDir = outputDir;
    this.keepGoing = keepGoing;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
  }

  /**
   * Codes every job. Without {@code --keep-going} the first failure ends the run (thrown; the
   * outputs already written stay); with it, each failure is named as it happens and the run goes
   * on.
   *
   * @return the exit code: 0, or 2 when any input failed
   */
  int run(Step step) throws Exception {
    boolean batch = outputDir != null;
    List<Path[]> jobs = plan.jobs();
    Progress progress = batch && !quiet && !jobs.isEmpty() ? new Progress(err, jobs.size()) : null;
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    long pixels = 0;
    long streamBytes = 0;
    long bytesIn = 0;
    long bytesOut = 0;
    int coded = 0;
    for (Path[] job : jobs) {
      boolean stdout = job[1].toString().equals("-");
      Result r;
      try {
        if (batch) {
          Files.createDirectories(job[1].toAbsolutePath().getParent());
        }
        r = step.code(job[0], job[1]);
      } catch (Exception e) {
        if (!keepGoing) {
          throw e;
        }
        String reason = reason(job[0], e);
        failures.add(job[0] + "\t" + reason);
        String line = "lic4j: " + job[0] + ": " + reason;
        if (progress != null) {
          progress.note(line);
          progress.step(job[0].toString(), "failed");
        } else {
          err.println(line);
        }
        continue;
      }
      coded++;
      pixels += r.pixels();
      streamBytes += r.streamBytes();
      bytesIn += Files.size(job[0]);
      bytesOut += stdout ? 0 : Files.size(job[1]);
      if (progress != null) {
        progress.step(job[0].toString(), r.line());
      } else if (!quiet) {
        // Results go to stdout unless stdout carries the output.
        (stdout ? err : out).println(job[1] + ": " + r.line());
      }
    }
    if (batch && keepGoing) {
      Path list = outputDir.resolve(FAILURES_FILE);
      if (failures.isEmpty()) {
        // A list from an earlier run would name files that are fine now.
        Files.deleteIfExists(list);
      } else {
        // Whole or not at all: a reader never sees half a list.
        OutputFiles.write(list, true,
            o -> o.write((String.join("\n", failures) + "\n").getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (batch && !quiet) {
      out.printf("%s %d files, %d skipped (output exists), %d failed, %d ignored (hidden or not %s),"
              + " %.2f Mpixel, %.2f MB in, %.2f MB out, %.4f bpp, %.1f s%n",
          verb, coded, plan.existing().size(), failures.size(), plan.ignored(),
          verb.equals("encoded") ? "pictures" : "streams", pixels / 1e6, bytesIn / 1e6, bytesOut / 1e6,
          pixels == 0 ? 0.0 : streamBytes * 8.0 / pixels, (System.nanoTime() - start) / 1e9);
    }
    if (!failures.isEmpty()) {
      err.println("lic4j: " + failures.size() + " of " + jobs.size() + " files failed"
          + (batch ? " (listed in " + outputDir.resolve(FAILURES_FILE) + ")" : ""));
      return Failures.BAD_INPUT;
    }
    return Failures.OK;
  }

  /** The failure's one line without the input's name, which the caller puts first. */
  private static String reason(Path in, Exception e) {
    String m = CommandFailure.of(e).message();
    String name = in + ": ";
    return m.startsWith(name) ? m.substring(name.length()) : m;
  }
}
