package org.lic4j.eval;

import java.util.ArrayList;
import java.util.List;

/** The BD-rate rows of a report: lic4j against every curve, and the classical codecs checked. */
final class BdTable {
  /** The measured curve the classical codecs are checked against (PLATFORM.md quotes figures vs it). */
  static final String JPEG_REFERENCE = "jpeg-420";
  /** The published curve they are checked against (the anchors README quotes figures vs it). */
  static final String VTM = "vtm";

  private BdTable() {}

  /**
   * One comparison.
   *
   * @param against the reference curve's name
   * @param source {@code measured} (here, in this run) or {@code published}
   * @param tool what produced the reference curve
   * @param psnr BD-rate over RGB-PSNR
   * @param msSsim BD-rate over MS-SSIM in dB, or null when the reference has no MS-SSIM
   */
  record Row(String test, String against, String source, String tool, BdRate.Result psnr, BdRate.Result msSsim) {}

  /** lic4j against each measured codec, then each published curve (Kodak only). */
  static List<Row> lic4j(Evaluation e, List<Anchors.Published> published) {
    List<Row> rows = new ArrayList<>();
    if (e.codec("lic4j").filter(c -> c.skipped() == null).isEmpty()) {
      return rows;
    }
    Curve psnr = e.psnrCurve("lic4j");
    Curve ms = e.msSsimCurve("lic4j");
    for (Evaluation.Codec c : e.measured()) {
      if (!c.id().equals("lic4j")) {
        rows.add(new Row("lic4j", c.label(), "measured", c.tool(), BdRate.of(e.psnrCurve(c.id()), psnr),
            BdRate.of(e.msSsimCurve(c.id()), ms)));
      }
    }
    for (Anchors.Published p : published) {
      rows.add(new Row("lic4j", p.name(), "published", p.description(), BdRate.of(p.psnr(), psnr),
          p.msSsimDb() == null ? null : BdRate.of(p.msSsimDb(), ms)));
    }
    return rows;
  }

  /**
   * Each classical codec measured here against the measured JPEG 4:2:0 and the published VTM: a
   * check of the measurement against PLATFORM.md's and the anchors README's figures.
   */
  static List<Row> classical(Evaluation e, List<Anchors.Published> published) {
    List<Row> rows = new ArrayList<>();
    boolean jpeg = e.codec(JPEG_REFERENCE).filter(c -> c.skipped() == null).isPresent();
    Anchors.Published vtm = published.stream().filter(p -> p.id().equals(VTM)).findFirst().orElse(null);
    for (Evaluation.Codec c : e.measured()) {
      if (c.id().equals("lic4j")) {
        continue;
      }
      if (jpeg && !c.id().equals(JPEG_REFERENCE)) {
        Evaluation.Codec ref = e.codec(JPEG_REFERENCE).orElseThrow();
        rows.add(new Row(c.label(), ref.label(), "measured", ref.tool(),
            BdRate.of(e.psnrCurve(ref.id()), e.psnrCurve(c.id())),
            BdRate.of(e.msSsimCurve(ref.id()), e.msSsimCurve(c.id()))));
      }
      if (vtm != null) {
        rows.add(new Row(c.label(), vtm.name(), "published", vtm.description(),
            BdRate.of(vtm.psnr(), e.psnrCurve(c.id())),
            vtm.msSsimDb() == null ? null : BdRate.of(vtm.msSsimDb(), e.msSsimCurve(c.id()))));
      }
    }
    return rows;
  }
}
