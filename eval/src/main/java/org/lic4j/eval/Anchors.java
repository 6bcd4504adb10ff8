package org.lic4j.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Published Kodak rate-distortion curves (CompressAI's {@code results/image/kodak} JSON files:
 * {@code results.bpp}, {@code results.psnr-rgb} or {@code psnr}, optionally {@code ms-ssim-rgb} or
 * {@code ms-ssim-db-rgb}), kept in the shared folder beside the repository.
 */
final class Anchors {
  /** Where the curves live, relative to the repository root. */
  static final String RELATIVE_TO_REPO = "../shared/anchors/kodak";

  private Anchors() {}

  /**
   * One published curve.
   *
   * @param id the file's name without {@code .json}
   * @param psnr bpp over RGB-PSNR
   * @param msSsimDb bpp over MS-SSIM in dB, or null when the file has none
   */
  record Published(String id, String name, String description, Curve psnr, Curve msSsimDb) {}

  /**
   * The anchors folder: {@code explicit} when given, else {@value #RELATIVE_TO_REPO} from the
   * working directory or from the repository the running jar was built in.
   */
  static Optional<Path> locate(Path explicit) {
    return locate(explicit, RELATIVE_TO_REPO);
  }

  /**
   * {@code explicit} when given, else the folder {@code relative} to the repository, found from the
   * working directory or from the repository the running jar was built in (the shared data beside it).
   */
  static Optional<Path> locate(Path explicit, String relative) {
    if (explicit != null) {
      return Files.isDirectory(explicit) ? Optional.of(explicit) : Optional.empty();
    }
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("").toAbsolutePath());
    repoOfCode().ifPresent(roots::add);
    for (Path root : roots) {
      for (Path r = root; r != null; r = r.getParent()) {
        Path candidate = r.resolve(relative).normalize();
        if (Files.isDirectory(r.resolve("tools")) && Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The folder holding the jar or classes directory this class was loaded from. */
  private static Optional<Path> repoOfCode() {
    try {
      var source = Anchors.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()).getParent());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Every {@code *.json} curve in {@code dir}, by file name. */
  static List<Published> load(Path dir) throws IOException {
    List<Published> out = new ArrayList<>();
    for (Path f : jsonFiles(dir)) {
      out.add(read(f));
    }
    return out;
  }

  /** The {@code *.json} files of {@code dir}, by name. */
  static List<Path> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  static Published read(Path file) throws IOException {
    return parse(file, f -> {
      JsonObject results = f.results();
      double[] bpp = numbers(results, "bpp");
      double[] psnr = results.has("psnr-rgb") ? numbers(results, "psnr-rgb") : numbers(results, "psnr");
      Curve msSsim = null;
      if (results.has("ms-ssim-db-rgb")) {
        msSsim = new Curve(f.name(), bpp, numbers(results, "ms-ssim-db-rgb"));
      } else if (results.has("ms-ssim-rgb")) {
        double[] m = numbers(results, "ms-ssim-rgb");
        double[] db = new double[m.length];
        for (int i = 0; i < m.length; i++) {
          db[i] = MsSsim.toDecibels(m[i]);
        }
        msSsim = new Curve(f.name(), bpp, db);
      }
      return new Published(f.id(), f.name(), f.description(), new Curve(f.name(), bpp, psnr), msSsim);
    });
  }

  /**
   * A CompressAI results file as read: {@code id} is the file's name without {@code .json};
   * {@code name} and {@code description} default to the id and nothing.
   */
  record CurveFile(String id, String name, String description, JsonObject results) {}

  /** Reads {@code file} and makes a curve of it; whatever is missing or malformed is an IOException naming the file. */
  static <T> T parse(Path file, Function<CurveFile, T> make) throws IOException {
    String id = file.getFileName().toString().replaceFirst("\\.json$", "");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
      String name = root.has("name") ? root.get("name").getAsString() : id;
      String description = root.has("description") ? root.get("description").getAsString() : "";
      return make.apply(new CurveFile(id, name, description, root.getAsJsonObject("results")));
    } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
        | UnsupportedOperationException | IllegalArgumentException e) {
      throw new IOException(file + ": not a rate-distortion curve file: " + e.getMessage(), e);
    }
  }

  /** The array {@code key} of {@code o} as numbers. */
  static double[] numbers(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null) {
      throw new IllegalArgumentException("no results." + key);
    }
    JsonArray a = e.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }
}
