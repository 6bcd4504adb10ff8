package org.lic4j.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.lic4j.bitstream.LicFormatException;

/**
 * Writes an output file whole or not at all: into a temporary file beside it
 * ({@code .NAME.RANDOM.part}), then renamed over the target. An existing file is replaced only
 * when the user said {@code --force}.
 */
public final class OutputFiles {
  /** Suffix of the temporary files; a crash can leave one, nothing else does. */
  public static final String PART_SUFFIX = ".part";

  private OutputFiles() {}

  /** What writes the file's bytes. */
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What writes the file in place, for writers that want a path (FFmpeg's muxers seek in it). */
  public interface FileBody {
    void writeTo(Path file) throws IOException;
  }

  /**
   * Fails early (before any work) when the target exists and may not be replaced (exit 1), or
   * cannot be written where it is (exit 3).
   */
  public static void checkWritable(Path target, boolean force) throws IOException {
    if (Files.isDirectory(target)) {
      throw new UserInputException(target + ": is a directory", true);
    }
    if (!force && Files.exists(target)) {
      throw new UserInputException(target + ": exists (use --force to overwrite)", true);
    }
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new FileSystemException(target.toString(), null,
          Files.exists(dir) ? dir + " is not a directory" : "directory " + dir + " does not exist");
    }
  }

  /** Writes {@code target} whole from {@code body}, or leaves it as it was. */
  public static void write(Path target, boolean force, Body body) throws IOException {
    writeFile(target, force, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        body.writeTo(out);
      }
    });
  }

  /**
   * Writes {@code target} whole, or leaves it as it was: {@code body} writes a temporary file
   * beside it (whose name does not end as the target's), which then replaces the target.
   */
  public static void writeFile(Path target, boolean force, FileBody body) throws IOException {
    checkWritable(target, force);
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = createPart(dir, target.getFileName().toString());
    try {
      try {
        body.writeTo(tmp);
      } catch (FileSystemException | UserInputException | LicFormatException e) {
        // A damaged stream, decoded as its output is written, is the input's fault, not the target's.
        throw e;
      } catch (IOException e) {
        // "No space left on device" alone would not say which file could not be written; and
        // ImageIO wraps it in "I/O error writing PNG file!", which would not say why.
        throw (IOException) new FileSystemException(target.toString(), null, rootReason(e)).initCause(e);
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

  /**
   * A new empty file beside the target. Not {@link Files#createTempFile}: that makes the file
   * private (0600), and the rename would hand the user an output nobody else may read; this one
   * gets the usual permissions (the umask's).
   */
  private static Path createPart(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
          + PART_SUFFIX);
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static String rootReason(IOException e) {
    String reason = e.getMessage();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof IOException && t.getMessage() != null) {
        reason = t.getMessage();
      }
    }
    return reason == null ? e.getClass().getSimpleName() : reason;
  }

  private static void moveNoReplace(Path tmp, Path target) throws IOException {
    // A link fails if the target appeared meanwhile, so a concurrent writer's file is never lost.
    try {
      Files.createLink(target, tmp);
    } catch (FileAlreadyExistsException e) {
      throw new UserInputException(target + ": exists (use --force to overwrite)", true);
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(target)) {
        throw new UserInputException(target + ": exists (use --force to overwrite)", true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
