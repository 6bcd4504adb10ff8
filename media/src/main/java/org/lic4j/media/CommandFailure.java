package org.lic4j.media;

import java.util.Objects;
import org.lic4j.codec.ExitCode;
import org.lic4j.codec.Failure;

/**
 * A failure as a command line reports it (`lic4j` and the lab alike): the user's own mistakes
 * ({@link UserInputException}: exit 1 or 2), and everything else as the codec's {@link Failure}
 * classifies it, the classification the conformance runner shares.
 *
 * @param exitCode the documented exit code
 * @param message one line for the user, naming the file first where there is one
 */
public record CommandFailure(ExitCode exitCode, String message) {
  public CommandFailure {
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(message, "message");
  }

  /** Classifies {@code failure}. */
  public static CommandFailure of(Throwable failure) {
    if (failure instanceof UserInputException u) {
      return new CommandFailure(u.isUsage() ? ExitCode.USAGE : ExitCode.BAD_INPUT,
          String.valueOf(u.getMessage()).replace('\n', ' '));
    }
    Failure f = Failure.of(failure);
    return new CommandFailure(f.exitCode(), f.message());
  }
}
