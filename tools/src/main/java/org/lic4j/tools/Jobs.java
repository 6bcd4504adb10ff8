package org.lic4j.tools;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lic4j.media.Inputs;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.UserInputException;

/** Pairs inputs with outputs for the one-file and the batch forms of encode and decode. */
final class Jobs {
  private Jobs() {}

  /** Whether an output that exists is an error (the default), replaced, or left and not recomputed. */
  enum Existing { REFUSE, REPLACE, SKIP }

  /**
   * What a run will do.
   *
   * @param jobs pairs {input, output} to code
   * @param existing pairs whose output exists and is kept ({@link Existing#SKIP}): not recomputed
   * @param ignored files in the folders given that are not coded (hidden, or not named as an
   *     input), and hidden folders, each counted once and not looked into
   */
  record Plan(List<Path[]> jobs, List<Path[]> existing, int ignored) {}

  /**
   * @return the plan; every output checked writable before any work starts, so a batch does not
   *     stop halfway over an existing file
   */
  static Plan plan(List<Path> files, Path outputDir, Existing existing, String outSuffix, String[] inSuffixes)
      throws IOException {
    List<Path[]> jobs = new ArrayList<>();
    int ignored = 0;
    if (outputDir == null) {
      if (files.size() != 2) {
        throw new UserInputException("give IN OUT, or several inputs with --output-dir DIR", true);
      }
      if (Files.isDirectory(files.get(0))) {
        throw new UserInputException(files.get(0) + ": is a directory, not a file (use --output-dir DIR for a batch)", false);
      }
      jobs.add(new Path[] {files.get(0), files.get(1)});
    } else {
      if (!Files.isDirectory(outputDir)) {
        throw new FileSystemException(outputDir.toString(), null,
            Files.exists(outputDir) ? "not a directory" : "output directory does not exist");
      }
      // Output -> the input that claimed it, to name both when two inputs would write one file.
      Map<Path, Path> claimed = new HashMap<>();
      for (Path given : files) {
        List<Path[]> found = new ArrayList<>();
        if (Files.isDirectory(given)) {
          ignored += walk(given, outputDir, outSuffix, inSuffixes, found);
        } else {
          found.add(new Path[] {given, outputDir.resolve(Inputs.stem(given) + "." + outSuffix)});
        }
        for (Path[] job : found) {
          Path first = claimed.putIfAbsent(job[1].normalize(), job[0]);
          if (first != null) {
            throw new UserInputException(job[1] + ": " + first + " and " + job[0] + " would both write it;"
                + " give them in separate runs or rename one", true);
          }
          jobs.add(job);
        }
      }
      if (jobs.isEmpty()) {
        throw new UserInputException("no input files (" + String.join(", ", inSuffixes) + ") in " + files, false);
      }
    }
    for (Path[] job : jobs) {
      if (outputDir == null && isStdin(job[0])) {
        continue;
      }
      if (Files.isDirectory(job[0])) {
        throw new UserInputException(job[0] + ": is a directory, not a file", false);
      }
      if (!Files.isRegularFile(job[0])) {
        throw new UserInputException(job[0] + ": no such file", false);
      }
    }
    List<Path[]> toCode = new ArrayList<>();
    List<Path[]> kept = new ArrayList<>();
    for (Path[] job : jobs) {
      if (job[1].toString().equals("-")) {
        toCode.add(job);
        continue;
      }
      // Even --force must not replace the input it is reading: 'encode a.png a.png' is a typo.
      if (!isStdin(job[0]) && Files.exists(job[1]) && Files.isSameFile(job[0], job[1])) {
        throw new UserInputException(job[1] + ": is the input itself; give another output", true);
      }
      if (existing == Existing.SKIP && Files.isRegularFile(job[1])) {
        kept.add(job);
        continue;
      }
      Path parent = job[1].toAbsolutePath().getParent();
      if (outputDir == null || parent == null || Files.exists(parent)) {
        OutputFiles.checkWritable(job[1], existing == Existing.REPLACE);
      }
      // else a folder of the mirrored tree not made yet: nothing in it to overwrite.
      toCode.add(job);
    }
    return new Plan(toCode, kept, ignored);
  }

  /** Whether an input names standard input ({@code -}): one picture, read whole before it is coded. */
  static boolean isStdin(Path in) {
    return in.toString().equals("-");
  }

  /**
   * Adds the inputs under {@code root} to {@code found}, each with its output at the same place
   * under {@code outputDir} (root/a/b/x.png -> outputDir/a/b/x.SUFFIX), in a stable order.
   * Hidden files and folders (a leading dot: .git, .DS_Store, our own .part files) are left out,
   * and so is the output folder when it lies inside the tree.
   *
   * @return how many files and hidden folders were left out
   */
  private static int walk(Path root, Path outputDir, String outSuffix, String[] inSuffixes, List<Path[]> found)
      throws IOException {
    Path outAbs = outputDir.toAbsolutePath().normalize();
    int[] ignored = {0};
    List<Path> inputs = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        if (isHidden(dir)) {
          ignored[0]++;
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (dir.toAbsolutePath().normalize().equals(outAbs)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        // A link to a picture is coded (Files.isRegularFile follows it); links to folders are not
        // followed, so that a loop cannot make the walk endless.
        if (!isHidden(file) && Inputs.hasSuffix(file, inSuffixes) && Files.isRegularFile(file)) {
          inputs.add(file);
        } else {
          ignored[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    inputs.sort(null);
    for (Path in : inputs) {
      Path rel = root.relativize(in);
      Path out = outputDir.resolve(rel).resolveSibling(Inputs.stem(in) + "." + outSuffix);
      found.add(new Path[] {in, out});
    }
    return ignored[0];
  }

  private static boolean isHidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }
}
