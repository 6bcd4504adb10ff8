package org.lic4j.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lic4j} command line: the face of the codec. */
@Command(
    name = "lic4j",
    mixinStandardHelpOptions = true,
    versionProvider = Lic4jCommand.VersionProvider.class,
    description = "lic4j: a learned image codec for the JVM.",
    subcommands = {EncodeCommand.class, DecodeCommand.class, InfoCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Lic4jCommand implements Runnable {

  /** Exit code for a usage error (unknown option, missing argument). */
  public static final int EXIT_USAGE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Lic4jCommand());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("lic4j: " + ex.getMessage());
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
