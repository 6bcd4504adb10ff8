package org.lic4j.bitstream;

/**
 * A model bundle or one of its files is malformed, truncated, inconsistent or does not match its
 * recorded hash. The message names the reason, the byte offset where it applies, and the
 * resource: {@code "bad LICT magic: offset=0 (resource=entropy.lict)"}. It lives beside the
 * stream exceptions because a bundle is read as strictly as a stream and reported the same way.
 */
public final class ModelFormatException extends LicFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason what is wrong
   * @param offset byte offset in the resource, or {@link #NO_OFFSET}
   * @param resource the file or resource name
   */
  public ModelFormatException(String reason, long offset, String resource) {
    super(reason, offset, resource, null);
  }

  /** A fault not at one byte ({@link #NO_OFFSET}), found through {@code cause}. */
  public ModelFormatException(String reason, String resource, Throwable cause) {
    super(reason, NO_OFFSET, resource, cause);
  }

  @Override
  public RejectionClass rejectionClass() {
    return RejectionClass.BAD_MODEL;
  }
}
