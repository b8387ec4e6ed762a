package org.vi4j.core.spi;

import java.util.List;
import org.vi4j.core.autodiff.Tensor;

/**
 * A model capability for expectation–maximisation as a coordinate step: the exact conditional
 * posterior of the LOCAL variables the log joint sums out (the E-step), and closed-form point
 * updates of GLOBAL latents given it (the M-step, one block at a time, as in ECM — Meng &amp;
 * Rubin 1993). EM is then CAVI (Blei, Kucukelbir &amp; McAuliffe 2017, §3) in which q(local) is the
 * exact conditional p(local | x, z_global) and q(global) is a point mass: the {@code em}
 * optimizer drives this capability exactly as {@code cavi} drives {@link ConjugateUpdates}.
 *
 * <pre>{@code
 * PointUpdates pu = model.as(PointUpdates.class).orElseThrow();
 * Latents point = ...;                                     // 1 particle: the current z_global
 * Tensor r = pu.localPosterior(point, batch);              // E-step, e.g. B x K responsibilities
 * for (String latent : pu.pointLatents()) {
 *   Tensor z = pu.optimalPoint(latent, point, r, batch);   // M-step for one block, 1 x size
 *   Map<String, Tensor> m = new LinkedHashMap<>(point.asMap());
 *   m.put(latent, z);
 *   point = Latents.of(1, m);                              // later blocks see the new value
 * }
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@code point} holds one particle of every GLOBAL latent (in the
 * constrained space). {@link #localPosterior} returns the expected sufficient statistics of the
 * summed-out local variables for the batch's rows (a mixture: the responsibilities, B x K, rows
 * summing to 1); the model documents the layout. {@link #optimalPoint} returns a {@code 1 x size}
 * value inside the latent's support that does not decrease the objective the model documents
 * (maximum likelihood or MAP) given the others, and is finite whatever the data: a model states
 * what it does with degenerate cases (e.g. an empty mixture component). Values are constants.
 */
public interface PointUpdates {

  /** The GLOBAL latents updated by the M-step, in the order a step updates them. */
  List<String> pointLatents();

  /** E-step: the exact conditional posterior of the summed-out local variables, as statistics. */
  Tensor localPosterior(Latents point, Batch batch);

  /** M-step for one block given the local posterior and the other blocks' current values. */
  Tensor optimalPoint(String latent, Latents point, Tensor localPosterior, Batch batch);

  /**
   * A random starting point (one particle of every GLOBAL latent, constrained space) that breaks
   * the symmetry of exchangeable blocks (a mixture's components): EM from a guide whose components
   * all start equal would keep them equal forever. Empty if the model has none (the default).
   *
   * @param rng the randomness; the same state gives the same point. Modified (advanced).
   */
  default java.util.Optional<Latents> startingPoint(org.vi4j.core.random.Rng rng) {
    return java.util.Optional.empty();
  }
}
