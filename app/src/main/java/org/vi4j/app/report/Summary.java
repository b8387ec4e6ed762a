package org.vi4j.app.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vi4j.core.diagnostics.ParetoSmoothing;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.spi.ElboEstimate;

/**
 * The content of {@code summary.json} as an ordered map of lower_snake_case keys (every key is
 * documented in {@code docs/output.md}).
 */
final class Summary {

  private Summary() {}

  /**
   * @param posterior the model-specific {@code posterior} section
   */
  static Map<String, Object> of(RunContext ctx, Map<String, Object> posterior) {
    FitResult fit = ctx.fit();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vi4j_version", ctx.version());
    m.put("pipeline", pipeline(ctx));
    m.put("seed", ctx.seed());
    m.put("steps", fit.steps());
    m.put("stop_reason", fit.stopReason() == null ? null
        : fit.stopReason().name().toLowerCase(Locale.ROOT));
    m.put("wall_seconds", fit.wallSeconds());
    m.put("steps_per_second", fit.stepsPerSecond());
    m.put("rejected_steps", fit.rejectedSteps());
    m.put("averaged_steps", fit.averagedSteps());
    m.put("elbo", elbo(fit.elbo()));
    m.put("last_iterate_elbo", elbo(fit.lastIterateElbo()));
    m.put("psis", psis(fit.psis()));
    m.put("parameters", new LinkedHashMap<>(fit.parameters()));
    m.put("posterior", posterior);
    return m;
  }

  /**
   * The four names and every option ({@code part.key} → value, sorted): the context's full option
   * map, plus any option of the spec it lacks.
   */
  static Map<String, Object> pipeline(RunContext ctx) {
    PipelineSpec spec = ctx.spec();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", spec.model());
    p.put("guide", spec.guide());
    p.put("estimator", spec.estimator());
    p.put("optimizer", spec.optimizer());
    Map<String, Object> options = new TreeMap<>();
    if (ctx.options() != null) {
      ctx.options().forEach((k, v) -> options.put(k, optionValue(v)));
    }
    spec.options().forEach(options::putIfAbsent);
    p.put("options", options);
    return p;
  }

  private static Object optionValue(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    return String.valueOf(v);
  }

  private static Map<String, Object> elbo(ElboEstimate e) {
    if (e == null) {
      return null;
    }
    return Describe.estimate(e.value(), e.standardError(), e.particles());
  }

  private static Map<String, Object> psis(ParetoSmoothing.Result r) {
    if (r == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k_hat", r.kHat());
    m.put("reading", r.draws() == 0 || Double.isNaN(r.kHat()) ? "not_available" : r.reading());
    m.put("tail_length", r.tailLength());
    m.put("draws", r.draws());
    return m;
  }
}
