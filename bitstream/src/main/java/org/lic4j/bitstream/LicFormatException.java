package org.lic4j.bitstream;

import java.io.IOException;
import java.util.Objects;

/**
 * The root of everything a lic4j stream or model bundle can be wrong about: corrupt, of an
 * unsupported version, using an unsupported feature, coded with another model, or a malformed
 * bundle. Each carries the reason, the byte offset where the fault was found (or {@link
 * #NO_OFFSET}) and the resource, and names its {@link RejectionClass}. The message has one
 * shape: {@code "bad chunk length 4294967295: offset=118 (resource=photo.lic)"}, or without
 * {@code ": offset=..."} for a fault not at one byte.
 *
 * <p>Sealed so that a caller's classification (the command line's exit code, the conformance
 * runner's rejection class) covers every case; the subclasses share this package because a
 * sealed class and its permitted subclasses must share a module.
 */
public abstract sealed class LicFormatException extends IOException
    permits CorruptStreamException, UnsupportedVersionException, UnsupportedFeatureException,
        ModelMismatchException, ModelFormatException {
  private static final long serialVersionUID = 1L;

  /** Offset value for a fault that does not sit at one byte position (a hash, a version, a model). */
  public static final long NO_OFFSET = -1;

  private final String reason;
  private final long offset;
  private final String resource;

  LicFormatException(String reason, long offset, String resource, Throwable cause) {
    super(message(reason, offset, resource), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.offset = offset;
    this.resource = Objects.requireNonNull(resource, "resource");
  }

  private static String message(String reason, long offset, String resource) {
    return offset >= 0
        ? reason + ": offset=" + offset + " (resource=" + resource + ")"
        : reason + " (resource=" + resource + ")";
  }

  /** What is wrong, without offset or resource. */
  public final String reason() {
    return reason;
  }

  /** Byte offset, from the first byte of the resource, where the fault was found, or {@link #NO_OFFSET}. */
  public final long offset() {
    return offset;
  }

  /** What was being read, usually a file name. */
  public final String resource() {
    return resource;
  }

  /** The class of failure a conforming reader reports for this fault (docs/bitstream.md, section 8). */
  public abstract RejectionClass rejectionClass();
}
