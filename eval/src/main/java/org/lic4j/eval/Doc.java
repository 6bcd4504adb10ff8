package org.lic4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document model for the report, written out as Markdown ({@code summary.md}, {@code
 * docs/results.md}) and as HTML ({@code index.html}). Text may hold {@code `code`} spans.
 */
final class Doc {
  sealed interface Block permits Heading, Text, Table, Image, Gallery {}

  record Heading(int level, String text) implements Block {}

  record Text(String text) implements Block {}

  record Table(List<String> header, List<List<String>> rows) implements Block {}

  /** @param main whether it is the report's main plot (the one docs/ carries) */
  record Image(String path, String alt, boolean main) implements Block {}

  /** Many small pictures with captions: per-picture charts. */
  record Gallery(List<String> captions, List<String> paths) implements Block {}

  private final List<Block> blocks = new ArrayList<>();
  /** Blocks that only the full report carries, not the brief copy in docs/. */
  private final List<Block> reportOnly = new ArrayList<>();
  private boolean inReportOnly;

  /** Blocks added until {@link #endReportOnly()} are left out of the brief Markdown. */
  Doc beginReportOnly() {
    inReportOnly = true;
    return this;
  }

  Doc endReportOnly() {
    inReportOnly = false;
    return this;
  }

  private void add(Block b) {
    blocks.add(b);
    if (inReportOnly) {
      reportOnly.add(b);
    }
  }

  Doc heading(int level, String text) {
    add(new Heading(level, text));
    return this;
  }

  Doc text(String text) {
    add(new Text(text));
    return this;
  }

  Doc table(List<String> header, List<List<String>> rows) {
    add(new Table(List.copyOf(header), List.copyOf(rows)));
    return this;
  }

  Doc image(String path, String alt, boolean main) {
    add(new Image(path, alt, main));
    return this;
  }

  Doc gallery(List<String> captions, List<String> paths) {
    add(new Gallery(List.copyOf(captions), List.copyOf(paths)));
    return this;
  }

  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  /** The whole document as Markdown. */
  String toMarkdown() {
    return toMarkdown(null, false, 0);
  }

  /**
   * @param mainImage replaces the main image's path (for a copy elsewhere), or null to keep it
   * @param brief leaves out the report-only blocks and every image but the main one (their files
   *     are not copied)
   * @param headingShift added to every heading's level, to nest the document in another
   */
  String toMarkdown(String mainImage, boolean brief, int headingShift) {
    StringBuilder sb = new StringBuilder();
    for (Block b : blocks) {
      if (brief && reportOnly.stream().anyMatch(r -> r == b)) {
        continue;
      }
      if (b instanceof Heading h) {
        sb.append("#".repeat(h.level() + headingShift)).append(' ').append(h.text()).append("\n\n");
      } else if (b instanceof Text t) {
        sb.append(t.text()).append("\n\n");
      } else if (b instanceof Table t) {
        sb.append(mdRow(t.header()));
        sb.append("|").append("---|".repeat(t.header().size())).append('\n');
        for (List<String> row : t.rows()) {
          sb.append(mdRow(row));
        }
        sb.append('\n');
      } else if (b instanceof Image i) {
        if (i.main() || !brief) {
          String path = i.main() && mainImage != null ? mainImage : i.path();
          sb.append("![").append(i.alt()).append("](").append(path).append(")\n\n");
        }
      } else if (b instanceof Gallery g && !brief) {
        for (int k = 0; k < g.paths().size(); k++) {
          sb.append(k == 0 ? "" : " · ").append('[').append(g.captions().get(k)).append("](")
              .append(g.paths().get(k)).append(')');
        }
        sb.append("\n\n");
      }
    }
    return sb.toString().stripTrailing() + "\n";
  }

  private static String mdRow(List<String> cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    return sb.append('\n').toString();
  }

  String toHtml(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
        .append("text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}\n")
        .append("code{background:#f4f4f4;padding:1px 3px}img{max-width:100%}\n")
        .append(".gallery{display:flex;flex-wrap:wrap;gap:8px}.gallery figure{margin:0;width:340px}\n")
        .append(".gallery figcaption{font-size:90%;text-align:center}\n</style>\n</head>\n<body>\n");
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        sb.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
      } else if (b instanceof Text t) {
        sb.append("<p>").append(inline(t.text())).append("</p>\n");
      } else if (b instanceof Table t) {
        sb.append("<table>\n<tr>");
        for (String c : t.header()) {
          sb.append("<th>").append(inline(c)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> row : t.rows()) {
          sb.append("<tr>");
          for (String c : row) {
            sb.append("<td>").append(inline(c)).append("</td>");
          }
          sb.append("</tr>\n");
        }
        sb.append("</table>\n");
      } else if (b instanceof Image i) {
        sb.append("<p><a href=\"").append(escape(i.path())).append("\"><img src=\"").append(escape(i.path()))
            .append("\" alt=\"").append(escape(i.alt())).append("\"></a></p>\n");
      } else if (b instanceof Gallery g) {
        sb.append("<div class=\"gallery\">\n");
        for (int k = 0; k < g.paths().size(); k++) {
          String p = escape(g.paths().get(k));
          sb.append("<figure><a href=\"").append(p).append("\"><img src=\"").append(p).append("\" alt=\"")
              .append(escape(g.captions().get(k))).append("\" loading=\"lazy\"></a><figcaption>")
              .append(escape(g.captions().get(k))).append("</figcaption></figure>\n");
        }
        sb.append("</div>\n");
      }
    }
    return sb.append("</body>\n</html>\n").toString();
  }

  /** Escapes text and turns {@code `code`} spans and {@code **strong**} into elements. */
  private static String inline(String text) {
    String e = escape(text);
    e = e.replaceAll("`([^`]*)`", "<code>$1</code>");
    return e.replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
