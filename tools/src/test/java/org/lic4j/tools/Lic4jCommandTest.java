package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class Lic4jCommandTest {
  @Test
  void versionPrintsProjectVersion() {
    StringWriter out = new StringWriter();
    CommandLine cl = Lic4jCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--version"));
    assertTrue(out.toString().startsWith("lic4j "), out.toString());
  }

  @Test
  void unknownOptionIsUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cl = Lic4jCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(Lic4jCommand.EXIT_USAGE, cl.execute("--no-such-option"));
    assertTrue(err.toString().startsWith("lic4j: "), err.toString());
  }
}
