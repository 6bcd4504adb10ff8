package org.lic4j.eval;

import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The lab's command line, {@code eval/target/lic4j-eval.jar}: {@code eval}, {@code eval-video} and
 * {@code bench}, which the {@code ./lic4j} launcher runs from here. The codec's own commands are in lic4j.jar (module
 * {@code tools}), which carries none of the lab.
 */
@Command(
    name = "lic4j",
    mixinStandardHelpOptions = true,
    versionProvider = LabCommand.Version.class,
    description = "lic4j's lab: rate-distortion evaluation and benchmarks (encode, decode and the rest: lic4j.jar).",
    subcommands = {EvalCommand.class, VideoEvalCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class LabCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    CommandLine cl = newCommandLine();
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      // bench --large finds the heap a picture needs; one line says so rather than a stack trace.
      System.err.println("lic4j: out of memory (the Java heap may grow to " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB): give it more, e.g. LIC4J_JAVA_OPTS=-Xmx8g");
      code = LabFailures.INTERNAL;
    }
    cl.getOut().flush();
    System.exit(code);
  }

  /** The lab's commands with lic4j's conventions: one line per error, the README's exit codes. */
  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new LabCommand());
    cl.setParameterExceptionHandler(LabFailures::usage);
    cl.setExecutionExceptionHandler(new LabFailures());
    return cl;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      return new String[] {"lic4j lab " + EvalCommand.version()};
    }
  }
}
