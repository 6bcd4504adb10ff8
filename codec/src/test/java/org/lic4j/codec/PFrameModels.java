package org.lic4j.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.lic4j.codec.frame.PredictionModel;

/**
 * The bundles the P-frame tests run against: {@code models/lic-pframe-v1} (or the P-frame bundle
 * {@code -Dlic4j.pframeBundle=DIR} names, e.g. one whose synthesis takes the prediction) and, for
 * the kind checks, {@code models/lic-image-v1}, in the first parent of the working directory that
 * has it; a test without it is skipped, saying so. The P model is opened once for the JVM and
 * never closed, as {@link SharedModel}.
 */
final class PFrameModels {
  static final String PFRAME = "models/lic-pframe-v1";
  static final String IMAGE = "models/lic-image-v1";
  /** The system property that names another P-frame bundle for the tests (as the transforms' tests). */
  static final String PFRAME_PROPERTY = "lic4j.pframeBundle";

  private PFrameModels() {}

  static Path directory(String relative) {
    String named = System.getProperty(PFRAME_PROPERTY, "");
    if (relative.equals(PFRAME) && !named.isEmpty()) {
      Path dir = Path.of(named).toAbsolutePath();
      if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
        throw new IllegalStateException("-D" + PFRAME_PROPERTY + "=" + named + " has no manifest.json");
      }
      return dir;
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(relative);
      if (Files.isRegularFile(candidate.resolve("manifest.json"))) {
        return candidate;
      }
    }
    Assumptions.abort("no bundle " + relative + " above the working directory: the P-frame tests need it");
    throw new AssertionError("unreachable");
  }

  private static PredictionModel model;

  static synchronized PredictionModel model() {
    if (model == null) {
      try {
        model = PredictionModel.open(directory(PFRAME), CodecOptions.defaults());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return model;
  }
}
