package org.lic4j.transforms;

import java.io.IOException;

/**
 * A model bundle or one of its files is malformed, truncated, inconsistent or does not match its
 * recorded hash. The message names the reason, the byte offset where it applies, and the
 * resource: {@code "bad LICT magic: offset=0 (resource=entropy.lict)"}.
 */
public final class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Offset value for problems that do not sit at one byte position (a hash, a field). */
  public static final long NO_OFFSET = -1;

  private final String reason;
  private final long offset;
  private final String resource;

  /**
   * @param reason what is wrong
   * @param offset byte offset in the resource, or {@link #NO_OFFSET}
   * @param resource the file or resource name
   */
  public ModelFormatException(String reason, long offset, String resource) {
    super(message(reason, offset, resource));
    this.reason = reason;
    this.offset = offset;
    this.resource = resource;
  }

  ModelFormatException(String reason, String resource, Throwable cause) {
    this(reason, NO_OFFSET, resource);
    initCause(cause);
  }

  private static String message(String reason, long offset, String resource) {
    return offset >= 0
        ? reason + ": offset=" + offset + " (resource=" + resource + ")"
        : reason + " (resource=" + resource + ")";
  }

  /** What is wrong, without offset or resource. */
  public String reason() {
    return reason;
  }

  /** Byte offset the problem was found at, or {@link #NO_OFFSET}. */
  public long offset() {
    return offset;
  }

  /** The file or resource name. */
  public String resource() {
    return resource;
  }
}
