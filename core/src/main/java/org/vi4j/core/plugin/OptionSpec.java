package org.vi4j.core.plugin;

import org.vi4j.core.distributions.Support;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One typed option of a plugin: key, type, default (defined here, once), description, and an
 * optional requirement on the value.
 *
 * <pre>{@code
 * static final OptionSpec<Double> LR = OptionSpec.real("lr", 1e-3, "step size").positive();
 * static final OptionSpec<Integer> PARTICLES = OptionSpec.integer("particles", 16, "samples").positive();
 * static final OptionSpec<Support> SUPPORT = OptionSpec.choice("support", Support.class, Support.REAL, "…");
 * static final OptionSpec<String> DATA = OptionSpec.string("data", null, "data set").required();
 * double lr = options.get(LR);              // the value given, or 1e-3
 * }</pre>
 *
 * <p><strong>Contract.</strong> Keys match {@code ^[a-z][a-z0-9-]*$}. A {@code null} default means
 * the option is required. A non-null default must be of {@code type} and satisfy the requirement
 * (checked here, so a default cannot drift out of its own range). Values given as strings (from a
 * command line) are parsed strictly: {@code "1.5"} is not an integer, {@code "yes"} is not a
 * boolean; enum constants match case-insensitively with '-' for '_'.
 *
 * @param key the option's name within its plugin, e.g. {@code lr}
 * @param type the value's class
 * @param defaultValue the default, or null if the option is required
 * @param description one line for {@code vi4j list}
 * @param expected what a value must look like, for messages ("an integer")
 * @param parser string → value; throws {@link IllegalArgumentException} (or
 *     {@link NumberFormatException}) on bad input
 * @param requirement a check on the value, or null
 * @param requirementText what the check demands, for messages ("> 0")
 * @param <T> the value type
 */
public record OptionSpec<T>(String key, Class<T> type, T defaultValue, String description,
    String expected, Function<String, T> parser, Predicate<? super T> requirement,
    String requirementText) {

  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*");

  /** Validates the key, the type and the default. */
  public OptionSpec {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Option key '" + key
          + "' is not accepted: use lower-case letters, digits and '-', starting with a letter");
    }
    Objects.requireNonNull(type, () -> "Option '" + key + "': type must not be null");
    Objects.requireNonNull(parser, () -> "Option '" + key + "': parser must not be null");
    description = description == null ? "" : description;
    expected = expected == null ? "a " + type.getSimpleName() : expected;
    if ((requirement == null) != (requirementText == null)) {
      throw new IllegalArgumentException("Option '" + key
          + "': requirement and requirementText go together");
    }
    if (defaultValue != null) {
      if (!type.isInstance(defaultValue)) {
        throw new IllegalArgumentException("Option '" + key + "': default " + defaultValue + " is a "
            + defaultValue.getClass().getSimpleName() + ", not " + expected);
      }
      if (requirement != null && !requirement.test(defaultValue)) {
        throw new IllegalArgumentException("Option '" + key + "': default " + defaultValue
            + " does not satisfy its own requirement: must be " + requirementText);
      }
    }
  }

  /** An integer option. */
  public static OptionSpec<Integer> integer(String key, Integer defaultValue, String description) {
    return new OptionSpec<>(key, Integer.class, defaultValue, description, "an integer",
        s -> Integer.valueOf(s.strip()), null, null);
  }

  /** A long integer option (seeds, step counts). */
  public static OptionSpec<Long> longInteger(String key, Long defaultValue, String description) {
    return new OptionSpec<>(key, Long.class, defaultValue, description, "an integer",
        s -> Long.valueOf(s.strip()), null, null);
  }

  /** A real-number option; accepts decimal and scientific notation, rejects NaN. */
  public static OptionSpec<Double> real(String key, Double defaultValue, String description) {
    return new OptionSpec<>(key, Double.class, defaultValue, description, "a number",
        OptionSpec::parseReal, null, null);
  }

  /** A boolean option: exactly {@code true} or {@code false}, any case. */
  public static OptionSpec<Boolean> bool(String key, Boolean defaultValue, String description) {
    return new OptionSpec<>(key, Boolean.class, defaultValue, description, "true or false",
        OptionSpec::parseBoolean, null, null);
  }

  /** A free-text option. */
  public static OptionSpec<String> string(String key, String defaultValue, String description) {
    return new OptionSpec<>(key, String.class, defaultValue, description, "a string",
        s -> s, null, null);
  }

  /** One constant of {@code type}, matched case-insensitively, '-' standing for '_'. */
  public static <E extends Enum<E>> OptionSpec<E> choice(String key, Class<E> type, E defaultValue,
      String description) {
    E[] constants = type.getEnumConstants();
    String accepted = "one of " + Arrays.stream(constants)
        .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    return new OptionSpec<>(key, type, defaultValue, description, accepted, s -> {
      String want = s.strip().replace('-', '_');
      for (E c : constants) {
        if (c.name().equalsIgnoreCase(want)) {
          return c;
        }
      }
      throw new IllegalArgumentException("no such constant");
    }, null, null);
  }

  /** An option of any type with a custom parser; {@code expected} describes valid input. */
  public static <T> OptionSpec<T> custom(String key, Class<T> type, T defaultValue,
      String description, String expected, Function<String, T> parser) {
    return new OptionSpec<>(key, type, defaultValue, description, expected, parser, null, null);
  }

  /** This option with an additional requirement (combined with any existing one by "and"). */
  public OptionSpec<T> satisfying(Predicate<? super T> check, String text) {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(text, "text");
    Predicate<? super T> previous = requirement;
    Predicate<T> combined = previous == null ? check::test : v -> previous.test(v) && check.test(v);
    String combinedText = requirementText == null ? text : requirementText + " and " + text;
    return new OptionSpec<>(key, type, defaultValue, description, expected, parser, combined,
        combinedText);
  }

  /** Requires a number &gt; 0 (NaN fails). */
  public OptionSpec<T> positive() {
    return satisfying(v -> ((Number) v).doubleValue() > 0, "> 0");
  }

  /** Requires a number ≥ 0 (NaN fails). */
  public OptionSpec<T> nonNegative() {
    return satisfying(v -> ((Number) v).doubleValue() >= 0, ">= 0");
  }

  /** Requires a number in [lo, hi] (NaN fails). */
  public OptionSpec<T> inRange(double lo, double hi) {
    return satisfying(v -> {
      double x = ((Number) v).doubleValue();
      return x >= lo && x <= hi;
    }, "in [" + lo + ", " + hi + "]");
  }

  /** This option with no default: it must be given. */
  public OptionSpec<T> required() {
    return new OptionSpec<>(key, type, null, description, expected, parser, requirement,
        requirementText);
  }

  /** True if the option has no default. */
  public boolean isRequired() {
    return defaultValue == null;
  }

  /**
   * Converts a raw value (a string to parse, or a value of the type; integral numbers convert to
   * wider number types and integral doubles to integers) and checks the requirement.
   *
   * @param raw the value given
   * @param owner who the option belongs to, for messages ("model 'exp-gaussian'")
   * @throws IllegalArgumentException naming the owner, key, value and what is expected
   */
  public T convert(Object raw, String owner) {
    String where = "Option '" + key + "'" + (owner == null ? "" : " of " + owner);
    if (raw == null) {
      throw new IllegalArgumentException(where + ": value is null, expected " + expected);
    }
    T value;
    if (raw instanceof String s) {
      try {
        value = parser.apply(s);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": '" + s + "' is not " + expected, e);
      }
      if (value == null) {
        throw new IllegalArgumentException(where + ": '" + s + "' is not " + expected);
      }
    } else if (type.isInstance(raw)) {
      value = type.cast(raw);
    } else {
      value = convertNumber(raw);
      if (value == null) {
        throw new IllegalArgumentException(where + ": " + raw + " (" + raw.getClass().getSimpleName()
            + ") is not " + expected);
      }
    }
    if (requirement != null && !requirement.test(value)) {
      throw new IllegalArgumentException(where + ": " + value + " must be " + requirementText);
    }
    return value;
  }

  private T convertNumber(Object raw) {
    if (!(raw instanceof Number n)) {
      return null;
    }
    boolean integral = raw instanceof Integer || raw instanceof Long || raw instanceof Short
        || raw instanceof Byte;
    if (type == Double.class) {
      return type.cast(n.doubleValue());
    }
    long asLong;
    if (integral) {
      asLong = n.longValue();
    } else {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 0x1p53) {
        return null;
      }
      asLong = (long) d;
    }
    if (type == Long.class) {
      return type.cast(asLong);
    }
    if (type == Integer.class && asLong >= Integer.MIN_VALUE && asLong <= Integer.MAX_VALUE) {
      return type.cast((int) asLong);
    }
    return null;
  }

  private static Double parseReal(String s) {
    double d = Double.parseDouble(s.strip());
    if (Double.isNaN(d)) {
      throw new IllegalArgumentException("NaN");
    }
    return d;
  }

  private static Boolean parseBoolean(String s) {
    String t = s.strip();
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  /** "key (expected, default d): description", as {@code vi4j list} shows it. */
  public String describe() {
    return key + " (" + expected + (requirementText == null ? "" : ", " + requirementText)
        + (defaultValue == null ? ", required" : ", default " + defaultValue) + ")"
        + (description.isEmpty() ? "" : ": " + description);
  }
}
