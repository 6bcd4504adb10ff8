package org.lic4j.media;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * A one-line progress report for a video, redrawn in place on stderr when it is a terminal:
 * frames done (of how many, when known), frames per second and the time left. Silent otherwise,
 * so that logs and pipes get the one summary line the command prints at the end.
 */
public final class FrameProgress {
  /** Redraw at most this often: a terminal line per frame would slow a fast decode. */
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final long total;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long done;
  private boolean drawn;

  /** Progress over {@code total} frames (0 when unknown) on {@code err}, drawn only when it is the process's terminal. */
  public FrameProgress(PrintStream err, long total) {
    this(new PrintWriter(err, true), total, System.console() != null && err == System.err);
  }

  /** Progress on {@code err}; drawn only when {@code terminal}. */
  public FrameProgress(PrintWriter err, long total, boolean terminal) {
    this.err = err;
    this.total = total;
    this.terminal = terminal;
  }

  /** One more frame done. */
  public void frame() {
    done++;
    long now = System.nanoTime();
    if (!terminal || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    err.print("\r" + line(done, total, (now - start) / 1e9) + "\u001b[K");
    err.flush();
    drawn = true;
  }

  /** Ends the line, if one was drawn, so that what follows starts on its own. */
  public void end() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
      drawn = false;
    }
  }

  /** The text drawn: {@code frame 12/300, 3.1 frames/s, ETA 1:33}; no total or ETA when unknown. */
  static String line(long done, long total, double seconds) {
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder s = new StringBuilder("frame ").append(done);
    if (total > 0) {
      s.append('/').append(total);
    }
    s.append(String.format(", %.1f frames/s", rate));
    if (total > done && rate > 0) {
      long left = Math.round((total - done) / rate);
      s.append(String.format(", ETA %d:%02d", left / 60, left % 60));
    }
    return s.toString();
  }
}
