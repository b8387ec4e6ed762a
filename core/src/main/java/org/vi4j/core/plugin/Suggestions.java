package org.vi4j.core.plugin;

import java.util.Collection;
import java.util.Optional;

/** Nearest-name suggestions for error messages ("did you mean 'exp-gaussian'?"). */
final class Suggestions {

  private Suggestions() {
  }

  /**
   * The candidate closest to {@code name} by optimal-string-alignment (Damerau–Levenshtein)
   * distance, if close enough: at most 1 edit for names of up to 3 characters, 2 up to 8, 3
   * beyond. Failing that, a candidate containing {@code name} (or contained in it), if
   * {@code name} has at least 3 characters. Ties go to the first candidate in iteration order.
   */
  static Optional<String> nearest(String name, Collection<String> candidates) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    String n = name.toLowerCase(java.util.Locale.ROOT);
    int allowed = n.length() <= 3 ? 1 : n.length() <= 8 ? 2 : 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(n, c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= allowed && bestDistance > 0) {
      return Optional.of(best);
    }
    if (n.length() >= 3) {
      String contained = null;
      for (String c : candidates) {
        String lc = c.toLowerCase(java.util.Locale.ROOT);
        if (!lc.equals(n) && (lc.contains(n) || n.contains(lc))
            && (contained == null || c.length() < contained.length())) {
          contained = c;
        }
      }
      return Optional.ofNullable(contained);
    }
    return Optional.empty();
  }

  /** " did you mean 'x'?" or "". */
  static String didYouMean(String name, Collection<String> candidates) {
    return nearest(name, candidates).map(s -> " Did you mean '" + s + "'?").orElse("");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
