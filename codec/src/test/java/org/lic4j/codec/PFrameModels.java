package org.lic4j.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.lic4j.codec.frame.PredictionModel;

/**
 * The bundles the P-frame tests run against: {@code models/lic-pframe-v1} (and, for the kind
 * checks, {@code models/lic-image-v1}) in the first parent of the working directory that has it;
 * a test without it is skipped, saying so. The P model is opened once for the JVM and never
 * closed, as {@link SharedModel}.
 */
final class PFrameModels {
  static final String PFRAME = "models/lic-pframe-v1";
  static final String IMAGE = "models/lic-image-v1";

  private PFrameModels() {}

  static Path directory(String relative) {
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
