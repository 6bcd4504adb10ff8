package org.lic4j.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.lic4j.media.CommandFailure;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.Progress;

/**
 * Runs the jobs of an encode or decode: one file, or a batch ({@code --output-dir}) with its
 * progress, the folders of the mirrored tree, {@code --keep-going}, {@code -j}, and the summary
 * line.
 */
final class BatchRun {
  /** Where {@code --keep-going} lists the inputs that failed, one "INPUT<tab>REASON" a line. */
  static final String FAILURES_FILE = "lic4j-failures.txt";

  /** Codes one input into its output; called from {@code -j} threads at once. */
  interface Step {
    Result code(Path in, Path out) throws Exception;
  }

  /**
   * @param pixels the picture's pixels
   * @param streamBytes the size of the lic4j stream (the output of encode, the input of decode)
   * @param line the one-line result shown for the file
   */
  record Result(long pixels, long streamBytes, String line) {}

  /** What became of one job: a result, or the failure. */
  private record Outcome(Path[] job, Result result, Exception failure) {}

  private final String verb;
  private final Jobs.Plan plan;
  private final Path outputDir;
  private final BatchOptions options;
  private final PrintStream out;
  private final PrintStream err;

  /** @param verb "encoded" or "decoded", for the summary */
  BatchRun(String verb, Jobs.Plan plan, Path outputDir, BatchOptions options, PrintStream out, PrintStream err) {
    this.verb = verb;
    this.plan = plan;
    this.outputDir = outputDir;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * Codes every job, {@code -j} at once. Without {@code --keep-going} the first failure ends the
   * run (thrown, after the pictures being coded meanwhile are finished; the outputs written stay);
   * with it, each failure is named as it happens and the run goes on.
   *
   * @return the exit code: 0, or 2 when any input failed
   */
  int run(Step step) throws Exception {
    boolean batch = outputDir != null;
    List<Path[]> jobs = plan.jobs();
    Progress progress = batch && !options.quiet && !jobs.isEmpty() ? new Progress(err, jobs.size()) : null;
    long totalIn = 0;
    for (Path[] job : jobs) {
      totalIn += size(job[0]);
    }
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    long pixels = 0;
    long streamBytes = 0;
    long bytesIn = 0;
    long bytesOut = 0;
    int coded = 0;
    int parallel = Math.min(options.jobs, jobs.size());
    ExecutorService pool = parallel > 1 ? Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "lic4j-batch");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      CompletionService<Outcome> done = pool == null ? null : new ExecutorCompletionService<>(pool);
      if (done != null) {
        for (Path[] job : jobs) {
          done.submit(() -> attempt(step, job, batch));
        }
      }
      for (int i = 0; i < jobs.size(); i++) {
        // One at a time, in order, on this thread; or as the pool finishes them.
        Outcome o = done == null ? attempt(step, jobs.get(i), batch) : take(done);
        Path[] job = o.job();
        if (o.failure() != null) {
          if (!options.keepGoing) {
            throw o.failure();
          }
          String reason = reason(job[0], o.failure());
          failures.add(job[0] + "\t" + reason);
          String line = "lic4j: " + job[0] + ": " + reason;
          if (progress != null) {
            progress.note(line);
            progress.step(job[0].toString(), "failed");
          } else {
            err.println(line);
          }
          bytesIn += size(job[0]);
          continue;
        }
        boolean stdout = job[1].toString().equals("-");
        Result r = o.result();
        coded++;
        pixels += r.pixels();
        streamBytes += r.streamBytes();
        bytesIn += size(job[0]);
        bytesOut += stdout ? 0 : size(job[1]);
        if (progress != null) {
          progress.step(job[0].toString(), r.line() + rate(bytesIn, totalIn, System.nanoTime() - start));
        } else if (!options.quiet) {
          // Results go to stdout unless stdout carries the output.
          (stdout ? err : out).println(job[1] + ": " + r.line());
        }
      }
    } finally {
      if (pool != null) {
        // Pictures not started are dropped; those being coded finish (their outputs are whole).
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.HOURS);
      }
    }
    if (batch && options.keepGoing) {
      Path list = outputDir.resolve(FAILURES_FILE);
      if (failures.isEmpty()) {
        // A list from an earlier run would name files that are fine now.
        Files.deleteIfExists(list);
      } else {
        // In the inputs' order whatever -j finished first; whole or not at all: never half a list.
        failures.sort(null);
        OutputFiles.write(list, true,
            o -> o.write((String.join("\n", failures) + "\n").getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (batch && !options.quiet) {
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

  /** The file's size for the figures; 0 when it is gone (a batch is not stopped for a statistic). */
  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static Outcome attempt(Step step, Path[] job, boolean batch) {
    try {
      if (batch) {
        Files.createDirectories(job[1].toAbsolutePath().getParent());
      }
      return new Outcome(job, step.code(job[0], job[1]), null);
    } catch (Exception e) {
      return new Outcome(job, null, e);
    }
  }

  private static Outcome take(CompletionService<Outcome> done) throws InterruptedException {
    try {
      return done.take().get();
    } catch (ExecutionException e) {
      // attempt() returns every Exception; what is left is an Error (out of memory): rethrown as is.
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** ", 1.23 MB/s, ETA 0:42": input read per second so far, and the rest at that rate. */
  private static String rate(long doneBytes, long totalBytes, long nanos) {
    double perSecond = doneBytes / Math.max(1e-9, nanos / 1e9);
    long eta = perSecond <= 0 ? 0 : Math.round((totalBytes - doneBytes) / perSecond);
    return String.format(", %.2f MB/s, ETA %d:%02d", perSecond / 1e6, eta / 60, eta % 60);
  }

  /** The failure's one line without the input's name, which the caller puts first. */
  private static String reason(Path in, Exception e) {
    String m = CommandFailure.of(e).message();
    String name = in + ": ";
    return m.startsWith(name) ? m.substring(name.length()) : m;
  }
}
