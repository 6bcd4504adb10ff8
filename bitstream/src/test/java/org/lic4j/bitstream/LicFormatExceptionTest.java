package org.lic4j.bitstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The taxonomy: one message shape, one rejection class per type, ids as manifests spell them. */
class LicFormatExceptionTest {
  private static final FormatVersion V1_0 = new FormatVersion(1, 0);
  private static final FormatVersion V1_1 = new FormatVersion(1, 1);

  @Test
  void everyTypeNamesItsRejectionClass() {
    assertSame(RejectionClass.CORRUPT, new CorruptStreamException("bad", 3, "a.lic").rejectionClass());
    assertSame(RejectionClass.UNSUPPORTED_VERSION,
        new VersionTooOldException(new FormatVersion(0, 9), V1_0, V1_1, "a.lic").rejectionClass());
    assertSame(RejectionClass.UNSUPPORTED_VERSION,
        new VersionTooNewException(new FormatVersion(2, 0), V1_0, V1_1, "a.lic").rejectionClass());
    assertSame(RejectionClass.UNSUPPORTED_FEATURE,
        new UnsupportedFeatureException("unknown mandatory chunk", 40, "a.lic").rejectionClass());
    assertSame(RejectionClass.MODEL_MISMATCH,
        new ModelMismatchException("a.lic", "m0", "00", "m1", "11").rejectionClass());
    assertSame(RejectionClass.BAD_MODEL,
        new ModelFormatException("bad LICT magic", 0, "entropy.lict").rejectionClass());
  }

  @Test
  void oneMessageShapeWithAndWithoutOffset() {
    LicFormatException at = new CorruptStreamException("bad chunk length 4294967295", 118, "photo.lic");
    assertEquals("bad chunk length 4294967295: offset=118 (resource=photo.lic)", at.getMessage());
    assertEquals("bad chunk length 4294967295", at.reason());
    assertEquals(118, at.offset());
    assertEquals("photo.lic", at.resource());

    LicFormatException nowhere = new ModelFormatException("content hash mismatch", LicFormatException.NO_OFFSET,
        "manifest.json");
    assertEquals("content hash mismatch (resource=manifest.json)", nowhere.getMessage());
    assertEquals(LicFormatException.NO_OFFSET, nowhere.offset());
  }

  @Test
  void versionAndModelMessagesKeepTheirWording() {
    LicFormatException tooNew = new VersionTooNewException(new FormatVersion(2, 0), V1_0, V1_1, "x.lic");
    assertEquals("format version 2.0 is too new: this reader supports 1.0 to 1.1 (resource=x.lic)",
        tooNew.getMessage());
    ModelMismatchException mismatch = new ModelMismatchException("old.lic", "lic-image-v0",
        "00112233445566778899aabbccddeeff", "lic-image-v1", "ffeeddccbbaa99887766554433221100");
    assertEquals("old.lic", mismatch.resource());
    assertTrue(mismatch.reason().startsWith("coded with model lic-image-v0 (sha256 0011223344556677...), "
        + "but the decoder has lic-image-v1 (sha256 ffeeddccbbaa9988...)"), mismatch.reason());
    assertEquals(LicFormatException.NO_OFFSET, mismatch.offset());
  }

  @Test
  void idsAreTheManifestNames() {
    assertEquals(List.of("corrupt", "unsupported-version", "unsupported-feature", "model-mismatch", "bad-model"),
        List.of(RejectionClass.values()).stream().map(RejectionClass::id).toList());
    for (RejectionClass r : RejectionClass.values()) {
      assertEquals(Optional.of(r), RejectionClass.of(r.id()));
    }
    assertEquals(Optional.empty(), RejectionClass.of("corruption"));
    assertEquals(Optional.empty(), RejectionClass.of(null));
  }
}
