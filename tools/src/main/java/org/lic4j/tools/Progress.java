package org.lic4j.tools;

import java.io.PrintStream;

/** A one-line progress bar on stderr when it is a terminal; one line per item otherwise. */
final class Progress {
  private final PrintStream err;
  private final int total;
  private final boolean terminal;
  private int done;

  Progress(PrintStream err, int total) {
    this.err = err;
    this.total = total;
    this.terminal = System.console() != null && err == System.err;
  }

  void step(String item, String result) {
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
