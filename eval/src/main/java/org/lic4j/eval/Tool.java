package org.lic4j.eval;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the classical codecs' command-line programs. */
final class Tool {
  /** No single encode or decode of one picture takes this long unless something hangs. */
  static final long TIMEOUT_SECONDS = 600;
  private static final int MESSAGE_CHARS = 400;

  private Tool() {}

  /**
   * Where the programs are looked for: the system property of this name when set (tests use it, and
   * it points an evaluation at other builds of the tools), else the PATH.
   */
  static final String PATH_PROPERTY = "lic4j.eval.path";

  /** The executable {@code name} on the search path. */
  static Optional<Path> find(String name) {
    String path = System.getProperty(PATH_PROPERTY, System.getenv("PATH"));
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The executables named, or the first one missing. */
  static Found findAll(String... names) {
    List<Path> paths = new ArrayList<>();
    for (String n : names) {
      Optional<Path> p = find(n);
      if (p.isEmpty()) {
        return new Found(paths, n);
      }
      paths.add(p.get());
    }
    return new Found(paths, null);
  }

  /** @param missing the first program not found, or null when all were */
  record Found(List<Path> paths, String missing) {
    Path get(int i) {
      return paths.get(i);
    }
  }

  /**
   * Runs {@code command} in {@code dir}; stdout and stderr together are returned.
   *
   * @throws IOException when it cannot start, exits with a non-zero status (the message holds the
   *     end of its output) or outlives {@link #TIMEOUT_SECONDS}
   */
  static String run(Path dir, List<String> command) throws IOException {
    Path log = Files.createTempFile(dir, "tool", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      boolean done;
      try {
        done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while running " + name(command));
      }
      String output = Files.readString(log, StandardCharsets.ISO_8859_1);
      if (!done) {
        p.destroyForcibly();
        throw new IOException(name(command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(name(command) + " exited with status " + p.exitValue() + ": " + tail(output));
      }
      return output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The first line of a program's output that contains {@code marker}, trimmed, or empty. */
  static String versionLine(Path dir, String marker, String... command) {
    try {
      String out;
      try {
        out = run(dir, List.of(command));
      } catch (IOException e) {
        // Some programs print their version and exit non-zero; the message carries the output.
        out = e.getMessage() == null ? "" : e.getMessage();
      }
      for (String line : out.split("\n")) {
        if (line.contains(marker)) {
          return line.trim();
        }
      }
      return "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The installed Debian package's version, when dpkg knows the package. */
  static Optional<String> debianPackage(Path dir, String pkg) {
    Optional<Path> dpkg = find("dpkg-query");
    if (dpkg.isEmpty()) {
      return Optional.empty();
    }
    try {
      String v = run(dir, List.of(dpkg.get().toString(), "-W", "-f", "${Version}", pkg)).trim();
      return v.isEmpty() ? Optional.empty() : Optional.of(pkg + " " + v);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String name(List<String> command) {
    return Path.of(command.get(0)).getFileName().toString();
  }

  private static String tail(String output) {
    String t = output.strip().replace('\n', ' ').replace('\r', ' ');
    return t.length() <= MESSAGE_CHARS ? t : "..." + t.substring(t.length() - MESSAGE_CHARS);
  }
}
