package org.lic4j.tools;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lic4j.media.Inputs;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.UserInputException;

/** Pairs inputs with outputs for the one-file and the batch forms of encode and decode. */
final class Jobs {
  private Jobs() {}

  /**
   * @return pairs {input, output}; every output checked writable before any work starts, so a
   *     batch does not stop halfway over an existing file
   */
  static List<Path[]> plan(List<Path> files, Path outputDir, boolean force, String outSuffix, String[] inSuffixes)
      throws IOException {
    List<Path[]> jobs = new ArrayList<>();
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
      Set<Path> seen = new HashSet<>();
      for (Path in : Inputs.expand(files, inSuffixes)) {
        Path out = outputDir.resolve(Inputs.stem(in) + "." + outSuffix);
        if (!seen.add(out)) {
          throw new UserInputException(out + ": two inputs would write the same output", true);
        }
        jobs.add(new Path[] {in, out});
      }
      if (jobs.isEmpty()) {
        throw new UserInputException("no input files (" + String.join(", ", inSuffixes) + ") in " + files, false);
      }
    }
    for (Path[] job : jobs) {
      if (Files.isDirectory(job[0])) {
        throw new UserInputException(job[0] + ": is a directory, not a file", false);
      }
      if (!Files.isRegularFile(job[0])) {
        throw new UserInputException(job[0] + ": no such file", false);
      }
    }
    for (Path[] job : jobs) {
      if (!job[1].toString().equals("-")) {
        // Even --force must not replace the input it is reading: 'encode a.png a.png' is a typo.
        if (Files.exists(job[1]) && Files.isSameFile(job[0], job[1])) {
          throw new UserInputException(job[1] + ": is the input itself; give another output", true);
        }
        OutputFiles.checkWritable(job[1], force);
      }
    }
    return jobs;
  }
}
