package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lab's help: formats without picocli's "Could not format" warning; summaries are sentences. */
class LabCommandTest {
  @Test
  void helpFormats() {
    StringWriter text = new StringWriter();
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    try {
      System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
      for (String[] args : new String[][] {{"--help"}, {"eval", "--help"}, {"eval-video", "--help"}, {"bench", "--help"},
          {"help", "bench"}}) {
        CommandLine cl = LabCommand.newCommandLine();
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(text, true));
        assertEquals(0, cl.execute(args), text::toString);
      }
    } finally {
      System.setErr(saved);
    }
    String all = text + warnings.toString(StandardCharsets.UTF_8);
    assertFalse(all.contains("Could not format"), all);
    assertTrue(all.contains("Rate-distortion evaluation: lic4j against classical codecs"), all);
  }

  @Test
  void summariesAreWholeSentences() {
    LabCommand.newCommandLine().getSubcommands().forEach((name, c) -> {
      String summary = c.getCommandSpec().usageMessage().description()[0].strip();
      assertTrue(summary.endsWith("."), () -> name + ": " + summary);
    });
  }
}
