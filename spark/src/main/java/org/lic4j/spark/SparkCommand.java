package org.lic4j.spark;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ExitCode;
import org.lic4j.media.CommandFailure;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lic4j spark encode|decode IN OUT}: codes a folder tree with Spark, embedded in local mode
 * by default, or on a cluster through {@code spark-submit --class org.lic4j.spark.SparkCommand
 * lic4j-spark.jar encode IN OUT} (docs/spark.md).
 */
@Command(name = "lic4j spark",
    description = {"Code an archive's folder tree with Apache Spark, on this machine (the default)",
        "or on a cluster through spark-submit (docs/spark.md). The outputs mirror the tree",
        "under OUT; OUT/_manifest (Parquet) has a row per file: path, status, reason,",
        "bytes in and out, bpp, milliseconds. Exit 2 when any file failed."},
    subcommands = {SparkCommand.Encode.class, SparkCommand.Decode.class, CommandLine.HelpCommand.class})
public final class SparkCommand implements Runnable {
  /** The log settings of an embedded run: warnings only, so that the summary is what the user reads. */
  private static final String EMBEDDED_LOG_CONFIG = "org/lic4j/spark/log4j2-embedded.properties";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  private final PrintStream out;
  private final PrintStream err;

  private SparkCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  public static void main(String[] args) {
    if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
      // Embedded (spark-submit sets spark.master, and the cluster's log settings then hold).
      System.setProperty("log4j2.configurationFile", EMBEDDED_LOG_CONFIG);
    }
    int code = newCommandLine(System.out, System.err).execute(args);
    System.out.flush();
    System.exit(code);
  }

  /** The command line over {@code out} and {@code err}: {@link #main} passes the process's, tests capture them. */
  static CommandLine newCommandLine(PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new SparkCommand(out, err));
    Charset cs = Charset.defaultCharset();
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, cs), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, cs), true));
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("lic4j: " + String.valueOf(ex.getMessage()).replace('\n', ' '));
      ex.getCommandLine().getErr().println("Try 'lic4j spark --help' for more information.");
      return ExitCode.USAGE.code();
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      CommandFailure failure = CommandFailure.of(ex);
      c.getErr().println("lic4j: " + failure.message());
      if (failure.exitCode() == ExitCode.INTERNAL) {
        ex.printStackTrace(c.getErr());
      }
      c.getErr().flush();
      return failure.exitCode().code();
    });
    return cl;
  }

  /** What encode and decode share: the trees, where Spark runs, and the run itself. */
  abstract static class Job implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The folder tree to code (every machine sees it at this path).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the mirrored tree and _manifest go (made if missing).")
    Path out;

    @Option(names = "--master", paramLabel = "URL",
        description = "Spark master (default: local[*] when not under spark-submit; local[2] is two cores).")
    String master;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.ParentCommand
    SparkCommand root;

    abstract JobSettings settings(String inRoot, String outRoot) throws UserInputException;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(in)) {
        throw new UserInputException(in + ": " + (Files.exists(in) ? "not a folder" : "no such folder"), false);
      }
      Files.createDirectories(out);
      JobSettings settings = settings(in.toAbsolutePath().normalize().toString(),
          out.toAbsolutePath().normalize().toString());
      SparkSession.Builder builder = SparkSession.builder().appName("lic4j spark " + settings.direction().verb());
      String chosen = master != null ? master : new SparkConf().contains("spark.master") ? null : "local[*]";
      if (chosen != null) {
        builder.master(chosen);
      }
      if (chosen != null && chosen.startsWith("local")) {
        // Nobody watches an embedded run's web UI; it costs a port and start-up time.
        builder.config("spark.ui.enabled", "false");
      }
      SparkSession spark = builder.getOrCreate();
      Summary summary;
      try {
        summary = ArchiveJob.run(spark, settings);
      } finally {
        spark.stop();
      }
      summary.print(root.out);
      for (String f : summary.failures()) {
        root.err.println("lic4j: " + f);
      }
      if (summary.failed() > 0) {
        root.err.println("lic4j: " + summary.failed() + " files failed" + (summary.failed() > summary.failures().size()
            ? " (" + summary.failures().size() + " named here)" : "") + "; the manifest lists them: "
            + out.resolve(Manifest.FOLDER) + " (status 'failed')");
        return ExitCode.BAD_INPUT.code();
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "encode",
      description = {"Encode the pictures of IN's tree to OUT/SUB/FOLDERS/NAME.lic.",
          "Outputs that exist are kept: a re-run codes only what is missing."})
  static final class Encode extends Job {
    @Option(names = {"-q", "--quality"}, paramLabel = "Q", defaultValue = "" + EncodeParams.DEFAULT_QUALITY,
        description = "Quality 0..100 (default: ${DEFAULT-VALUE}).")
    double quality;

    @Option(names = "--effort", paramLabel = "N",
        description = "Encoder effort 0..9, as lic4j encode (default: " + EncodeParams.DEFAULT_EFFORT + ").")
    Integer effort;

    @Override
    JobSettings settings(String inRoot, String outRoot) throws UserInputException {
      try {
        return new JobSettings(Direction.ENCODE, inRoot, outRoot, quality,
            effort == null ? JobSettings.DEFAULT_EFFORT : effort, ImageFiles.Format.PNG);
      } catch (IllegalArgumentException e) {
        throw new UserInputException(e.getMessage(), true);
      }
    }
  }

  @Command(name = "decode",
      description = {"Decode the .lic streams of IN's tree to OUT/SUB/FOLDERS/NAME.png.",
          "Outputs that exist are kept: a re-run codes only what is missing."})
  static final class Decode extends Job {
    @Option(names = "--format", paramLabel = "F", defaultValue = "png",
        description = "png, ppm, pgm, bmp or jpg (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    JobSettings settings(String inRoot, String outRoot) throws UserInputException {
      return new JobSettings(Direction.DECODE, inRoot, outRoot, EncodeParams.DEFAULT_QUALITY,
          JobSettings.DEFAULT_EFFORT, ImageFiles.Format.named(format));
    }
  }
}
