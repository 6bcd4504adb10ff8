package org.lic4j.spark;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.lic4j.media.Inputs;

/** Where a listed file lies under IN, and where its output goes under OUT (the tree mirrored). */
final class ArchivePaths {
  private ArchivePaths() {}

  /** The local file that Spark's listing names by its URI ({@code file:/photos/my%20photo.png}). */
  static Path localFile(String listed) {
    return Paths.get(URI.create(listed));
  }

  /** {@code file}'s place under {@code root}, with '/' between names whatever the platform. */
  static String relative(Path root, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path rel = abs.startsWith(root) ? root.relativize(abs) : abs.getFileName();
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  /**
   * The output's place under OUT for an input at {@code relative} under IN (a/b/x.png ->
   * a/b/x.lic), or null when the file is not one this direction codes, by its name.
   */
  static String output(String relative, JobSettings settings) {
    Path rel = Paths.get(relative);
    if (!Inputs.hasSuffix(rel, settings.direction().inputSuffixes())) {
      return null;
    }
    Path out = rel.resolveSibling(Inputs.stem(rel) + "." + settings.outputSuffix());
    return out.toString().replace(out.getFileSystem().getSeparator(), "/");
  }
}
