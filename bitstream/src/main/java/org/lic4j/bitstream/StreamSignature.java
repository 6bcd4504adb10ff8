package org.lic4j.bitstream;

/** The first bytes of every lic4j stream, for sniffing a file's type without parsing it. */
public final class StreamSignature {
  /** Bytes of the signature (docs/bitstream.md, Signature). */
  public static final int LENGTH = ContainerFormat.MAGIC.length;

  private StreamSignature() {}

  /** Whether {@code head} starts with the lic4j signature (false if it is shorter). */
  public static boolean matches(byte[] head) {
    if (head == null || head.length < LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (head[i] != ContainerFormat.MAGIC[i]) {
        return false;
      }
    }
    return true;
  }
}
