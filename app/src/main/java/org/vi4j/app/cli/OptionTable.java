package org.vi4j.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.vi4j.core.plugin.OptionSpec;

/**
 * Renders options as the table {@code vi4j help NAME} prints: key, type (with its requirement),
 * default, meaning.
 *
 * <pre>{@code
 *   KEY     TYPE               DEFAULT  MEANING
 *   lr      a number, > 0      0.001    learning rate
 * }</pre>
 */
final class OptionTable {

  private OptionTable() {
  }

  /** The table of {@code specs}, each line indented by two spaces; "(no options)" if empty. */
  static String render(List<OptionSpec<?>> specs) {
    if (specs.isEmpty()) {
      return "  (no options)\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KEY", "TYPE", "DEFAULT", "MEANING"});
    for (OptionSpec<?> s : specs) {
      rows.add(new String[] {s.key(), type(s), defaultText(s), s.description()});
    }
    int[] width = new int[3];
    for (String[] r : rows) {
      for (int c = 0; c < 3; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.append("  ");
      for (int c = 0; c < 3; c++) {
        sb.append(r[c]).append(" ".repeat(width[c] - r[c].length() + 2));
      }
      sb.append(r[3]).append('\n');
    }
    return sb.toString();
  }

  /** "a number, > 0". */
  static String type(OptionSpec<?> s) {
    return s.expected() + (s.requirementText() == null ? "" : ", " + s.requirementText());
  }

  /** The default as text: "(required)" when there is none, {@code ""} for an empty string. */
  static String defaultText(OptionSpec<?> s) {
    if (s.isRequired()) {
      return "(required)";
    }
    Object v = FitRunner.plain(s.defaultValue());
    String text = String.valueOf(v);
    return text.isEmpty() ? "\"\"" : text;
  }
}
