package org.lic4j.tools;

import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.media.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code eval}, {@code eval-video} and {@code bench} as lic4j.jar sees them: they are the lab (module {@code eval}),
 * which has its own jar so that this one carries no plotting, reports or benchmark harness. The
 * {@code ./lic4j} launcher runs the lab's jar for them; this jar only says so.
 */
final class InLab {
  private InLab() {}

  @Command(name = "eval", description = "Rate-distortion evaluation against classical codecs and published curves"
      + " (in the lab's jar: ./lic4j eval --help).")
  static final class Eval extends Pointer {
    Eval() {
      super("eval");
    }
  }

  @Command(name = "eval-video", description = "Video rate-distortion against x264 and x265 (in the lab's jar:"
      + " ./lic4j eval-video --help).")
  static final class EvalVideo extends Pointer {
    EvalVideo() {
      super("eval-video");
    }
  }

  @Command(name = "bench", description = "Encode and decode timings, peak memory and the PyTorch comparison"
      + " (in the lab's jar: ./lic4j bench --help).")
  static final class Bench extends Pointer {
    Bench() {
      super("bench");
    }
  }

  /** Takes any arguments, runs nothing, and points at the lab's jar. */
  abstract static class Pointer implements Callable<Integer> {
    private final String name;

    @Unmatched List<String> arguments;

    Pointer(String name) {
      this.name = name;
    }

    @Override
    public Integer call() throws UserInputException {
      throw new UserInputException(name + " is not in lic4j.jar but in the lab's jar: run ./lic4j " + name
          + " (or java -jar eval/target/lic4j-eval.jar " + name + ")", true);
    }
  }
}
