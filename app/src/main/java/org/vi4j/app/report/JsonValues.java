package org.vi4j.app.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes report values safe for strict JSON and plain for jackson-jr (primitive arrays become lists): a non-finite number (NaN, ±∞) becomes {@code null},
 * in scalars and inside arrays; maps keep their order; anything that is not a number, boolean,
 * string, array, list or map is written as its {@code String.valueOf}.
 */
final class JsonValues {

  private JsonValues() {}

  /** A copy of {@code value} with every non-finite number replaced by {@code null}. */
  static Object sanitize(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Integer || value instanceof Long) {
      return value;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? value : null;
    }
    if (value instanceof double[] a) {
      List<Object> list = new ArrayList<>(a.length);
      for (double d : a) {
        list.add(Double.isFinite(d) ? d : null);
      }
      return list;
    }
    if (value instanceof long[] a) {
      return java.util.Arrays.stream(a).boxed().toList();
    }
    if (value instanceof int[] a) {
      return java.util.Arrays.stream(a).boxed().toList();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), sanitize(v)));
      return out;
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(v -> out.add(sanitize(v)));
      return out;
    }
    if (value instanceof Object[] a) {
      List<Object> out = new ArrayList<>(a.length);
      for (Object v : a) {
        out.add(sanitize(v));
      }
      return out;
    }
    return String.valueOf(value);
  }
}
