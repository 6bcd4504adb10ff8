package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lic4j.codec.RgbImage;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.ImageFiles;

/** One in-process run of the {@code lic4j} command line, with its exit code and captured streams. */
record CliRun(int code, byte[] stdout, String err) {

  static CliRun of(String... args) {
    return withStdin(new byte[0], args);
  }

  /** A run whose standard input carries {@code stdin} (for {@code -} inputs). */
  static CliRun withStdin(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Lic4jCommand.newCommandLine(new ByteArrayInputStream(stdin), o, e).execute(args);
      o.flush();
      e.flush();
      return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
  }

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  CliRun assertOk() {
    assertEquals(0, code, () -> "exit code; stderr: " + err);
    return this;
  }

  /**
   * The failure a user should see: this exit code, exactly one line on stderr that starts with
   * "lic4j: " and names {@code named} (when given), and no stack trace.
   */
  CliRun assertFails(int expected, String named) {
    assertEquals(expected, code, () -> "exit code; stderr: " + err);
    List<String> lines = err.lines().collect(Collectors.toList());
    if (expected == Failures.USAGE && lines.size() == 2 && lines.get(1).startsWith("Try 'lic4j --help'")) {
      lines = lines.subList(0, 1);
    }
    assertEquals(1, lines.size(), () -> "one line on stderr, got:\n" + err);
    assertTrue(lines.get(0).startsWith("lic4j: "), err);
    if (named != null) {
      assertTrue(lines.get(0).contains(named), () -> "message names " + named + ": " + err);
    }
    assertFalse(err.contains("\tat ") || err.contains("Exception"), () -> "no stack trace: " + err);
    return this;
  }

  /** The names in {@code dir} (not recursive), sorted. */
  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** A photo-like picture: something a codec has work to do on. */
  static RgbImage picture(int width, int height, int seed) {
    return SyntheticPictures.landscape(width, height, seed);
  }

  static Path write(Path file, RgbImage image) throws IOException {
    Files.write(file, ImageFiles.encode(image, ImageFiles.Format.of(file)));
    return file;
  }
}
