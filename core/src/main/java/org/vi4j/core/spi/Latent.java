package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named block of latent variables of a {@link Model}.
 *
 * <pre>{@code
 * Latent rate   = Latent.global("rate", 64, Support.POSITIVE);       // particles x 64
 * Latent code   = Latent.local("z", 20, Support.REAL);               // (particles·B) x 20
 * Latent assign = Latent.categorical("assignment", 1, 5, Scope.LOCAL);  // one of 5 per data row
 * }</pre>
 *
 * <p><strong>Names</strong> follow the {@link org.vi4j.core.autodiff.Param} rules: dot-separated
 * segments of letters, digits, '_' and '-', starting with a letter. Guides name their parameters
 * after the latent ({@code rate.shape}, {@code rate.rate}).
 *
 * @param name the block's name, unique within a {@link LatentSpec}
 * @param size number of values per particle (GLOBAL) or per particle and data row (LOCAL); &gt; 0
 * @param support where the values live
 * @param scope GLOBAL or LOCAL
 * @param categories number of categories k ≥ 2 for {@link Support#CATEGORICAL}, 0 otherwise
 */
public record Latent(String name, int size, Support support, Scope scope, int categories) {

  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  /**
   * True if {@code name} matches {@link #NAME}, checked by hand so that the check allocates no
   * {@link java.util.regex.Matcher} (it runs on every {@link Latents.Builder#put}).
   */
  static boolean validName(String name) {
    int n = name == null ? 0 : name.length();
    if (n == 0 || !letter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (i + 1 == n || name.charAt(i + 1) == '.') {
          return false;                               // a segment after a dot must not be empty
        }
      } else if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** Validates every field; see the class javadoc for the rules. */
  public Latent {
    if (!validName(name)) {
      throw new IllegalArgumentException("Latent name '" + name + "' is not accepted: use "
          + "dot-separated segments of letters, digits, '_' or '-', starting with a letter (e.g. rate)");
    }
    Objects.requireNonNull(support, () -> "Latent '" + name + "': support must not be null");
    Objects.requireNonNull(scope, () -> "Latent '" + name + "': scope must not be null");
    if (!(size > 0)) {
      throw new IllegalArgumentException("Latent '" + name + "': size must be > 0, got " + size);
    }
    if (support == Support.CATEGORICAL) {
      if (!(categories >= 2)) {
        throw new IllegalArgumentException("Latent '" + name
            + "': a CATEGORICAL latent needs categories >= 2, got " + categories);
      }
    } else if (categories != 0) {
      throw new IllegalArgumentException("Latent '" + name + "': categories (" + categories
          + ") is only meaningful for CATEGORICAL, this latent is " + support + "; use 0");
    }
    if (support == Support.SIMPLEX && size < 2) {
      throw new IllegalArgumentException("Latent '" + name
          + "': a SIMPLEX latent needs size >= 2, got " + size);
    }
  }

  /** A GLOBAL block: {@code particles x size}. Not for CATEGORICAL (use {@link #categorical}). */
  public static Latent global(String name, int size, Support support) {
    return new Latent(name, size, support, Scope.GLOBAL, 0);
  }

  /** A LOCAL block: {@code (particles·B) x size}. Not for CATEGORICAL (use {@link #categorical}). */
  public static Latent local(String name, int size, Support support) {
    return new Latent(name, size, support, Scope.LOCAL, 0);
  }

  /** A CATEGORICAL block of {@code size} independent choices among {@code categories}. */
  public static Latent categorical(String name, int size, int categories, Scope scope) {
    return new Latent(name, size, Support.CATEGORICAL, scope, categories);
  }

  /** True for a LOCAL block. */
  public boolean local() {
    return scope == Scope.LOCAL;
  }

  /** "name (SUPPORT, SCOPE, size n)", as used in error messages. */
  public String describe() {
    return "'" + name + "' (" + support + (support == Support.CATEGORICAL ? "(" + categories + ")" : "")
        + ", " + scope + ", size " + size + ")";
  }
}
