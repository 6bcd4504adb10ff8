package org.lic4j.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the report says about the model, from the bundle's {@code manifest.json}: name, quality
 * levels and how long it had trained.
 *
 * @param source the bundle folder, or the class-path resource of the default model
 */
record ModelInfo(String name, String source, int qualityLevels, long trainingSteps, double trainingHours) {
  /** The bundle packed into the jar (see codec/pom.xml). */
  static final String DEFAULT_RESOURCE = "org/lic4j/models/lic-image-v1/manifest.json";
  private static final int DEFAULT_LEVELS = 8;

  static ModelInfo read(Path bundle) throws IOException {
    if (bundle != null) {
      try (Reader r = Files.newBufferedReader(bundle.resolve("manifest.json"), StandardCharsets.UTF_8)) {
        return parse(r, bundle.toString());
      }
    }
    InputStream in = ModelInfo.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
    if (in == null) {
      return new ModelInfo("default", "(built in)", DEFAULT_LEVELS, 0, 0);
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r, "(built in: " + DEFAULT_RESOURCE.replace("/manifest.json", "") + ")");
    }
  }

  private static ModelInfo parse(Reader r, String source) throws IOException {
    try {
      JsonObject m = JsonParser.parseReader(r).getAsJsonObject();
      return new ModelInfo(m.has("name") ? m.get("name").getAsString() : "unnamed", source,
          m.has("qualityLevels") ? m.get("qualityLevels").getAsInt() : DEFAULT_LEVELS,
          m.has("trainingSteps") ? m.get("trainingSteps").getAsLong() : 0,
          m.has("trainingHours") ? m.get("trainingHours").getAsDouble() : 0);
    } catch (JsonParseException | IllegalStateException | ClassCastException | NumberFormatException e) {
      throw new IOException(source + ": unreadable manifest.json: " + e.getMessage(), e);
    }
  }
}
