package org.lic4j.tools;

import java.io.PrintWriter;
import org.lic4j.codec.ExitCode;
import org.lic4j.media.CommandFailure;
import picocli.CommandLine;

/**
 * Turns what went wrong into the documented exit code and one line on stderr, as
 * {@link CommandFailure} classifies it (the user's mistakes, then the codec's shared
 * classification); a stack trace only for internal errors or with {@code --verbose}.
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
    CommandFailure failure = CommandFailure.of(ex);
    int code = failure.exitCode().code();
    err.println("lic4j: " + failure.message());
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
    return CommandFailure.of(ex).exitCode().code();
  }

  static String message(Throwable ex) {
    return CommandFailure.of(ex).message();
  }
}
