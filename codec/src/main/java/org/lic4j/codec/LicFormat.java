package org.lic4j.codec;

import org.lic4j.bitstream.StreamSignature;

/** Names and recognition of the lic4j file format, for tools and the ImageIO plugin. */
public final class LicFormat {
  /** The format's short name, as ImageIO knows it. */
  public static final String NAME = "lic";
  /** File name suffix, without the dot. */
  public static final String SUFFIX = "lic";
  /** MIME type (unregistered). */
  public static final String MIME_TYPE = "image/x-lic";
  /** Bytes needed by {@link #isLicStream(byte[])}. */
  public static final int SIGNATURE_LENGTH = StreamSignature.LENGTH;

  private LicFormat() {}

  /** Whether {@code head} starts like a lic4j stream. */
  public static boolean isLicStream(byte[] head) {
    return StreamSignature.matches(head);
  }
}
