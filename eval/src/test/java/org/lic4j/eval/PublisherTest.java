package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PublisherTest {
  private static final String BLOCK = Publisher.BEGIN + "\nnew\n" + Publisher.END + "\n";

  @Test
  void replacesTheMarkedBlockAndKeepsTheRest() {
    String page = "# Results\n\nhand-written\n\n" + Publisher.BEGIN + "\nold\n" + Publisher.END + "\n\nafter\n";
    String out = Publisher.splice(page, BLOCK);
    assertEquals("# Results\n\nhand-written\n\n" + BLOCK + "\nafter\n", out);
    assertEquals(out, Publisher.splice(out, BLOCK));
  }

  @Test
  void appendsWhenThereIsNoBlock() {
    assertEquals("# Results\n\nnotes\n\n" + BLOCK, Publisher.splice("# Results\n\nnotes\n", BLOCK));
  }

  @Test
  void briefMarkdownKeepsOnlyTheMainImageAndShiftsHeadings() {
    Doc d = new Doc().heading(1, "Title").image("main.png", "main", true).image("other.png", "other", false)
        .beginReportOnly().heading(2, "Per picture").gallery(List.of("a"), List.of("images/a.png")).endReportOnly()
        .table(List.of("x", "y"), List.of(List.of("1", "a|b")));
    String brief = d.toMarkdown("copy.png", true, 1);
    assertTrue(brief.startsWith("## Title\n"), brief);
    assertTrue(brief.contains("![main](copy.png)"), brief);
    assertFalse(brief.contains("other.png") || brief.contains("Per picture") || brief.contains("images/a.png"), brief);
    assertTrue(brief.contains("| 1 | a\\|b |"), brief);
    String full = d.toMarkdown();
    assertTrue(full.contains("![other](other.png)") && full.contains("[a](images/a.png)"), full);
  }

  @Test
  void htmlEscapesAndFormatsCode() {
    String html = new Doc().text("run `a <b>` **now**").toHtml("t&t");
    assertTrue(html.contains("<title>t&amp;t</title>"), html);
    assertTrue(html.contains("<p>run <code>a &lt;b&gt;</code> <strong>now</strong></p>"), html);
  }
}
