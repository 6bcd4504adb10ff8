package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.conformance.SyntheticPictures;
import picocli.CommandLine;

class EvalCommandTest {
  @TempDir Path tmp;
  private Path pictures;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String savedPath;

  @BeforeEach
  void pictures() throws IOException {
    pictures = Files.createDirectory(tmp.resolve("pictures"));
    for (int k = 1; k <= 2; k++) {
      Pictures.writePng(SyntheticPictures.scene(192, 192, k), pictures.resolve("p0" + k + ".png"));
    }
    savedPath = System.getProperty(Tool.PATH_PROPERTY);
  }

  @AfterEach
  void restorePath() {
    if (savedPath == null) {
      System.clearProperty(Tool.PATH_PROPERTY);
    } else {
      System.setProperty(Tool.PATH_PROPERTY, savedPath);
    }
  }

  private int run(String... args) {
    CommandLine cl = new CommandLine(new EvalCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void lic4jRunsAndMissingCodecsAreSkipped() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("no-programs"));
    System.setProperty(Tool.PATH_PROPERTY, empty.toString());
    Path report = tmp.resolve("report");
    Path page = tmp.resolve("docs").resolve("results.md");
    assertEquals(0, run(pictures.toString(), "--codecs", "lic4j,jpeg,x265", "--qualities", "0,40,70,100",
        "--out", report.toString(), "--jobs", "2", "--publish", page.toString()));
    assertTrue(err.toString().contains("skipping x265: x265 not found") && err.toString().contains("[8/8 "),
        err.toString());
    assertTrue(out.toString().startsWith("report: " + report.resolve(Report.INDEX)), out.toString());

    JsonObject results = JsonParser.parseString(Files.readString(report.resolve(Report.RESULTS))).getAsJsonObject();
    assertEquals(8, results.getAsJsonArray("points").size());
    assertEquals(4, results.getAsJsonArray("codecs").size());
    String summary = Files.readString(report.resolve(Report.SUMMARY), StandardCharsets.UTF_8);
    assertTrue(summary.contains("**skipped**: cjpeg not found"), summary);
    assertTrue(summary.contains("**skipped**: x265 not found"), summary);
    assertTrue(summary.contains("| 100 |"), summary);
    assertTrue(summary.contains("lic4j eval " + pictures), summary);
    for (String f : List.of(Report.INDEX, Report.PSNR_CHART, Report.MSSSIM_CHART, "images/p01-psnr.png",
        "images/p02-msssim.png")) {
      assertTrue(Files.size(report.resolve(f)) > 0, f);
    }
    String published = Files.readString(page, StandardCharsets.UTF_8);
    assertTrue(published.contains(Publisher.BEGIN) && published.contains("results-rd-psnr.png"), published);
    assertTrue(Files.size(page.resolveSibling("results-rd-psnr.png")) > 0);
  }

  @Test
  void classicalCodecsAloneGiveTheirCheckTable() throws IOException {
    assumeTrue(Tool.find("cjpeg").isPresent() && Tool.find("djpeg").isPresent(),
        "skipped: cjpeg/djpeg not installed (eval/src/main/scripts/install-classical-codecs.sh)");
    Path report = tmp.resolve("report");
    assertEquals(0, run(pictures.toString(), "--codecs", "jpeg", "--quick", "--images", "1", "--out", report.toString()));
    String summary = Files.readString(report.resolve(Report.SUMMARY), StandardCharsets.UTF_8);
    assertTrue(summary.contains("lic4j was not run."), summary);
    assertTrue(summary.contains("| JPEG 4:4:4 | JPEG 4:2:0 | **"), summary);
    assertTrue(summary.contains("(1 pictures)"), summary);
  }

  @Test
  void unknownCodecIsAUsageError() {
    assertNotEquals(0, run(pictures.toString(), "--codecs", "jpeg,bpg"));
    assertTrue(err.toString().contains("unknown codec 'bpg'"), err.toString());
  }

  @Test
  void effortIsValidatedAndExcludesRefine() {
    assertNotEquals(0, run(pictures.toString(), "--codecs", "lic4j", "--effort", "10"));
    assertTrue(err.toString().contains("--effort must be in 0..9, got 10"), err.toString());
    assertNotEquals(0, run(pictures.toString(), "--codecs", "lic4j", "--effort", "2", "--refine", "3"));
    assertTrue(err.toString().contains("--effort and --refine both set the refinement: give one"), err.toString());
  }

  @Test
  void emptyFolderIsAUsageError() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertNotEquals(0, run(empty.toString()));
    assertTrue(err.toString().contains("no pictures"), err.toString());
  }

  @Test
  void trainedLevelsSpanTheQualityRange() {
    assertEquals(List.of(0.0, 14.29, 28.57, 42.86, 57.14, 71.43, 85.71, 100.0), LicCodec.trainedLevels(8, false));
    assertEquals(List.of(0.0, 28.57, 57.14, 85.71, 100.0), LicCodec.trainedLevels(8, true));
  }
}
