package org.lic4j.bitstream;

/**
 * The one exception for a stream that does not follow {@code docs/bitstream.md}: a checksum
 * mismatch, a truncated or extended stream, a field out of range, or a field beyond the reader's
 * {@link ContainerLimits}. The message names the reason, the byte offset (from the first byte of
 * the stream) and the resource, for example {@code bad chunk length 4294967295: offset=118
 * (resource=photo.lic)}. Truncation reasons start with {@code truncated}.
 */
public final class CorruptStreamException extends LicFormatException {
  private static final long serialVersionUID = 1L;

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
    super(reason, offset, resource, cause);
  }

  @Override
  public RejectionClass rejectionClass() {
    return RejectionClass.CORRUPT;
  }
}
