package org.lic4j.tools;

import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.media.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code eval}, {@code eval-video} and {@code bench} as lic4j.jar sees them: they are the lab (module {@code eval}),
 * which has its own jar so that this one carries no plotting, reports or benchmark harness. The
 * {@code ./lic4j} launcher runs the lab's jar for them; this jar only says so. {@code spark} likewise
 * lives in the spark module's jar (with Spark's own jars beside it), which the launcher runs.
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

  @Command(name = "spark", description = "Code a folder tree with Apache Spark, embedded or on a cluster"
      + " (in the spark module's jar: ./lic4j spark --help; docs/spark.md).")
  static final class Spark extends Pointer {
    Spark() {
      super("spark", "the spark module's jar", "spark-submit --class org.lic4j.spark.SparkCommand"
          + " spark/target/lic4j-spark.jar");
    }
  }

  /** Takes any arguments, runs nothing, and points at the jar that has the command. */
  abstract static class Pointer implements Callable<Integer> {
    private final String name;
    private final String jar;
    /** How to run the command without the launcher, up to its arguments. */
    private final String direct;

    @Unmatched List<String> arguments;

    Pointer(String name) {
      this(name, "the lab's jar", "java -jar eval/target/lic4j-eval.jar " + name);
    }

    Pointer(String name, String jar, String direct) {
      this.name = name;
      this.jar = jar;
      this.direct = direct;
    }

    @Override
    public Integer call() throws UserInputException {
      throw new UserInputException(name + " is not in lic4j.jar but in " + jar + ": run ./lic4j " + name
          + " (or " + direct + ")", true);
    }
  }
}
