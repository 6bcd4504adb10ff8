package org.lic4j.tools;

/** Recognises a lic4j stream by its first bytes (docs/bitstream.md, Signature). */
final class LicMagic {
  private LicMagic() {}

  static boolean matches(byte[] head) {
    return org.lic4j.codec.LicFormat.isLicStream(head);
  }
}
