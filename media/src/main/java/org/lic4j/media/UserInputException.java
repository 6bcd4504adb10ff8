package org.lic4j.media;

import java.io.IOException;

/**
 * What the user gave is wrong: a missing file, the wrong kind of file, an output that exists, a
 * usage mistake. Media code cannot see the command line's own exception, so the command line
 * translates this one into its exit codes (1 for a usage mistake, 2 for bad input data).
 */
public final class UserInputException extends IOException {
  private static final long serialVersionUID = 1L;
  private final boolean usage;

  /** @param usage true for a mistake in the command (exit 1), false for bad input data (exit 2) */
  public UserInputException(String message, boolean usage) {
    super(message);
    this.usage = usage;
  }

  /** Whether the command was wrong rather than the data it named. */
  public boolean isUsage() {
    return usage;
  }
}
