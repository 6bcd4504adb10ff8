package org.lic4j.codec;

import java.io.IOException;

/** A well-formed stream this decoder cannot decode (another media kind, bit depth or tiling). */
public class UnsupportedStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnsupportedStreamException(String message) {
    super(message);
  }
}
