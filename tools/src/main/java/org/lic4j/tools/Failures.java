package org.lic4j.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.codec.UnsupportedStreamException;
import picocli.CommandLine;

/**
 * Turns what went wrong into the documented exit code and one line on stderr:
 * 0 ok, 1 usage error, 2 bad input or corrupt stream, 3 I/O error (4 internal error).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  static final int OK = 0;
  static final int USAGE = 1;
  static final int BAD_INPUT = 2;
  static final int IO = 3;
  static final int INTERNAL = 4;

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
    if (ex instanceof CorruptStreamException || ex instanceof UnsupportedStreamException
        || ex instanceof org.lic4j.bitstream.UnsupportedVersionException) {
      return BAD_INPUT;
    }
    if (ex instanceof NoSuchFileException) {
      return BAD_INPUT;
    }
    if (ex instanceof IOException) {
      return IO;
    }
    if (ex instanceof IllegalArgumentException) {
      return USAGE;
    }
    return INTERNAL;
  }

  static String message(Throwable ex) {
    if (ex instanceof CorruptStreamException e) {
      // The file first, as in every other message: "photo.lic: truncated ...: offset 118".
      return e.resource() + ": " + e.reason().replace('\n', ' ') + " (offset " + e.offset() + ")";
    }
    if (ex instanceof NoSuchFileException e) {
      return e.getFile() + ": no such file";
    }
    if (ex instanceof AccessDeniedException e) {
      return e.getFile() + ": permission denied";
    }
    if (ex instanceof java.nio.file.FileSystemException e && e.getReason() != null) {
      return e.getFile() + ": " + e.getReason();
    }
    String m = ex.getMessage();
    if (m == null || m.isBlank()) {
      return ex.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }
}
