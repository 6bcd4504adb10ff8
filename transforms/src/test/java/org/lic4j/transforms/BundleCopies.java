package org.lic4j.transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writable copies of a model bundle, for tests that change one of its files: a copy links to the
 * bundle's files but for those named, which it copies. Registered on a test class's field with
 * {@code @RegisterExtension}, it deletes its copies after each test. Not {@code @TempDir}: its
 * clean-up warns about every link to the real bundle.
 */
final class BundleCopies implements AfterEachCallback {
  private Path root;

  /** A new copy of the bundle in {@code source}, the files named in {@code copied} copied. */
  Path of(Path source, String... copied) throws IOException {
    if (root == null) {
      root = Files.createTempDirectory("lic4j-bundle-copies");
    }
    Path copy = Files.createTempDirectory(root, "bundle");
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(f.getFileName().toString());
        if (List.of(copied).contains(f.getFileName().toString())) {
          Files.copy(f, target);
        } else {
          Files.createSymbolicLink(target, f.toAbsolutePath());
        }
      }
    }
    return copy;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f); // a link is deleted, never its target
      }
    }
    root = null;
  }
}
