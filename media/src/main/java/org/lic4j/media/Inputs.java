package org.lic4j.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands the inputs of a batch: files as given, directories to the matching files in them. */
public final class Inputs {
  private Inputs() {}

  /** Files as given; of each directory given, its files named {@code *.SUFFIX}, sorted. */
  public static List<Path> expand(List<Path> given, String... suffixes) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : given) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(Files::isRegularFile).filter(f -> hasSuffix(f, suffixes)).sorted().forEach(out::add);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Whether the file name ends in {@code .SUFFIX} for one of {@code suffixes}, ignoring case. */
  public static boolean hasSuffix(Path p, String... suffixes) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String s : suffixes) {
      if (n.endsWith("." + s)) {
        return true;
      }
    }
    return false;
  }

  /** File name without its last extension. */
  public static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
