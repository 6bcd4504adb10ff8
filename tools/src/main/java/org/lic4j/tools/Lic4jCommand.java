package org.lic4j.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lic4j} command line: the face of the codec. */
@Command(
    name = "lic4j",
    mixinStandardHelpOptions = true,
    versionProvider = Lic4jCommand.VersionProvider.class,
    description = "lic4j: a learned image and video codec for the JVM.",
    subcommands = {EncodeCommand.class, DecodeCommand.class, InfoCommand.class, ConformCommand.class, DemoCommand.class,
        InLab.Eval.class, InLab.EvalVideo.class, InLab.Bench.class, InLab.Spark.class,
        CommandLine.HelpCommand.class})
public final class Lic4jCommand implements Runnable {

  /** Exit code for a usage error (unknown option, missing argument). */
  public static final int EXIT_USAGE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Standard input: the bytes of a {@code -} input (a y4m video). */
  private final InputStream in;
  /** Standard output: text, and the bytes of a {@code -} output. */
  private final PrintStream out;
  /** Standard error: status lines, progress and errors. */
  private final PrintStream err;

  private Lic4jCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  public static void main(String[] args) {
    int code;
    try {
      code = newCommandLine(System.out, System.err).execute(args);
    } catch (OutOfMemoryError e) {
      // Outputs are written whole or not at all, so nothing half-written is left behind.
      System.err.printf("lic4j: out of memory (the Java heap may grow to %d MiB): give it more,"
          + " e.g. LIC4J_JAVA_OPTS=-Xmx8g, or encode with a smaller --tile-size%n", Runtime.getRuntime().maxMemory() >> 20);
      code = Failures.INTERNAL;
    }
    System.out.flush();
    System.exit(code);
  }

  /** The configured command line over the process's standard streams. */
  static CommandLine newCommandLine() {
    return newCommandLine(System.out, System.err);
  }

  /**
   * The configured command line over {@code out} and {@code err}: {@link #main} passes the
   * process's streams, tests capture them.
   */
  static CommandLine newCommandLine(PrintStream out, PrintStream err) {
    return newCommandLine(System.in, out, err);
  }

  /** The same reading {@code -} inputs from {@code in}. */
  static CommandLine newCommandLine(InputStream in, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Lic4jCommand(in, out, err));
    Charset cs = Charset.defaultCharset();
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, cs), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, cs), true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          // One line: picocli's own messages sometimes start with "Error: ".
          String m = String.valueOf(ex.getMessage()).replaceFirst("^Error: ", "").replace('\n', ' ');
          ex.getCommandLine().getErr().println("lic4j: " + m);
          ex.getCommandLine().getErr().println("Try 'lic4j --help' for more information.");
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(new Failures());
    return cl;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Lic4jCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"lic4j " + p.getProperty("version", "unknown")};
    }
  }
}
