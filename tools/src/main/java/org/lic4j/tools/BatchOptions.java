package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import org.lic4j.codec.CodecOptions;
import org.lic4j.media.UserInputException;
import picocli.CommandLine.Option;

/** What encode and decode take for a batch: how to treat bad inputs and existing outputs. */
final class BatchOptions {
  @Option(names = "--keep-going", description = {"Code every good file; name each bad one as it happens, list them in"
      + " OUTDIR/" + BatchRun.FAILURES_FILE + ", and exit 2 at the end if any failed. Without it the first failure"
      + " stops the run (the outputs already written are kept)."})
  boolean keepGoing;

  @Option(names = "--skip-existing", description = "Leave outputs that exist as they are and do not code them again:"
      + " a re-run resumes.")
  boolean skipExisting;

  @Option(names = "--quiet", description = "No progress, result lines or summary; failures are still named.")
  boolean quiet;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1", description = {"Code N pictures at once"
      + " (default: ${DEFAULT-VALUE}), sharing one model, each with its share of --threads; on many small pictures"
      + " this keeps every core busy. With it the first failure is the first to finish, not the first by name."})
  int jobs;

  /** The options each picture is coded with: the threads shared out among {@code -j} pictures. */
  CodecOptions perPicture(CodecOptions options) {
    if (jobs == 1) {
      return options;
    }
    int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    return options.withThreads(Math.max(1, threads / jobs));
  }

  /** What to do with existing outputs; called first, so that it checks these options before any work. */
  Jobs.Existing existing(boolean force) throws UserInputException {
    if (jobs < 1) {
      throw new UserInputException("-j must be >= 1", true);
    }
    if (force && skipExisting) {
      throw new UserInputException("--force replaces existing outputs and --skip-existing keeps them: give one", true);
    }
    return force ? Jobs.Existing.REPLACE : skipExisting ? Jobs.Existing.SKIP : Jobs.Existing.REFUSE;
  }

  BatchRun run(String verb, Jobs.Plan plan, Path outputDir, PrintStream out, PrintStream err) {
    return new BatchRun(verb, plan, outputDir, this, out, err);
  }
}
