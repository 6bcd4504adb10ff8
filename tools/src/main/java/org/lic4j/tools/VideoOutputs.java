package org.lic4j.tools;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.UserInputException;

/** What the video forms of encode and decode share: their outputs, a file or standard output. */
final class VideoOutputs {
  private VideoOutputs() {}

  /** What writes a video to an output stream that the writer may close. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  static boolean isStdout(Path p) {
    return p.toString().equals("-");
  }

  /** Checks, before any work, that {@code out} may be written and is not the input itself. */
  static void check(Path in, Path out, boolean force) throws IOException {
    if (isStdout(out)) {
      return;
    }
    // Even --force must not replace the input it is reading.
    if (!isStdout(in) && Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out)) {
      throw new UserInputException(out + ": is the input itself; give another output", true);
    }
    OutputFiles.checkWritable(out, force);
  }

  /**
   * Writes {@code body} to {@code out}: a file whole or not at all, or standard output as it comes
   * (a pipe cannot be taken back; the command's exit code then says whether it is complete).
   */
  static void write(Path out, boolean force, PrintStream stdout, Body body) throws IOException {
    if (isStdout(out)) {
      body.writeTo(unclosable(stdout));
      stdout.flush();
      if (stdout.checkError()) {
        // PrintStream keeps write errors (a full disk, a closed pipe) to itself.
        throw new FileSystemException("-", null, "cannot write to standard output");
      }
    } else {
      OutputFiles.write(out, force, o -> body.writeTo(unclosable(o)));
    }
  }

  /** The video writers own and close their output; these outputs belong to the command. */
  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
