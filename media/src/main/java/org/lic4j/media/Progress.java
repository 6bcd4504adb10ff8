package org.lic4j.media;

import java.io.PrintStream;
import java.io.PrintWriter;

/** A one-line progress bar on stderr when it is a terminal; one line per item otherwise. */
public final class Progress {
  private final PrintWriter err;
  private final int total;
  private final boolean terminal;
  private int done;

  /** Progress of {@code total} items on {@code err}, a bar when that is the process's terminal. */
  public Progress(PrintStream err, int total) {
    this(new PrintWriter(err, true), total, System.console() != null && err == System.err);
  }

  /** Progress of {@code total} items on {@code err}; a bar redrawn in place when {@code terminal}. */
  public Progress(PrintWriter err, int total, boolean terminal) {
    this.err = err;
    this.total = total;
    this.terminal = terminal;
  }

  /**
   * A line of its own between the steps (a failure in a batch that goes on): on a terminal the bar
   * is cleared first and drawn again at the next step.
   */
  public void note(String line) {
    err.println(terminal ? "\r\u001b[K" + line : line);
    err.flush();
  }

  /** One more item done, with its one-line result. */
  public void step(String item, String result) {
    done++;
    if (terminal) {
      int width = 30;
      int filled = (int) ((long) width * done / Math.max(1, total));
      err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " " + item + " " + result
          + "\u001b[K");
      if (done == total) {
        err.println();
      }
    } else {
      err.println("[" + done + "/" + total + "] " + item + " " + result);
    }
    err.flush();
  }
}
