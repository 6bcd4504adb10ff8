package org.lic4j.conformance;

import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.UnsupportedVersionException;
import org.lic4j.codec.ModelMismatchException;

/** The classes of failure a conforming decoder must tell apart (docs/bitstream.md, section 8). */
enum Rejection {
  CORRUPT("corrupt"),
  UNSUPPORTED_VERSION("unsupported-version"),
  UNSUPPORTED_FEATURE("unsupported-feature"),
  MODEL_MISMATCH("model-mismatch");

  final String id;

  Rejection(String id) {
    this.id = id;
  }

  static Rejection of(String id) {
    for (Rejection r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** The class of {@code e}, or null for an exception that is none of them (a conformance failure). */
  static Rejection classify(Exception e) {
    if (e instanceof CorruptStreamException) {
      return CORRUPT;
    }
    if (e instanceof UnsupportedVersionException) {
      return UNSUPPORTED_VERSION;
    }
    if (e instanceof UnsupportedFeatureException) {
      return UNSUPPORTED_FEATURE;
    }
    if (e instanceof ModelMismatchException) {
      return MODEL_MISMATCH;
    }
    return null;
  }
}
