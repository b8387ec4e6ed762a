package org.vi4j.optimizers.schedule;

import java.util.ArrayList;
import java.util.List;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;

/**
 * The learning-rate schedule options every gradient-optimizer provider accepts, and the factory
 * that turns them into a {@link LearningRateSchedule}.
 *
 * <pre>{@code
 * public List<OptionSpec<?>> options() {
 *   List<OptionSpec<?>> all = new ArrayList<>(List.of(LR, BETA1));
 *   all.addAll(ScheduleOptions.SPECS);
 *   return all;
 * }
 * LearningRateSchedule s = ScheduleOptions.from(options, "optimizer 'adam'");
 * }</pre>
 *
 * <p>{@code schedule=constant|exponential|robbins-monro}; {@code gamma} belongs to
 * {@code exponential}, {@code tau} and {@code kappa} to {@code robbins-monro}. Giving a
 * schedule's parameter with another schedule is an error, not ignored.
 */
public final class ScheduleOptions {

  /** The schedules selectable by name. */
  public enum Kind {
    /** {@link ConstantRate}. */
    CONSTANT,
    /** {@link ExponentialDecay}. */
    EXPONENTIAL,
    /** {@link RobbinsMonro}. */
    ROBBINS_MONRO
  }

  /** Which schedule multiplies the learning rate. */
  public static final OptionSpec<Kind> SCHEDULE = OptionSpec.choice("schedule", Kind.class,
      Kind.CONSTANT, "learning-rate schedule: step size = lr * rho_t, t = 0-based update index");

  /** {@link ExponentialDecay#gamma()}. */
  public static final OptionSpec<Double> GAMMA = OptionSpec.real("gamma", 0.999,
      "exponential schedule: rho_t = gamma^t").satisfying(v -> v > 0 && v <= 1, "in (0, 1]");

  /** {@link RobbinsMonro#tau()}. */
  public static final OptionSpec<Double> TAU = OptionSpec.real("tau", 1.0,
      "robbins-monro schedule: delay in rho_t = (t + tau)^-kappa")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");

  /** {@link RobbinsMonro#kappa()}. */
  public static final OptionSpec<Double> KAPPA = OptionSpec.real("kappa", 0.7,
      "robbins-monro schedule: forgetting rate in rho_t = (t + tau)^-kappa")
      .satisfying(v -> v > 0.5 && v <= 1, "in (0.5, 1]");

  /** All four, in the order {@code vi4j list} shows them. */
  public static final List<OptionSpec<?>> SPECS = List.of(SCHEDULE, GAMMA, TAU, KAPPA);

  private ScheduleOptions() {
  }

  /**
   * {@code own} followed by {@link #SPECS}: the options list of a gradient-optimizer provider.
   *
   * @param own the provider's own options. Not modified.
   */
  public static List<OptionSpec<?>> withSchedule(List<OptionSpec<?>> own) {
    List<OptionSpec<?>> all = new ArrayList<>(own);
    all.addAll(SPECS);
    return List.copyOf(all);
  }

  /**
   * The schedule the checked {@code options} select.
   *
   * @param options options checked against a list that includes {@link #SPECS}
   * @param owner for messages, e.g. {@code "optimizer 'adam'"}
   * @throws IllegalArgumentException if a schedule parameter is given for another schedule
   */
  public static LearningRateSchedule from(Options options, String owner) {
    Kind kind = options.get(SCHEDULE);
    List<String> misplaced = new ArrayList<>();
    if (kind != Kind.EXPONENTIAL && options.keys().contains(GAMMA.key())) {
      misplaced.add("'gamma' applies only to schedule=exponential");
    }
    if (kind != Kind.ROBBINS_MONRO) {
      for (OptionSpec<Double> s : List.of(TAU, KAPPA)) {
        if (options.keys().contains(s.key())) {
          misplaced.add("'" + s.key() + "' applies only to schedule=robbins-monro");
        }
      }
    }
    if (!misplaced.isEmpty()) {
      throw new IllegalArgumentException("Options of " + owner + ": " + String.join("; ", misplaced)
          + ", but schedule is " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return switch (kind) {
      case CONSTANT -> new ConstantRate();
      case EXPONENTIAL -> new ExponentialDecay(options.get(GAMMA));
      case ROBBINS_MONRO -> new RobbinsMonro(options.get(TAU), options.get(KAPPA));
    };
  }
}
