package org.vi4j.core.inference;

/** Why a run stopped. */
public enum StopReason {
  /** The step limit was reached. */
  MAX_STEPS,
  /** The wall-clock budget ran out. */
  TIME_BUDGET,
  /** The mean relative ELBO change over the window fell below the tolerance (Stan ADVI). */
  CONVERGED_MEAN,
  /** The median relative ELBO change over the window fell below the tolerance (Stan ADVI). */
  CONVERGED_MEDIAN,
  /** Too many consecutive steps went non-finite (only in {@link DivergenceException#partial()}). */
  DIVERGED
}
