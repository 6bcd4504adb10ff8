package org.lic4j.codec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.RejectionClass;

/**
 * What a failure means to a user: the one classification that the command line (exit code, one
 * line on stderr) and the conformance runner (rejection class) share, so that they cannot
 * disagree.
 *
 * <ul>
 *   <li>a {@link LicFormatException} (the stream or the bundle is wrong): {@link
 *       ExitCode#BAD_INPUT}, with its {@link RejectionClass};
 *   <li>a missing input file ({@link NoSuchFileException}): {@link ExitCode#BAD_INPUT};
 *   <li>any other {@link IOException}, a device asked for but absent (CUDA) included: {@link
 *       ExitCode#IO_ERROR};
 *   <li>an {@link IllegalArgumentException} (an option value the codec refuses): {@link ExitCode#USAGE};
 *   <li>everything else, ONNX Runtime failures and {@link OutOfMemoryError} included: {@link
 *       ExitCode#INTERNAL}.
 * </ul>
 *
 * @param exitCode the exit code of the command that failed so
 * @param rejection the class of a stream or bundle fault, empty for any other failure
 * @param message one line for the user, naming the file first where there is one
 */
public record Failure(ExitCode exitCode, Optional<RejectionClass> rejection, String message) {
  public Failure {
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(message, "message");
  }

  /** Classifies {@code failure}. */
  public static Failure of(Throwable failure) {
    if (failure instanceof LicFormatException e) {
      return new Failure(ExitCode.BAD_INPUT, Optional.of(e.rejectionClass()), message(e));
    }
    return new Failure(exitCode(failure), Optional.empty(), message(failure));
  }

  private static ExitCode exitCode(Throwable failure) {
    if (failure instanceof NoSuchFileException) {
      return ExitCode.BAD_INPUT;
    }
    if (failure instanceof IOException) {
      return ExitCode.IO_ERROR;
    }
    if (failure instanceof IllegalArgumentException) {
      return ExitCode.USAGE;
    }
    return ExitCode.INTERNAL;
  }

  private static String message(LicFormatException e) {
    // The file first, as in every other message: "photo.lic: truncated ... (offset 118)".
    String line = e.resource() + ": " + oneLine(e.reason());
    return e.offset() == LicFormatException.NO_OFFSET ? line : line + " (offset " + e.offset() + ")";
  }

  private static String message(Throwable failure) {
    if (failure instanceof NoSuchFileException e) {
      return e.getFile() + ": no such file";
    }
    if (failure instanceof AccessDeniedException e) {
      return e.getFile() + ": permission denied";
    }
    if (failure instanceof FileSystemException e && e.getReason() != null) {
      return e.getFile() + ": " + e.getReason();
    }
    String m = failure.getMessage();
    if (m == null || m.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return oneLine(m);
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ');
  }
}
