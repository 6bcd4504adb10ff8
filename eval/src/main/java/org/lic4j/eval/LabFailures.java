package org.lic4j.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import org.lic4j.media.UserInputException;
import picocli.CommandLine;

/**
 * What went wrong in a lab command, as one line on stderr and an exit code of the README's table:
 * 1 usage error, 2 bad input, 3 I/O error, 4 internal error. The lab codes pictures it was given
 * and streams it made itself, so it tells fewer failures apart than the codec's command line.
 */
final class LabFailures implements CommandLine.IExecutionExceptionHandler {
  static final int USAGE = 1;
  static final int BAD_INPUT = 2;
  static final int IO = 3;
  static final int INTERNAL = 4;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    int code = ex instanceof UserInputException u ? (u.isUsage() ? USAGE : BAD_INPUT)
        : ex instanceof NoSuchFileException ? BAD_INPUT
        : ex instanceof IOException ? IO : INTERNAL;
    PrintWriter err = cl.getErr();
    err.println("lic4j: " + (ex instanceof NoSuchFileException n ? n.getFile() + ": no such file" : oneLine(ex.getMessage())));
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
