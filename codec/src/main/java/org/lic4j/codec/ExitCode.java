package org.lic4j.codec;

/**
 * The exit codes of the {@code lic4j} command, as the README documents them. Here rather than in
 * the command line so that {@link Failure} can map every failure to one.
 */
public enum ExitCode {
  /** Everything worked. */
  OK(0),
  /** A mistake in the command: an unknown option, a value out of range, a missing argument. */
  USAGE(1),
  /** Bad input: a missing or unreadable input file, a corrupt or unsupported stream, a bad model bundle. */
  BAD_INPUT(2),
  /** Reading or writing failed: an output folder that is missing or not writable, a full disk. */
  IO_ERROR(3),
  /** A fault of lic4j or its runtime: a bug, out of memory, ONNX Runtime failing. */
  INTERNAL(4),
  /** {@code lic4j conform}: a stream of the suite did not conform. */
  NONCONFORMING(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
