package org.lic4j.bitstream;

import java.io.IOException;
import java.util.Objects;

/**
 * A well-formed stream (its checksums match) that uses something this reader does not implement:
 * an unknown mandatory chunk type, or an enumeration value defined by a newer minor version. The
 * message has the same shape as {@link CorruptStreamException}'s.
 */
public final class UnsupportedFeatureException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final long offset;
  private final String resource;

  /**
   * @param reason what is not supported, without offset or resource
   * @param offset byte offset of the construct, from the first byte of the stream
   * @param resource what was being read, usually a file name
   */
  public UnsupportedFeatureException(String reason, long offset, String resource) {
    super(reason + ": offset=" + offset + " (resource=" + resource + ")");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.offset = offset;
    this.resource = Objects.requireNonNull(resource, "resource");
  }

  /** What is not supported, without offset or resource. */
  public String reason() {
    return reason;
  }

  /** Byte offset of the construct, from the first byte of the stream. */
  public long offset() {
    return offset;
  }

  /** What was being read, usually a file name. */
  public String resource() {
    return resource;
  }
}
