package org.lic4j.bitstream;

/** A stream written in a format version older than this reader supports. */
public final class VersionTooOldException extends UnsupportedVersionException {
  private static final long serialVersionUID = 1L;

  /** Records the version found, the supported range and the resource. */
  public VersionTooOldException(
      FormatVersion found,
      FormatVersion oldestSupported,
      FormatVersion newestSupported,
      String resource) {
    super("too old", found, oldestSupported, newestSupported, resource);
  }
}
