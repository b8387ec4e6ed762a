package org.vi4j.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;

/**
 * The {@code run.*} options: how the inference loop runs a pipeline (steps, time budget, seed,
 * averaging, minibatches, convergence, evaluation, divergence guard, checkpoints, progress). They
 * are typed and validated like any plugin's options: an unknown {@code run.foo} is an error listing
 * the accepted keys.
 *
 * <pre>{@code
 * // vi4j run ... --set run.average-last=0.2 --set run.batch-size=32 --steps 5000
 * Options raw = spec.optionsFor("run");
 * List<String> problems = RunOptions.problems(raw);      // empty when fine
 * RunOptions.Settings s = RunOptions.settings(raw);
 * Inference.Builder b = s.applyTo(Inference.builder().model(m)...);
 * }</pre>
 *
 * <p>{@code run.restarts} (default 1) is not a loop setting: {@code FitRunner} runs the fit that
 * many times, restart i from seed {@code run.seed + i} with freshly built parts, and keeps the one
 * with the best final ELBO.
 *
 * <p>Defaults are defined here, once. {@code --steps}, {@code --max-seconds} and {@code --seed}
 * are shorthands for {@code run.steps}, {@code run.max-seconds} and {@code run.seed}.
 */
public final class RunOptions {

  /** The option prefix, as in {@code run.steps}. */
  public static final String PART = "run";

  /** Stop after this many steps (a resumed run counts the steps before the resume). */
  public static final OptionSpec<Long> STEPS = OptionSpec
      .longInteger("steps", 5000L, "stop after this many steps (counting those before a --resume)")
      .positive();
  /** Wall-clock budget; 0 means none. */
  public static final OptionSpec<Double> MAX_SECONDS = OptionSpec
      .real("max-seconds", 0.0, "also stop when this many seconds have passed; 0: no time budget")
      .nonNegative().satisfying(Double::isFinite, "finite");
  /** The seed of every random stream. */
  public static final OptionSpec<Long> SEED = OptionSpec
      .longInteger("seed", 42L, "seed of every random stream: the same seed gives the same run");
  /** Polyak–Ruppert averaging over the last fraction of the step limit; 0 means off. */
  public static final OptionSpec<Double> AVERAGE_LAST = OptionSpec
      .real("average-last", 0.0, "average the iterates of this last fraction of the steps "
          + "(Polyak-Ruppert) and end at the average; 0: off")
      .inRange(0, 1);
  /** Minibatch size; 0 means the whole data set every step. */
  public static final OptionSpec<Integer> BATCH_SIZE = OptionSpec
      .integer("batch-size", 0, "minibatch size B, data terms scaled by N/B; 0: the whole data set")
      .nonNegative();
  /** Stan ADVI's convergence rule. */
  public static final OptionSpec<Boolean> CONVERGENCE = OptionSpec
      .bool("convergence", false, "also stop when the relative change of the windowed ELBO falls "
          + "below tol-rel-obj (Stan ADVI's rule)");
  /** Steps between convergence evaluations. */
  public static final OptionSpec<Integer> EVAL_EVERY = OptionSpec
      .integer("eval-every", Inference.DEFAULT_EVAL_EVERY,
          "steps between convergence checks (with convergence=true)")
      .positive();
  /** The convergence tolerance. */
  public static final OptionSpec<Double> TOL_REL_OBJ = OptionSpec
      .real("tol-rel-obj", Inference.DEFAULT_TOL_REL_OBJ,
          "relative ELBO change that counts as converged (with convergence=true)")
      .positive();
  /** Particles of each convergence evaluation. */
  public static final OptionSpec<Integer> CONVERGENCE_PARTICLES = OptionSpec
      .integer("convergence-particles", Inference.DEFAULT_CONVERGENCE_PARTICLES,
          "particles of each convergence check's ELBO (with convergence=true)")
      .satisfying(n -> n >= 2, ">= 2");
  /** Particles of the final ELBO evaluation. */
  public static final OptionSpec<Integer> PARTICLES_EVAL = OptionSpec
      .integer("eval-particles", Inference.DEFAULT_EVAL_PARTICLES,
          "particles of the final ELBO evaluation (its standard error and PSIS k-hat)")
      .satisfying(n -> n >= 5, ">= 5");
  /** Consecutive non-finite steps before the run counts as diverged. */
  public static final OptionSpec<Integer> MAX_BAD_STEPS = OptionSpec
      .integer("max-bad-steps", Inference.DEFAULT_MAX_BAD_STEPS,
          "consecutive non-finite steps (each rolled back) before the run stops as diverged")
      .positive();
  /** Steps between checkpoints. */
  public static final OptionSpec<Long> CHECKPOINT_EVERY = OptionSpec
      .longInteger("checkpoint-every", 1000L,
          "write OUT/checkpoint.bin every this many steps and at the end (for --resume)")
      .positive();
  /** Seconds between progress log lines. */
  public static final OptionSpec<Double> LOG_EVERY = OptionSpec
      .real("log-every", 5.0, "seconds between progress log lines when stderr is not a terminal")
      .positive();

  /** Independent fits from seeds seed, seed + 1, …; the best final ELBO is kept. */
  public static final OptionSpec<Integer> RESTARTS = OptionSpec
      .integer("restarts", 1, "fit this many times from seeds seed, seed+1, ... with fresh parts "
          + "and keep the best final ELBO (for multimodal objectives such as mixtures)")
      .positive();

  /** Every {@code run.*} option, in the order {@code vi4j help run} shows them. */
  public static final List<OptionSpec<?>> ALL = List.of(STEPS, MAX_SECONDS, SEED, AVERAGE_LAST,
      BATCH_SIZE, CONVERGENCE, EVAL_EVERY, TOL_REL_OBJ, CONVERGENCE_PARTICLES, PARTICLES_EVAL,
      MAX_BAD_STEPS, CHECKPOINT_EVERY, LOG_EVERY, RESTARTS);

  /** The options that only matter with {@code convergence=true}. */
  private static final List<OptionSpec<?>> CONVERGENCE_ONLY =
      List.of(EVAL_EVERY, TOL_REL_OBJ, CONVERGENCE_PARTICLES);

  /** The owner label in messages. */
  static final String OWNER = "the run";

  private RunOptions() {
  }

  /**
   * Every problem with {@code raw} (the {@code run.*} options, prefix removed): unknown keys with
   * the accepted ones, bad values, and convergence settings given without {@code convergence=true}
   * (they would be ignored).
   */
  public static List<String> problems(Options raw) {
    List<String> problems = new ArrayList<>(raw.problems(OWNER, ALL));
    if (problems.isEmpty() && !raw.checkedFor(OWNER, ALL).get(CONVERGENCE)) {
      for (OptionSpec<?> s : CONVERGENCE_ONLY) {
        if (raw.keys().contains(s.key())) {
          problems.add("Option 'run." + s.key() + "' only applies with run.convergence=true");
        }
      }
    }
    return problems;
  }

  /**
   * The typed settings of {@code raw}.
   *
   * @throws IllegalArgumentException listing every problem {@link #problems} finds
   */
  public static Settings settings(Options raw) {
    List<String> problems = problems(raw);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Options o = raw.checkedFor(OWNER, ALL);
    return new Settings(o.get(STEPS), o.get(MAX_SECONDS), o.get(SEED), o.get(AVERAGE_LAST),
        o.get(BATCH_SIZE), o.get(CONVERGENCE), o.get(EVAL_EVERY), o.get(TOL_REL_OBJ),
        o.get(CONVERGENCE_PARTICLES), o.get(PARTICLES_EVAL), o.get(MAX_BAD_STEPS),
        o.get(CHECKPOINT_EVERY), o.get(LOG_EVERY), o.get(RESTARTS));
  }

  /**
   * The loop's settings, typed and checked.
   *
   * @param steps {@code run.steps}
   * @param maxSeconds {@code run.max-seconds} (0: none)
   * @param seed {@code run.seed}
   * @param averageLast {@code run.average-last} (0: off)
   * @param batchSize {@code run.batch-size} (0: the whole data set)
   * @param convergence {@code run.convergence}
   * @param evalEvery {@code run.eval-every}
   * @param tolRelObj {@code run.tol-rel-obj}
   * @param convergenceParticles {@code run.convergence-particles}
   * @param particlesEval {@code run.eval-particles}
   * @param maxBadSteps {@code run.max-bad-steps}
   * @param checkpointEvery {@code run.checkpoint-every}
   * @param logEvery {@code run.log-every}
   * @param restarts {@code run.restarts} (1: a single fit)
   */
  public record Settings(long steps, double maxSeconds, long seed, double averageLast,
      int batchSize, boolean convergence, int evalEvery, double tolRelObj,
      int convergenceParticles, int particlesEval, int maxBadSteps, long checkpointEvery,
      double logEvery, int restarts) {

    /**
     * {@code builder} configured with these settings: step limit, budget, seed, averaging,
     * batches, convergence, evaluation particles, divergence guard, and checkpoints to
     * {@code checkpoint} (null: none). Progress logging is left to the command's listeners.
     */
    public Inference.Builder applyTo(Inference.Builder builder, Path checkpoint) {
      builder.stopAfterSteps(steps).seed(seed).evalParticles(particlesEval)
          .maxBadSteps(maxBadSteps).logEverySeconds(Double.POSITIVE_INFINITY);
      if (maxSeconds > 0) {
        builder.maxSeconds(maxSeconds);
      }
      if (averageLast > 0) {
        builder.averageLast(averageLast);
      }
      if (batchSize > 0) {
        builder.batchSize(batchSize);
      }
      if (convergence) {
        builder.convergence(evalEvery, tolRelObj).convergenceParticles(convergenceParticles);
      }
      if (checkpoint != null) {
        builder.checkpointEvery(checkpointEvery, checkpoint);
      }
      return builder;
    }

    /** Every {@code run.*} option with its value, keyed {@code run.key}, in {@link #ALL}'s order. */
    public Map<String, Object> asOptions() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(PART + "." + STEPS.key(), steps);
      m.put(PART + "." + MAX_SECONDS.key(), maxSeconds);
      m.put(PART + "." + SEED.key(), seed);
      m.put(PART + "." + AVERAGE_LAST.key(), averageLast);
      m.put(PART + "." + BATCH_SIZE.key(), batchSize);
      m.put(PART + "." + CONVERGENCE.key(), convergence);
      m.put(PART + "." + EVAL_EVERY.key(), evalEvery);
      m.put(PART + "." + TOL_REL_OBJ.key(), tolRelObj);
      m.put(PART + "." + CONVERGENCE_PARTICLES.key(), convergenceParticles);
      m.put(PART + "." + PARTICLES_EVAL.key(), particlesEval);
      m.put(PART + "." + MAX_BAD_STEPS.key(), maxBadSteps);
      m.put(PART + "." + CHECKPOINT_EVERY.key(), checkpointEvery);
      m.put(PART + "." + LOG_EVERY.key(), logEvery);
      m.put(PART + "." + RESTARTS.key(), restarts);
      return m;
    }
  }
}
