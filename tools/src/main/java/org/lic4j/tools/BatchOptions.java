package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.Path;
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

  Jobs.Existing existing(boolean force) throws UserInputException {
    if (force && skipExisting) {
      throw new UserInputException("--force replaces existing outputs and --skip-existing keeps them: give one", true);
    }
    return force ? Jobs.Existing.REPLACE : skipExisting ? Jobs.Existing.SKIP : Jobs.Existing.REFUSE;
  }

  BatchRun run(String verb, Jobs.Plan plan, Path outputDir, PrintStream out, PrintStream err) {
    return new BatchRun(verb, plan, outputDir, keepGoing, quiet, out, err);
  }
}
