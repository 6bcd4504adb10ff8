package org.lic4j.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * A report's {@code results.json}: the run ({@code meta}), each codec with its tool and its curve of
 * means ({@code codecs}), the BD-rates ({@code bd_rate}), every point ({@code points}), failed
 * trials and notes. Numbers that are not finite are written as null.
 */
final class ResultsJson {
  private ResultsJson() {}

  static String write(Evaluation e, List<BdTable.Row> lic4jRows, List<BdTable.Row> classicalRows,
      List<String> notes) {
    JsonObject root = new JsonObject();
    Evaluation.Meta m = e.meta;
    JsonObject meta = new JsonObject();
    meta.addProperty("command", m.command());
    meta.addProperty("created", m.created());
    meta.addProperty("directory", m.directory());
    meta.addProperty("kodak", m.kodak());
    meta.addProperty("quick", m.quick());
    meta.addProperty("anchors", m.anchors());
    meta.addProperty("lic4j_version", m.lic4jVersion());
    meta.addProperty("machine", m.machine());
    if (m.model() != null) {
      JsonObject model = new JsonObject();
      model.addProperty("name", m.model().name());
      model.addProperty("source", m.model().source());
      model.addProperty("quality_levels", m.model().qualityLevels());
      model.addProperty("training_steps", m.model().trainingSteps());
      model.addProperty("training_hours", m.model().trainingHours());
      meta.add("model", model);
    }
    JsonArray images = new JsonArray();
    m.images().forEach(images::add);
    meta.add("images", images);
    root.add("meta", meta);

    JsonArray codecs = new JsonArray();
    for (Evaluation.Codec c : e.codecs) {
      JsonObject o = codec(c.id(), c.label(), c.settingName(), c.settings(), c.tool(), c.skipped());
      JsonArray curve = new JsonArray();
      for (Evaluation.Average a : e.averages(c.id())) {
        JsonObject p = new JsonObject();
        p.addProperty("setting", a.setting());
        p.addProperty("images", a.images());
        p.add("bpp", number(a.bpp()));
        p.add("psnr", number(a.psnr()));
        p.add("ms_ssim", number(a.msSsim()));
        p.add("ms_ssim_db", number(a.msSsimDb()));
        p.add("encode_ms", number(a.encodeMs()));
        p.add("decode_ms", number(a.decodeMs()));
        if (a.hasSplit()) {
          p.add("bpp_z", number(a.bppZ()));
          p.add("bpp_y", number(a.bppY()));
        }
        curve.add(p);
      }
      o.add("curve", curve);
      codecs.add(o);
    }
    root.add("codecs", codecs);

    JsonObject bd = new JsonObject();
    bd.add("lic4j", bdJson(lic4jRows));
    bd.add("classical", bdJson(classicalRows));
    root.add("bd_rate", bd);

    JsonArray points = new JsonArray();
    for (Evaluation.Point p : e.points()) {
      JsonObject o = new JsonObject();
      o.addProperty("image", p.image());
      o.addProperty("codec", p.codec());
      o.addProperty("setting", p.setting());
      o.addProperty("bytes", p.bytes());
      o.add("bpp", number(p.bpp()));
      o.add("psnr", number(p.psnr()));
      o.add("ms_ssim", number(p.msSsim()));
      o.add("encode_ms", number(p.encodeMs()));
      o.add("decode_ms", number(p.decodeMs()));
      if (!Double.isNaN(p.bppZ())) {
        o.add("bpp_z", number(p.bppZ()));
        o.add("bpp_y", number(p.bppY()));
      }
      points.add(o);
    }
    root.add("points", points);

    JsonArray failures = new JsonArray();
    for (Evaluation.Failure f : e.failures()) {
      failures.add(failure("image", f.image(), f.codec(), f.setting(), f.message()));
    }
    return finish(root, failures, notes);
  }

  /** A failed trial: what was coded ({@code subjectKey}: {@code image}, {@code clip}), by which codec, the error. */
  static JsonObject failure(String subjectKey, String subject, String codec, double setting, String message) {
    JsonObject o = new JsonObject();
    o.addProperty(subjectKey, subject);
    o.addProperty("codec", codec);
    o.addProperty("setting", setting);
    o.addProperty("message", message);
    return o;
  }

  /** Adds the failures and notes to {@code root} and writes it out, pretty and with its nulls. */
  static String finish(JsonObject root, JsonArray failures, List<String> notes) {
    root.add("failures", failures);
    JsonArray n = new JsonArray();
    notes.forEach(n::add);
    root.add("notes", n);
    return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  /** A codec of a report: its name, sweep and tool, or why it was skipped. */
  static JsonObject codec(String id, String label, String settingName, List<Double> settings, String tool,
      String skipped) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("label", label);
    o.addProperty("setting", settingName);
    JsonArray s = new JsonArray();
    settings.forEach(s::add);
    o.add("settings", s);
    o.addProperty("tool", tool);
    o.addProperty("skipped", skipped);
    return o;
  }

  private static JsonArray bdJson(List<BdTable.Row> rows) {
    JsonArray out = new JsonArray();
    for (BdTable.Row r : rows) {
      JsonObject o = new JsonObject();
      o.addProperty("test", r.test());
      o.addProperty("against", r.against());
      o.addProperty("source", r.source());
      o.addProperty("tool", r.tool());
      o.add("psnr", bdJson(r.psnr()));
      o.add("ms_ssim", r.msSsim() == null ? JsonNull.INSTANCE : bdJson(r.msSsim()));
      out.add(o);
    }
    return out;
  }

  /** One BD-rate: {@code percent}, the quality range {@code low}-{@code high}, or the {@code problem}. */
  static JsonObject bdJson(BdRate.Result r) {
    JsonObject o = new JsonObject();
    o.add("percent", number(r.percent()));
    o.add("low", number(r.low()));
    o.add("high", number(r.high()));
    o.addProperty("problem", r.problem());
    return o;
  }

  /** A number, or null when it is not finite (JSON has no NaN). */
  static JsonElement number(double v) {
    return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
  }
}
