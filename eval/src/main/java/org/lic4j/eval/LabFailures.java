package org.lic4j.eval;

import java.io.PrintWriter;
import org.lic4j.codec.ExitCode;
import org.lic4j.media.CommandFailure;
import picocli.CommandLine;

/**
 * What went wrong in a lab command, as one line on stderr and an exit code of the README's table,
 * classified as the {@code lic4j} command classifies it ({@link CommandFailure}).
 */
final class LabFailures implements CommandLine.IExecutionExceptionHandler {
  static final int USAGE = ExitCode.USAGE.code();
  static final int INTERNAL = ExitCode.INTERNAL.code();

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    CommandFailure failure = CommandFailure.of(ex);
    int code = failure.exitCode().code();
    PrintWriter err = cl.getErr();
    err.println("lic4j: " + failure.message());
    if (code == INTERNAL || cl.getParseResult().hasMatchedOption("--verbose")) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** A usage mistake picocli found: the mistake, then where help is. */
  static int usage(CommandLine.ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    err.println("lic4j: " + oneLine(ex.getMessage()).replaceFirst("^Error: ", ""));
    err.println("Try 'lic4j --help' for more information.");
    return USAGE;
  }

  private static String oneLine(String message) {
    return String.valueOf(message).replace('\n', ' ');
  }
}
