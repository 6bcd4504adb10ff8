package org.lic4j.transforms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the model bundle the tests run against: {@code -Dlic4j.bundle=DIR}, else
 * {@code models/lic-image-v1} in the first parent of the working directory that has one (the
 * repository root). The bundle is re-exported as training improves, so tests compare against its
 * own {@code golden.lict}, never against numbers that depend on the weights.
 */
final class TestBundles {
  static final String RELATIVE = "models/lic-image-v1";
  static final String PFRAME_RELATIVE = "models/lic-pframe-v1";

  private static ModelBundle bundle;
  private static ModelBundle pframeBundle;
  private static LictFile golden;

  private TestBundles() {}

  static Path directory() {
    return directory(RELATIVE, "lic4j.bundle");
  }

  /**
   * The P-frame bundle: {@code -Dlic4j.pframeBundle=DIR}, else {@code models/lic-pframe-v1} above
   * the working directory; the test is skipped without one.
   */
  static Path pframeDirectory() {
    return directory(PFRAME_RELATIVE, "lic4j.pframeBundle");
  }

  static synchronized ModelBundle pframeBundle() {
    if (pframeBundle == null) {
      try {
        pframeBundle = ModelBundle.load(pframeDirectory());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pframeBundle;
  }

  private static Path directory(String relative, String property) {
    String value = System.getProperty(property);
    if (value != null && !value.isEmpty()) {
      return Path.of(value);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(relative);
      if (Files.isRegularFile(candidate.resolve(ModelBundle.MANIFEST))) {
        return candidate;
      }
    }
    Assumptions.abort("no model bundle: expected " + relative
        + " above the working directory, or -D" + property + "=DIR");
    throw new AssertionError("unreachable");
  }

  static synchronized ModelBundle bundle() {
    if (bundle == null) {
      try {
        bundle = ModelBundle.load(directory());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundle;
  }

  static synchronized LictFile golden() {
    if (golden == null) {
      try {
        golden = LictFile.parse(bundle().readVerified("golden.lict"), "golden.lict");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return golden;
  }
}
