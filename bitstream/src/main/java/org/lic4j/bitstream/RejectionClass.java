package org.lic4j.bitstream;

import java.util.Optional;

/**
 * The classes of failure a conforming reader must tell apart (docs/bitstream.md, section 8), as
 * named in a conformance manifest's {@code rejectAs}. Every {@link LicFormatException} names one.
 */
public enum RejectionClass {
  /** A check of the format failed: checksum, range, limit, truncation, extension. */
  CORRUPT("corrupt"),
  /** A format version outside the reader's supported range, older or newer. */
  UNSUPPORTED_VERSION("unsupported-version"),
  /** A well-formed stream using something this reader does not implement. */
  UNSUPPORTED_FEATURE("unsupported-feature"),
  /** A well-formed stream coded with another model than the reader's. */
  MODEL_MISMATCH("model-mismatch"),
  /** A model bundle, or one of its files, is malformed, inconsistent or fails its hash. */
  BAD_MODEL("bad-model");

  private final String id;

  RejectionClass(String id) {
    this.id = id;
  }

  /** The name used in manifests and reports, e.g. {@code "unsupported-version"}. */
  public String id() {
    return id;
  }

  /** The class named {@code id}, if any. */
  public static Optional<RejectionClass> of(String id) {
    for (RejectionClass r : values()) {
      if (r.id.equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
