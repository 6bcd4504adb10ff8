package org.lic4j.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file whole or not at all: into a temporary file beside it, then renamed over
 * the target. An existing file is replaced only when the user said {@code --force}.
 */
final class OutputFiles {
  private OutputFiles() {}

  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Fails early (before any work) when the target exists and may not be replaced. */
  static void checkWritable(Path target, boolean force) throws IOException {
    if (Files.isDirectory(target)) {
      throw new BadInputException(target + ": is a directory", true);
    }
    if (!force && Files.exists(target)) {
      throw new BadInputException(target + ": exists (use --force to overwrite)", true);
    }
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new BadInputException(target + ": directory " + dir + " does not exist", true);
    }
  }

  static void write(Path target, boolean force, Body body) throws IOException {
    checkWritable(target, force);
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.writeTo(out);
      }
      try {
        if (force) {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          moveNoReplace(tmp, target);
        }
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void moveNoReplace(Path tmp, Path target) throws IOException {
    // A link fails if the target appeared meanwhile, so a concurrent writer's file is never lost.
    try {
      Files.createLink(target, tmp);
    } catch (FileAlreadyExistsException e) {
      throw new BadInputException(target + ": exists (use --force to overwrite)", true);
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(target)) {
        throw new BadInputException(target + ": exists (use --force to overwrite)", true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
