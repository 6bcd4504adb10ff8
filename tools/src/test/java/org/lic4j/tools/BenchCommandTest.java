package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's plumbing on tiny pictures (its figures are for docs/benchmarks.md, not for tests). */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void benchOverAFolder() throws IOException {
    CliRun.write(dir.resolve("a.png"), CliRun.picture(64, 64, 1));
    CliRun.write(dir.resolve("b.ppm"), CliRun.picture(80, 64, 2));
    // A python that does not exist: the comparison is skipped, the bench is not.
    CliRun r = CliRun.of("bench", dir.toString(), "--warmup", "0", "--threads", "1",
        "--python", dir.resolve("no-python").toString()).assertOk();
    String out = r.out();
    assertTrue(out.startsWith("lic4j bench: 2 pictures from " + dir), out);
    for (String line : List.of("analysis transform (ONNX)", "synthesis transform (ONNX)", "arithmetic coding",
        "Mpixel/s", "peak resident (VmHWM", "PyTorch: skipped: ")) {
      assertTrue(out.contains(line), () -> line + " in\n" + out);
    }
    assertEquals(2, r.err().lines().filter(l -> l.startsWith("[")).count(), r.err());
  }

  @Test
  void largeModeDecodesInAnotherJvm() {
    CliRun r = CliRun.of("bench", "--large", "--large-size", "192x128", "--threads", "1").assertOk();
    String out = r.out();
    assertTrue(out.contains("synthetic 192x128 picture"), out);
    assertTrue(out.matches("(?s).*decode: .* in a separate JVM.*after decoding: peak resident \\d+ MiB.*"), out);
  }

  @Test
  void usage() throws IOException {
    CliRun.of("bench").assertFails(Failures.USAGE, "--kodak");
    CliRun.of("bench", "--large", dir.toString()).assertFails(Failures.USAGE, "--large");
    CliRun.of("bench", "--large", "--large-size", "big").assertFails(Failures.USAGE, "big");
    CliRun.of("bench", "--warmup", "-1", dir.toString()).assertFails(Failures.USAGE, "--warmup");
    CliRun.of("bench", dir.resolve("missing").toString()).assertFails(Failures.BAD_INPUT, "missing");
    Files.writeString(dir.resolve("notes.txt"), "no pictures here");
    CliRun.of("bench", dir.toString()).assertFails(Failures.BAD_INPUT, dir.toString());
  }

  @Test
  void readsTheBaselineJson() {
    TorchBaseline.Result r = TorchBaseline.parse("{\"torch\": \"1.13.0\", \"threads\": 2, \"step\": 689,"
        + " \"g_a_ms\": 140.5, \"g_s_ms\": 282.0, \"estimated_bits\": [1000, 2000], \"estimated_bpp\": 1.5e-1}", "");
    assertNull(r.skipped());
    assertEquals("1.13.0", r.texts().get("torch"));
    assertEquals(140.5, r.ms("g_a"));
    assertEquals(0.15, r.numbers().get("estimated_bpp"));
    assertEquals(List.of(1000L, 2000L), r.estimatedBits());
    assertTrue(Double.isNaN(r.ms("h_a")));

    TorchBaseline.Result skipped = TorchBaseline.parse("{\"skipped\": \"no torch in /usr/bin/python3\"}", "");
    assertEquals("no torch in /usr/bin/python3", skipped.skipped());
  }
}
