package org.lic4j.bitstream;

import java.io.IOException;
import java.util.Objects;

/**
 * The one exception for a stream that does not follow {@code docs/bitstream.md}: a checksum
 * mismatch, a truncated or extended stream, a field out of range, or a field beyond the reader's
 * {@link ContainerLimits}. The message names the reason, the byte offset (from the first byte of
 * the stream) and the resource, for example {@code bad chunk length 4294967295: offset=118
 * (resource=photo.lic)}. Truncation reasons start with {@code truncated}.
 */
public final class CorruptStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final long offset;
  private final String resource;

  /**
   * @param reason what is wrong, without offset or resource
   * @param offset byte offset, from the first byte of the stream, where the problem was found
   * @param resource what was being read, usually a file name
   */
  public CorruptStreamException(String reason, long offset, String resource) {
    this(reason, offset, resource, null);
  }

  /** As {@link #CorruptStreamException(String, long, String)}, with an underlying cause. */
  public CorruptStreamException(String reason, long offset, String resource, Throwable cause) {
    super(reason + ": offset=" + offset + " (resource=" + resource + ")", cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.offset = offset;
    this.resource = Objects.requireNonNull(resource, "resource");
  }

  /** What is wrong, without offset or resource. */
  public String reason() {
    return reason;
  }

  /** Byte offset from the first byte of the stream where the problem was found. */
  public long offset() {
    return offset;
  }

  /** What was being read, usually a file name. */
  public String resource() {
    return resource;
  }
}
