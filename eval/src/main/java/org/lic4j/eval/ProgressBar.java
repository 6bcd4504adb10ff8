package org.lic4j.eval;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr: a bar redrawn in place on a terminal; otherwise a line every
 * {@value #LOG_STEPS}th of the way, so logs stay short.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final int LOG_STEPS = 20;

  private final PrintWriter err;
  private final int total;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private int done;

  ProgressBar(PrintWriter err, int total, boolean terminal) {
    this.err = err;
    this.total = Math.max(1, total);
    this.terminal = terminal;
  }

  /** One more trial finished; {@code item} names it. */
  synchronized void step(String item) {
    done++;
    String counts = done + "/" + total + " " + time();
    if (terminal) {
      int filled = WIDTH * done / total;
      err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + counts + " " + item + "\u001b[K");
      if (done == total) {
        err.println();
      }
    } else if (done * LOG_STEPS / total != (done - 1) * LOG_STEPS / total || done == total) {
      err.println("[" + counts + "] " + item);
    }
    err.flush();
  }

  /** A message above the bar. */
  synchronized void note(String message) {
    if (terminal) {
      err.print("\r\u001b[K");
    }
    err.println(message);
    err.flush();
  }

  private String time() {
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (done == 0) {
      return "";
    }
    double left = elapsed / done * (total - done);
    return String.format(Locale.ROOT, "%s elapsed, %s left", clock(elapsed), clock(left));
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
