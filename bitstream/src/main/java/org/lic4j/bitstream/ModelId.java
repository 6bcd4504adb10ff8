package org.lic4j.bitstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.lic4j.bitstream.container.HeaderRules;

/**
 * Which model decodes a stream: a name for people plus the SHA-256 of the model's content for
 * machines. Decoders resolve the model by both, never by position in a list, so adding a model
 * never changes what an existing stream means.
 *
 * @param name 1..64 bytes of well-formed UTF-8, no control characters
 * @param sha256 the 32-byte SHA-256 of the model content (defined by the codec); copied
 */
public record ModelId(String name, byte[] sha256) {

  /** Longest model name, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = HeaderRules.MAX_MODEL_NAME_BYTES;

  /** Length of the content hash. */
  public static final int HASH_LENGTH = HeaderRules.MODEL_HASH_LENGTH;

  /** Validates and copies. */
  public ModelId {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    byte[] utf8 = HeaderRules.utf8(name);
    HeaderRules.require(utf8 == null ? "model name is not valid Unicode" : HeaderRules.modelName(utf8));
    if (sha256.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "model hash has " + sha256.length + " bytes, SHA-256 has " + HASH_LENGTH);
    }
    sha256 = sha256.clone();
  }

  /** A model id from a name and a 64-digit hexadecimal SHA-256. */
  public static ModelId of(String name, String sha256Hex) {
    return new ModelId(name, HexFormat.of().parseHex(sha256Hex));
  }

  /** A copy of the content hash. */
  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /** The content hash as 64 lower-case hexadecimal digits. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }

  /** The name as the header stores it: its UTF-8 bytes. */
  public byte[] nameUtf8() {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelId that
        && name.equals(that.name)
        && Arrays.equals(sha256, that.sha256);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(sha256);
  }

  /** {@code name@sha256:<hex>}. */
  @Override
  public String toString() {
    return name + "@sha256:" + sha256Hex();
  }
}
