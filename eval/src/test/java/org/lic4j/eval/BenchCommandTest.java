package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.ExitCode;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.Y4mLimits;
import org.lic4j.media.Y4mReader;
import org.lic4j.video.YuvFrame;
import picocli.CommandLine;

/** The bench's plumbing on tiny pictures (its figures are for docs/benchmarks.md, not for tests). */
class BenchCommandTest {
  @TempDir Path dir;

  /** One run of the lab's command line: exit code and what it printed. */
  private record Run(int code, String out, String err) {
    static Run of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = LabCommand.newCommandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Run(code, out.toString(), err.toString());
    }

    Run assertOk() {
      assertEquals(0, code, err);
      return this;
    }

    /** Exit {@code expected} with one "lic4j: " line naming {@code named} (and for usage, where help is). */
    void assertFails(int expected, String named) {
      assertEquals(expected, code, err);
      List<String> lines = err.lines().toList();
      boolean helpLine = expected == LabFailures.USAGE && lines.size() == 2 && lines.get(1).startsWith("Try 'lic4j --help'");
      assertEquals(helpLine ? 2 : 1, lines.size(), err);
      assertTrue(lines.get(0).startsWith("lic4j: ") && lines.get(0).contains(named), err);
      assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }
  }

  @Test
  void benchOverAFolder() throws IOException {
    Files.write(dir.resolve("a.png"), ImageFiles.encode(SyntheticPictures.landscape(64, 64, 1), ImageFiles.Format.PNG));
    Files.write(dir.resolve("b.ppm"), ImageFiles.encode(SyntheticPictures.landscape(80, 64, 2), ImageFiles.Format.PPM));
    // A python that does not exist: the comparison is skipped, the bench is not.
    Run r = Run.of("bench", dir.toString(), "--warmup", "0", "--threads", "1",
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
    Run r = Run.of("bench", "--large", "--large-size", "192x128", "--threads", "1").assertOk();
    String out = r.out();
    assertTrue(out.contains("synthetic 192x128 picture"), out);
    assertTrue(out.matches("(?s).*decode: .* in a separate JVM.*after decoding: peak resident \\d+ MiB.*"), out);
  }

  @Test
  void videoBenchOverAFolderOfClips() throws IOException {
    // A small generated clip as y4m: the bench reads y4m files without FFmpeg.
    Files.write(dir.resolve("pan.y4m"), VideoBenchClips.generated(64, 48, 3).y4m());
    Path json = dir.resolve("bench.json");
    Run r = Run.of("bench", "--video", dir.toString(), "--frames", "2", "--warmup", "1", "--threads", "1",
        "--json", json.toString()).assertOk();
    String out = r.out();
    assertTrue(out.startsWith("lic4j bench --video: 1 clip(s), quality 75, 2 timed frames a clip after 1 warm-up"),
        out);
    for (String line : List.of("64x48, 2 fr", "transforms: analysis (ONNX)", "coding: range coder",
        "colour: YUV -> RGB", "I/O: y4m read", "I/O: container write", "transforms: synthesis (ONNX)",
        "colour: RGB -> YUV", "I/O: y4m write", "frames/s", "all transforms", "bits per pixel")) {
      assertTrue(out.contains(line), () -> line + " in\n" + out);
    }
    JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    JsonObject clip = root.getAsJsonArray("clips").get(0).getAsJsonObject();
    assertEquals("pan.y4m", clip.get("name").getAsString());
    assertEquals(2, clip.get("frames").getAsInt());
    for (String direction : List.of("encode", "decode")) {
      JsonObject d = clip.getAsJsonObject(direction);
      assertTrue(d.get("frames_per_second").getAsDouble() > 0, d.toString());
      assertTrue(d.getAsJsonObject("groups_ms").get("transforms").getAsDouble() > 0, d.toString());
    }
  }

  @Test
  void generatedClipsMove() throws IOException {
    byte[] y4m = VideoBenchClips.generated(40, 24, 2).y4m();
    try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(y4m), "pan", Y4mLimits.DEFAULT, n -> { })) {
      YuvFrame first = reader.next().orElseThrow();
      YuvFrame second = reader.next().orElseThrow();
      assertFalse(Arrays.equals(first.y(), second.y()));
      assertTrue(reader.next().isEmpty());
    }
  }

  @Test
  void usage() throws IOException {
    Run.of("bench").assertFails(LabFailures.USAGE, "--kodak");
    Run.of("bench", "--large", dir.toString()).assertFails(LabFailures.USAGE, "--large");
    Run.of("bench", "--large", "--large-size", "big").assertFails(LabFailures.USAGE, "big");
    Run.of("bench", "--warmup", "-1", dir.toString()).assertFails(LabFailures.USAGE, "--warmup");
    Run.of("bench", "--video", "--kodak").assertFails(LabFailures.USAGE, "--video");
    Run.of("bench", "--video", "--frames", "0").assertFails(LabFailures.USAGE, "--frames");
    Run.of("bench", dir.resolve("missing").toString()).assertFails(ExitCode.BAD_INPUT.code(), "missing");
    Files.writeString(dir.resolve("notes.txt"), "no pictures here");
    Run.of("bench", dir.toString()).assertFails(ExitCode.BAD_INPUT.code(), dir.toString());
    Run.of("bench", "--video", dir.toString()).assertFails(ExitCode.BAD_INPUT.code(), "no clips");
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
