package org.lic4j.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same model's PyTorch forward pass on the same pictures, for the bench to compare against:
 * runs {@code python3 -m training.benchmark} (training/benchmark.py) from the repository and reads
 * the flat JSON object it prints.
 */
final class TorchBaseline {
  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":\\s*(-?[0-9][0-9.eE+-]*)");
  private static final Pattern TEXT = Pattern.compile("\"(\\w+)\":\\s*\"([^\"]*)\"");
  private static final Pattern BITS = Pattern.compile("\"estimated_bits\":\\s*\\[([^\\]]*)\\]");
  /** The fast BLAS and allocator of training/env.sh (shared/PLATFORM.md), when installed. */
  private static final String OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-openmp";
  private static final String TCMALLOC = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4";

  /** What the run said: numbers by key, texts by key, per-image estimated bits; or why it was skipped. */
  record Result(Map<String, Double> numbers, Map<String, String> texts, List<Long> estimatedBits, String skipped,
      String environment) {
    double ms(String key) {
      return numbers.getOrDefault(key + "_ms", Double.NaN);
    }
  }

  private TorchBaseline() {}

  static Result skipped(String why) {
    return new Result(Map.of(), Map.of(), List.of(), why, "");
  }

  /** The repository holding training/benchmark.py: the working directory or one above it. */
  static Path findRepository() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("training").resolve("benchmark.py"))) {
        return p;
      }
    }
    return null;
  }

  static Result run(String python, Path repository, Path weights, double quality, int threads, List<Path> images)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python, "-m", "training.benchmark", "--weights", weights.toString(),
        "--quality", Double.toString(quality), "--threads", Integer.toString(threads)));
    for (Path image : images) {
      cmd.add(image.toAbsolutePath().toString());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repository.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    List<String> env = new ArrayList<>();
    if (Files.isDirectory(Path.of(OPENBLAS))) {
      String old = pb.environment().get("LD_LIBRARY_PATH");
      pb.environment().put("LD_LIBRARY_PATH", OPENBLAS + (old == null ? "" : ":" + old));
      env.add("openblas-openmp");
    }
    if (Files.isRegularFile(Path.of(TCMALLOC))) {
      pb.environment().put("LD_PRELOAD", TCMALLOC);
      env.add("tcmalloc");
    }
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return skipped("cannot run " + python + ": " + e.getMessage());
    }
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return skipped(python + " -m training.benchmark did not finish in 10 minutes");
      }
      if (process.exitValue() != 0) {
        return skipped(python + " -m training.benchmark failed (exit " + process.exitValue() + ")");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for PyTorch", e);
    }
    return parse(out.strip(), String.join(" + ", env));
  }

  static Result parse(String json, String environment) {
    Map<String, String> texts = new HashMap<>();
    Matcher t = TEXT.matcher(json);
    while (t.find()) {
      texts.put(t.group(1), t.group(2));
    }
    if (texts.containsKey("skipped")) {
      return skipped(texts.get("skipped"));
    }
    Map<String, Double> numbers = new HashMap<>();
    Matcher n = NUMBER.matcher(json);
    while (n.find()) {
      numbers.put(n.group(1), Double.parseDouble(n.group(2)));
    }
    List<Long> bits = new ArrayList<>();
    Matcher b = BITS.matcher(json);
    if (b.find()) {
      for (String v : b.group(1).split(",")) {
        if (!v.isBlank()) {
          bits.add(Long.parseLong(v.trim()));
        }
      }
    }
    if (numbers.isEmpty()) {
      return skipped("no result from training.benchmark: " + json);
    }
    return new Result(numbers, texts, bits, null, environment);
  }
}
