package org.lic4j.bitstream;

import java.io.IOException;
import java.util.Objects;

/**
 * A stream whose format version this reader does not read; the subclass says which way it
 * misses. Carries the version found and the supported range, which the message also names.
 */
public abstract sealed class UnsupportedVersionException extends IOException
    permits VersionTooOldException, VersionTooNewException {
  private static final long serialVersionUID = 1L;

  private final FormatVersion found;
  private final FormatVersion oldestSupported;
  private final FormatVersion newestSupported;
  private final String resource;

  UnsupportedVersionException(
      String direction,
      FormatVersion found,
      FormatVersion oldestSupported,
      FormatVersion newestSupported,
      String resource) {
    super("format version " + found + " is " + direction + ": this reader supports "
        + oldestSupported + " to " + newestSupported + " (resource=" + resource + ")");
    this.found = Objects.requireNonNull(found, "found");
    this.oldestSupported = Objects.requireNonNull(oldestSupported, "oldestSupported");
    this.newestSupported = Objects.requireNonNull(newestSupported, "newestSupported");
    this.resource = Objects.requireNonNull(resource, "resource");
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

  /** What was being read, usually a file name. */
  public String resource() {
    return resource;
  }
}
