package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from made-up points: averages, BD-rates and the files, without running a codec. */
class ReportTest {
  @TempDir Path tmp;

  private static final List<Double> SETTINGS = List.of(10.0, 30.0, 60.0, 90.0);

  /** Two pictures; "lic4j" needs half of "jpeg-420"'s bits at every quality. */
  private static Evaluation evaluation(double licFactor, double licPsnrShift) {
    List<String> images = List.of("kodim01.png", "kodim02.png");
    Evaluation e = new Evaluation(new Evaluation.Meta("lic4j eval test", "2026-01-01T00:00:00Z", "kodak", images,
        false, null, null, "test", "test machine", false), List.of(
            new Evaluation.Codec("lic4j", "lic4j", "quality", SETTINGS, "lic4j test", null),
            new Evaluation.Codec("jpeg-420", "JPEG 4:2:0", "quality", SETTINGS, "cjpeg test", null),
            new Evaluation.Codec("webp", "WebP", "", List.of(), null, "cwebp not found")));
    for (int i = 0; i < images.size(); i++) {
      for (int k = 0; k < SETTINGS.size(); k++) {
        double bpp = 0.2 * (k + 1) * (1 + 0.1 * i);
        double psnr = 26 + 3 * k + i;
        double ms = 1 - Math.pow(10, -(8 + 3 * k + i) / 10.0);
        e.add(new Evaluation.Point(images.get(i), "jpeg-420", SETTINGS.get(k), 100, bpp, psnr, ms, 1, 1));
        e.add(new Evaluation.Point(images.get(i), "lic4j", SETTINGS.get(k), 100, bpp * licFactor,
            psnr + licPsnrShift, ms, 1, 1));
      }
    }
    return e;
  }

  @Test
  void halfTheBitsIsMinusFiftyPercent() throws IOException {
    Report r = new Report(evaluation(0.5, 0), List.of(), List.of());
    BdTable.Row row = r.lic4jRows().get(0);
    assertEquals("JPEG 4:2:0", row.against());
    assertEquals(-50.0, row.psnr().percent(), 1e-9);
    assertEquals(-50.0, row.msSsim().percent(), 1e-9);
    assertEquals(1, r.lic4jRows().size(), "skipped codecs have no row");

    Doc doc = r.write(tmp);
    String md = Files.readString(tmp.resolve(Report.SUMMARY));
    assertTrue(md.contains("| JPEG 4:2:0 | measured | **-50.0%** | 26.5-35.5 dB | -50.0% over 8.5-17.5 dB |"), md);
    assertTrue(md.contains("| WebP | - | **skipped**: cwebp not found |"), md);
    // Means per setting: bpp averaged over the two pictures (0.2 and 0.22 at the first setting).
    assertTrue(md.contains("| 10 | 0.2100 | 26.50 |"), md);
    for (String f : List.of(Report.RESULTS, Report.INDEX, Report.PSNR_CHART, Report.MSSSIM_CHART,
        "images/kodim01-psnr.png")) {
      assertTrue(Files.size(tmp.resolve(f)) > 0, f);
    }
    assertFalse(doc.toMarkdown(null, true, 1).contains("images/kodim01-psnr.png"));

    JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve(Report.RESULTS))).getAsJsonObject();
    assertEquals(16, json.getAsJsonArray("points").size());
    JsonObject bd = json.getAsJsonObject("bd_rate").getAsJsonArray("lic4j").get(0).getAsJsonObject();
    assertEquals(-50.0, bd.getAsJsonObject("psnr").get("percent").getAsDouble(), 1e-9);
    JsonObject webp = json.getAsJsonArray("codecs").get(2).getAsJsonObject();
    assertEquals("cwebp not found", webp.get("skipped").getAsString());
    assertTrue(webp.get("tool").isJsonNull());
  }

  @Test
  void lic4jBitsAreSplitIntoZAndY() throws IOException {
    Evaluation e = evaluation(0.5, 0);
    Evaluation split = new Evaluation(e.meta, e.codecs);
    for (Evaluation.Point p : e.points()) {
      split.add(p.codec().equals("lic4j")
          ? new Evaluation.Point(p.image(), p.codec(), p.setting(), p.bytes(), p.bpp(), p.psnr(), p.msSsim(),
              p.encodeMs(), p.decodeMs(), 0.25 * p.bpp(), 0.75 * p.bpp() - 0.001)
          : p);
    }
    new Report(split, List.of(), List.of()).write(tmp);
    String md = Files.readString(tmp.resolve(Report.SUMMARY));
    // lic4j at the first setting: 0.105 bpp, a quarter of it z.
    assertTrue(md.contains("| 10 | 0.1050 | 0.0263 | 0.0778 | 0.0010 | 25.0% |"), md);
    JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve(Report.RESULTS))).getAsJsonObject();
    JsonObject lic = json.getAsJsonArray("codecs").get(0).getAsJsonObject().getAsJsonArray("curve").get(0)
        .getAsJsonObject();
    assertEquals(0.02625, lic.get("bpp_z").getAsDouble(), 1e-9);
    JsonObject jpeg = json.getAsJsonArray("codecs").get(1).getAsJsonObject().getAsJsonArray("curve").get(0)
        .getAsJsonObject();
    assertFalse(jpeg.has("bpp_z"), "a classical codec has no split");
  }

  @Test
  void aSliverOfOverlapIsFlagged() {
    // lic4j's PSNR sits 8.5 dB lower: the curves share 0.5 dB (34.5 to 35).
    Report r = new Report(evaluation(0.5, -8.5), List.of(), List.of());
    BdRate.Result psnr = r.lic4jRows().get(0).psnr();
    assertTrue(psnr.ok() && Report.narrow(psnr), psnr.toString());
    String md = r.document().toMarkdown();
    assertTrue(md.contains("(narrow overlap)"), md);
  }

  @Test
  void disjointCurvesAreExplained() {
    Report r = new Report(evaluation(0.5, -20), List.of(), List.of());
    String md = r.document().toMarkdown();
    assertTrue(md.contains("**No PSNR BD-rate for lic4j yet**: its curve (6.5-15.5 dB)"), md);
  }
}
