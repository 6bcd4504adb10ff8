package org.lic4j.bitstream;

/** A stream written in a major format version newer than this reader supports. */
public final class VersionTooNewException extends UnsupportedVersionException {
  private static final long serialVersionUID = 1L;

  /** Records the version found, the supported range and the resource. */
  public VersionTooNewException(
      FormatVersion found,
      FormatVersion oldestSupported,
      FormatVersion newestSupported,
      String resource) {
    super("too new", found, oldestSupported, newestSupported, resource);
  }
}
