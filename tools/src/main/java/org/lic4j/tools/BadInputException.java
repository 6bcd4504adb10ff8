package org.lic4j.tools;

import java.io.IOException;

/** Input the user gave is wrong: a missing file, the wrong kind of file, a usage mistake. */
final class BadInputException extends IOException {
  private static final long serialVersionUID = 1L;
  private final boolean usage;

  /** @param usage true for a mistake in the command (exit 1), false for bad input data (exit 2) */
  BadInputException(String message, boolean usage) {
    super(message);
    this.usage = usage;
  }

  boolean isUsage() {
    return usage;
  }
}
