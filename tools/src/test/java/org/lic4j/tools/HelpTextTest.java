package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help formats (a bare {@code %} in a description makes picocli warn "Could not
 * format" on stderr and print the raw text), and every summary in {@code lic4j --help} is a whole
 * sentence rather than the first line of a wrapped paragraph.
 */
class HelpTextTest {
  @Test
  void everyHelpFormats() {
    List<List<String>> runs = new ArrayList<>(List.of(List.of("--help"), List.of("help")));
    for (String name : Lic4jCommand.newCommandLine().getSubcommands().keySet()) {
      runs.add(List.of(name, "--help"));
      runs.add(List.of("help", name));
    }
    for (List<String> args : runs) {
      // picocli's warnings go to System.err itself, not to the command line's err.
      PrintStream saved = System.err;
      ByteArrayOutputStream warnings = new ByteArrayOutputStream();
      CliRun r;
      try {
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        r = CliRun.of(args.toArray(String[]::new));
      } finally {
        System.setErr(saved);
      }
      String all = r.out() + r.err() + warnings.toString(StandardCharsets.UTF_8);
      assertFalse(all.contains("Could not format"), () -> args + ":\n" + all);
    }
  }

  @Test
  void summariesAreWholeSentences() {
    for (Map.Entry<String, CommandLine> c : Lic4jCommand.newCommandLine().getSubcommands().entrySet()) {
      String[] description = c.getValue().getCommandSpec().usageMessage().description();
      String summary = description.length == 0 ? "" : description[0].strip();
      assertTrue(summary.endsWith(".") || summary.endsWith(".)"), () -> c.getKey() + ": " + summary);
    }
  }

  @Test
  void labCommandsPointAtTheLabJar() {
    for (String name : List.of("eval", "eval-video", "bench", "spark")) {
      CliRun r = CliRun.of(name, "--help").assertFails(Failures.USAGE, "./lic4j " + name);
      assertEquals("", r.out());
    }
  }

  @Test
  void helpListsTheCommandsTheLauncherRoutesElsewhere() {
    String help = CliRun.of("--help").out();
    for (String name : List.of("eval", "eval-video", "bench", "spark")) {
      assertTrue(help.contains("\n  " + name + " "), () -> name + " missing from:\n" + help);
    }
  }
}
