package org.lic4j.eval;

/**
 * Whether a codec can run here.
 *
 * @param id the codec asked for
 * @param codec the codec, or null when it is skipped
 * @param skipped why it is skipped (what is missing and how to install it), or null
 */
record Probe(String id, RdCodec codec, String skipped) {
  static Probe ok(RdCodec codec) {
    return new Probe(codec.id(), codec, null);
  }

  static Probe missing(String id, String program, String debianPackage) {
    return new Probe(id, null, program + " not found on the PATH (Debian: apt-get install " + debianPackage
        + ", or eval/src/main/scripts/install-classical-codecs.sh)");
  }
}
