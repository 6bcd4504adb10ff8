package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lic4j conform} on a few streams of the committed suite (the whole suite: module conformance). */
class ConformCommandTest {
  static final Path SUITE = Path.of("..", "conformance", "streams");

  @TempDir Path dir;

  /** A suite of the committed one's small streams and its streams that must be rejected. */
  private Path smallSuite() throws IOException {
    return suiteOf(name -> name.startsWith("size-1") || name.equals("gray-alpha") || name.startsWith("reject-"));
  }

  /** A suite of the committed one's streams whose names {@code keep} accepts. */
  private Path suiteOf(Predicate<String> keep) throws IOException {
    JsonObject m = JsonParser.parseString(Files.readString(SUITE.resolve("manifest.json"))).getAsJsonObject();
    JsonArray kept = new JsonArray();
    for (JsonElement e : m.getAsJsonArray("streams")) {
      JsonObject o = e.getAsJsonObject();
      String name = o.get("name").getAsString();
      if (keep.test(name)) {
        kept.add(o);
        Files.copy(SUITE.resolve(o.get("file").getAsString()), dir.resolve(o.get("file").getAsString()));
        if (o.has("reference")) {
          Files.copy(SUITE.resolve(o.get("reference").getAsString()), dir.resolve(o.get("reference").getAsString()));
        }
      }
    }
    m.add("streams", kept);
    Files.writeString(dir.resolve("manifest.json"), m.toString(), StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void passingSuite() throws IOException {
    CliRun r = CliRun.of("conform", smallSuite().toString(), "--threads", "1").assertOk();
    assertTrue(r.out().contains("8 streams: 8 passed, 0 failed"), r.out());
    assertTrue(r.out().matches("(?s).*size-1x1 +pass +exact +exact.*"), r.out());
    assertTrue(r.out().matches("(?s).*reject-major-2 +pass +- +rejected +unsupported-version.*"), r.out());
  }

  @Test
  void aFailingStreamExitsFive() throws IOException {
    Path suite = smallSuite();
    Path f = suite.resolve("size-16x16.lic");
    byte[] b = Files.readAllBytes(f);
    b[40] ^= 4;
    Files.write(f, b);
    CliRun r = CliRun.of("conform", suite.toString(), "--threads", "1");
    assertTrue(r.code() == ConformCommand.NONCONFORMING, r.err());
    assertTrue(r.out().matches("(?s).*size-16x16 +FAIL.*differs from the manifest.*"), r.out());
    assertTrue(r.out().contains("8 streams: 7 passed, 1 failed"), r.out());
  }

  @Test
  void pFramesAreCheckedWithTheBundledPFrameModel() throws IOException {
    Path suite = suiteOf(name -> name.equals("video-p-static") || name.equals("video-reject-p-other-model"));
    CliRun r = CliRun.of("conform", suite.toString(), "--threads", "1").assertOk();
    assertTrue(r.out().contains("2 streams: 2 passed, 0 failed"), r.out());
    assertTrue(r.out().matches("(?s).*video-p-static +pass +exact .*"), r.out());
    assertTrue(r.out().matches("(?s).*video-reject-p-other-model +pass +- +rejected +model-mismatch.*"), r.out());
  }

  @Test
  void aSuiteForAnotherPFrameModelIsRefused() throws IOException {
    Path suite = suiteOf(name -> name.equals("video-p-static"));
    JsonObject m = JsonParser.parseString(Files.readString(suite.resolve("manifest.json"))).getAsJsonObject();
    m.addProperty("pFrameModelSha256", "ab".repeat(32));
    Files.writeString(suite.resolve("manifest.json"), m.toString(), StandardCharsets.UTF_8);
    CliRun.of("conform", suite.toString(), "--threads", "1")
        .assertFails(Failures.BAD_INPUT, "the suite's P frames are for model lic-pframe-v1 (sha256 abababab");
  }

  @Test
  void badSuites() throws IOException {
    CliRun.of("conform", dir.resolve("missing").toString()).assertFails(Failures.BAD_INPUT, "missing");
    CliRun.of("conform", dir.toString()).assertFails(Failures.BAD_INPUT, "not a conformance suite");
    Files.writeString(dir.resolve("manifest.json"), "{\"streams\": [");
    CliRun.of("conform", dir.toString()).assertFails(Failures.BAD_INPUT, "malformed manifest");
    CliRun.of("conform", "--generate", dir.toString()).assertFails(Failures.BAD_INPUT, "--force");
    CliRun.of("conform", "--optimization", "max", SUITE.toString()).assertFails(Failures.USAGE, "max");
  }
}
