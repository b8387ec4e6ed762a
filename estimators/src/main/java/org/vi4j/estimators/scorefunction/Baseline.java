package org.vi4j.estimators.scorefunction;

/**
 * The control variate b subtracted from the learning signal f = log p − log q in the score-function
 * gradient (1/S) Σ_s (f_s − b_s) ∇φ log q(z_s). Each choice keeps the estimate unbiased because
 * b_s does not depend on z_s and E_q[∇φ log q(z)] = 0.
 */
public enum Baseline {

  /** b = 0: plain REINFORCE (Williams 1992). */
  NONE,

  /**
   * b = an exponential moving average of past steps' mean f (Williams 1992; Mnih &amp; Gregor 2014):
   * b_t = decay·b_{t−1} + (1 − decay)·mean_s f_s, updated <em>after</em> step t's gradient, so the
   * b used at a step depends only on earlier steps. The first step uses b = 0 and starts the average
   * at its mean f (no bias toward 0). Non-finite means are not folded in.
   */
  MOVING_AVERAGE,

  /**
   * b_s = the mean of the other particles' f, (Σ_{j≠s} f_j)/(S − 1) (Kool, van Hoof &amp; Welling
   * 2019, "Buy 4 REINFORCE samples, get a baseline for free!"; Mnih &amp; Rezende 2016's VIMCO uses a
   * variant). Needs S ≥ 2 particles; stateless. With per-row learning signals (see
   * {@link ScoreFunctionEstimator}) the other particles are those of the same data row.
   */
  LEAVE_ONE_OUT,

  /**
   * Neural variational inference and learning (Mnih &amp; Gregor 2014, §3): an input-dependent
   * baseline b<sub>ψ</sub>(x<sub>i</sub>) (an MLP with one tanh hidden layer, {@link BaselineNetwork})
   * plus a data-independent one c, with variance normalisation. With u = f − b<sub>ψ</sub>(x):
   * <pre>
   *   signal = (u − c) / max(1, √v)        (without normalisation: u − c)
   *   c, v   = exponential moving averages (decay) of the mean and variance of u over a step's
   *            particles and rows, updated after the step (the first step uses its own)
   *   ψ      minimises ½ (f − c − b_ψ(x))², one Adam step per call
   * </pre>
   * b<sub>ψ</sub>(x<sub>i</sub>) depends on the data row, not on z, so the estimate stays unbiased;
   * dividing by max(1, √v) rescales the guide's gradient by a positive number known before the step
   * (an adaptive step size, not a change of direction in expectation). Needs per-row learning
   * signals: a model whose latents are all LOCAL with a per-row log joint, and a guide with per-row
   * factors.
   */
  NVIL
}
