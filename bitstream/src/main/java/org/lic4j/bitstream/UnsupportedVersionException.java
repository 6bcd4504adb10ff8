package org.lic4j.bitstream;

import java.util.Objects;

/**
 * A stream whose format version this reader does not read; the subclass says which way it
 * misses. Carries the version found and the supported range, which the message also names.
 */
public abstract sealed class UnsupportedVersionException extends LicFormatException
    permits VersionTooOldException, VersionTooNewException {
  private static final long serialVersionUID = 1L;

  private final FormatVersion found;
  private final FormatVersion oldestSupported;
  private final FormatVersion newestSupported;

  UnsupportedVersionException(
      String direction,
      FormatVersion found,
      FormatVersion oldestSupported,
      FormatVersion newestSupported,
      String resource) {
    super("format version " + found + " is " + direction + ": this reader supports "
        + oldestSupported + " to " + newestSupported, NO_OFFSET, resource, null);
    this.found = Objects.requireNonNull(found, "found");
    this.oldestSupported = Objects.requireNonNull(oldestSupported, "oldestSupported");
    this.newestSupported = Objects.requireNonNull(newestSupported, "newestSupported");
  }

  /** The version the stream declares. */
  public FormatVersion found() {
    return found;
  }

  /** The oldest version this reader reads. */
  public FormatVersion oldestSupported() {
    return oldestSupported;
  }

  /** The newest version this reader reads. */
  public FormatVersion newestSupported() {
    return newestSupported;
  }

  @Override
  public RejectionClass rejectionClass() {
    return RejectionClass.UNSUPPORTED_VERSION;
  }
}
