package org.vi4j.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Multiple restarts of a fit ({@code run.restarts}) for multimodal objectives such as mixtures:
 * runs K fits, each built fresh from its own seed (different initialisation and noise), and keeps
 * the one with the best final ELBO; every final ELBO is returned so a report can show the spread.
 *
 * <pre>{@code
 * Restarts.Result<FitResult> best = Restarts.run(10, 42, seed -> {
 *   AutoGuide guide = new AutoGuide(model.latents());
 *   model.writeStart(guide.parameters(), Rng.seeded(seed));       // a different start per restart
 *   return Inference.builder().model(model).guide(guide)...seed(seed).build();
 * });
 * best.best().elbo();  best.elbos();  best.bestIndex();
 * }</pre>
 *
 * <p><strong>Seeds.</strong> Restart i gets seed {@code seed + i} (i = 0 … K − 1), so restart 0 is
 * the single fit with {@code seed}. <strong>Parts are not shared:</strong> the factory must build
 * a new guide and optimizer for each restart (a restart must not warm-start from another); the
 * model may be shared if its parameters are empty (otherwise build it too). A restart whose final
 * ELBO is not finite, or that throws a {@link DivergenceException}, loses (its ELBO is recorded as
 * NaN); if every restart diverges the last exception is rethrown. Ties keep the earliest restart.
 *
 * <p>Runs sequentially; no static state.
 */
public final class Restarts {

  private Restarts() {
  }

  /**
   * The outcome of the restarts.
   *
   * @param best the winning restart's result (return the guide in R too if it is needed)
   * @param bestIndex which restart won, in [0, K)
   * @param elbos every restart's final ELBO (NaN for a diverged one), in restart order
   * @param results every restart's result (null for a diverged one), in restart order
   * @param <R> the result type
   */
  public record Result<R>(R best, int bestIndex, double[] elbos, List<R> results) {

    /** Copies. */
    public Result {
      elbos = elbos.clone();
      results = java.util.Collections.unmodifiableList(new ArrayList<>(results));
    }
  }

  /** K restarts of an {@link Inference} run, scored by {@link FitResult#elbo()}. */
  public static Result<FitResult> run(int restarts, long seed, LongFunction<Inference> fit) {
    Objects.requireNonNull(fit, "Restarts: fit factory must not be null");
    return runScored(restarts, seed, s -> fit.apply(s).run(), r -> r.elbo().value());
  }

  /**
   * K restarts of any fit, each scored by {@code score} (higher is better).
   *
   * @param restarts K ≥ 1
   * @param seed restart i uses {@code seed + i}
   * @param fit builds and runs one fit from its seed
   * @param score the final ELBO (or objective) of a result
   */
  public static <R> Result<R> runScored(int restarts, long seed, LongFunction<R> fit,
      java.util.function.ToDoubleFunction<R> score) {
    if (!(restarts >= 1)) {
      throw new IllegalArgumentException("run.restarts must be >= 1, got " + restarts);
    }
    Objects.requireNonNull(fit, "Restarts: fit must not be null");
    Objects.requireNonNull(score, "Restarts: score must not be null");
    double[] elbos = new double[restarts];
    List<R> results = new ArrayList<>(restarts);
    int best = -1;
    DivergenceException last = null;
    for (int i = 0; i < restarts; i++) {
      R r;
      try {
        r = fit.apply(seed + i);
      } catch (DivergenceException e) {
        last = e;
        elbos[i] = Double.NaN;
        results.add(null);
        continue;
      }
      elbos[i] = score.applyAsDouble(r);
      results.add(r);
      if (Double.isFinite(elbos[i]) && (best < 0 || elbos[i] > elbos[best])) {
        best = i;
      }
    }
    if (best < 0) {
      if (last != null) {
        throw last;
      }
      throw new IllegalStateException("run.restarts: none of the " + restarts
          + " restarts ended with a finite ELBO: " + java.util.Arrays.toString(elbos));
    }
    return new Result<>(results.get(best), best, elbos, results);
  }
}
