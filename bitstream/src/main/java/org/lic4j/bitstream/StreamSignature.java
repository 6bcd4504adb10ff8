package org.lic4j.bitstream;

/** The first bytes of every lic4j stream, for sniffing a file's type without parsing it. */
public final class StreamSignature {
  /** The signature (docs/bitstream.md, Signature); the container writes and checks it. */
  private static final byte[] MAGIC = {(byte) 0x89, 'L', 'I', 'C', '\r', '\n', 0x1A, '\n'};

  /** Bytes of the signature (docs/bitstream.md, Signature). */
  public static final int LENGTH = MAGIC.length;

  private StreamSignature() {}

  /** Whether {@code head} starts with the lic4j signature (false if it is shorter). */
  public static boolean matches(byte[] head) {
    if (head == null || head.length < LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The signature's bytes (a copy). */
  public static byte[] bytes() {
    return MAGIC.clone();
  }
}
