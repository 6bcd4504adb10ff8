package org.lic4j.tools;

import java.io.PrintWriter;
import org.lic4j.codec.ExitCode;
import org.lic4j.codec.Failure;
import picocli.CommandLine;

/**
 * Turns what went wrong into the documented exit code and one line on stderr: the command line's
 * own {@link BadInputException} here, everything else through the codec's {@link Failure}, which
 * the conformance runner shares.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  static final int OK = ExitCode.OK.code();
  static final int USAGE = ExitCode.USAGE.code();
  static final int BAD_INPUT = ExitCode.BAD_INPUT.code();
  static final int IO = ExitCode.IO_ERROR.code();
  static final int INTERNAL = ExitCode.INTERNAL.code();

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = parsed != null && hasVerbose(parsed);
    int code = exitCode(ex);
    err.println("lic4j: " + message(ex));
    if (verbose || code == INTERNAL) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static boolean hasVerbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof BadInputException b) {
      return b.isUsage() ? USAGE : BAD_INPUT;
    }
    return Failure.of(ex).exitCode().code();
  }

  static String message(Throwable ex) {
    if (ex instanceof BadInputException b) {
      return b.getMessage().replace('\n', ' ');
    }
    return Failure.of(ex).message();
  }
}
