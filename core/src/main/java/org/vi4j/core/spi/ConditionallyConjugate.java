package org.vi4j.core.spi;

import java.util.List;
import java.util.Map;
import org.vi4j.core.autodiff.Tensor;

/**
 * A conditionally conjugate model with global latents β and local latents z_n, one block per data
 * row (Hoffman, Blei, Wang &amp; Paisley 2013, "Stochastic Variational Inference", JMLR 14, §2):
 * given the local latents, the complete conditional of the global ones is in the exponential
 * family with natural parameter η₀ + Σ_n t(x_n, z_n), so the optimal global factors of a mean-field
 * guide follow from <em>summed expected sufficient statistics</em> of the rows. Coordinate ascent
 * ({@code cavi}, full data) and stochastic VI ({@code svi}, minibatches) both drive it:
 *
 * <pre>{@code
 * ConditionallyConjugate cc = model.as(ConditionallyConjugate.class).orElseThrow();
 * ConjugateFactors qf = guide.as(ConjugateFactors.class).orElseThrow();
 * Map<String, Tensor> lambda = new LinkedHashMap<>();
 * for (String g : cc.globalLatents()) {
 *   lambda.put(g, qf.naturalParameters(g, batch));
 * }
 * ConditionallyConjugate.LocalStep step = cc.localStep(lambda);   // once per global step
 * ConditionallyConjugate.LocalResult part = step.run(batch);      // pure: any rows, thread, machine
 * double[] stats = new double[cc.statisticsLength()];
 * part.addStatisticsTo(stats);                                    // parts add up, in row order
 * Map<String, Tensor> lambdaHat = cc.globalOptimum(stats, batch.scale(), lambda);
 * double elbo = batch.scale() * part.localElbo() + step.globalElbo();   // at λ, locals optimal
 * // svi: λ ← (1 − ρ_t) λ + ρ_t λ̂ for each global latent; cavi: ρ = 1 on the full data
 * part.localNaturalParameters().forEach((l, eta) -> qf.setNaturalParameters(l, batch, eta));
 * }</pre>
 *
 * <p><strong>Contract.</strong>
 * <ul>
 *   <li>{@link #localStep} reads the global factors only through the natural parameters it is
 *       given (same layouts as {@link ConjugateFactors#naturalParameters} for those latents),
 *       modifies nothing, and returns an immutable, thread-safe {@link LocalStep}: the precomputed
 *       expectations E_q[t(β)] that every row needs.
 *   <li>{@link LocalStep#run} is a <strong>pure function of (the batch's rows, the global natural
 *       parameters)</strong>: it fits the local factors of those rows (to the model's documented
 *       tolerance) from a fixed start, not from the guide's current local factors, and the same rows
 *       give bit-identical results on any thread, in any order, concurrently with other calls.
 *       This is the seam a distributed executor uses: ship λ, run parts anywhere, add the parts.
 *   <li>Statistics are <strong>additive over rows</strong>: the statistics of a batch are the sum
 *       of those of any partition of it into parts. Optimizers split a batch into parts of
 *       {@link #rowsPerPart()} rows (independent of the thread count) and add the parts in row
 *       order, so results do not depend on the number of threads.
 *   <li>{@link #globalOptimum}: the natural parameters of each global factor that would be optimal
 *       if the data set were {@code scale} copies of the rows the statistics come from —
 *       η₀ + scale · statistics, Hoffman et al.'s intermediate parameter λ̂ — given the other global
 *       factors' current parameters {@code global} where the global factors are themselves split
 *       mean-field (a Gaussian mixture with separate q(μ_k) and q(λ_k)). Shapes as the guide's.
 *   <li>ELBO: for the full data set, Σ_rows {@link LocalResult#localElbo()} +
 *       {@link LocalStep#globalElbo()} is the ELBO of the guide whose global factors are
 *       {@code global} and whose local factors are the ones returned; for a minibatch,
 *       {@code scale} · Σ local + global estimates it.
 * </ul>
 * Values are constants (no gradient). A model that also implements {@link ConjugateUpdates} may be
 * fitted by either path; {@code cavi} prefers {@link ConjugateUpdates}.
 */
public interface ConditionallyConjugate {

  /** The global latents, whose factors a global step sets from the statistics. */
  List<String> globalLatents();

  /**
   * The local latents whose factors the guide keeps (written from
   * {@link LocalResult#localNaturalParameters()}); may be empty.
   */
  List<String> localLatents();

  /** The length of the statistics vector. */
  int statisticsLength();

  /**
   * Rows per part: the unit of parallel work and of the fixed-order reduction (a few milliseconds
   * of work is a good size). Default 256.
   */
  default int rowsPerPart() {
    return 256;
  }

  /**
   * Prepares the local step for the global factors with natural parameters {@code global}
   * (keyed by {@link #globalLatents()}). Not modified.
   *
   * @throws IllegalArgumentException if a latent is missing or a shape is wrong
   */
  LocalStep localStep(Map<String, Tensor> global);

  /**
   * λ̂: the optimal natural parameters of every global factor for the rows whose summed
   * statistics are {@code statistics}, scaled to the data set by {@code scale} = N/B, given the
   * current global factors {@code global}. None of the arguments is modified.
   */
  Map<String, Tensor> globalOptimum(double[] statistics, double scale, Map<String, Tensor> global);

  /** The local step at fixed global factors: immutable and thread-safe. */
  interface LocalStep {

    /**
     * Fits the local factors of {@code rows} and returns their statistics, local ELBO terms and
     * local factors. Pure (see the interface's contract).
     */
    LocalResult run(Batch rows);

    /** E_q[log p(β)] − E_q[log q(β)] at these global factors. */
    double globalElbo();
  }

  /** What the local step found for some rows. */
  interface LocalResult {

    /**
     * Adds the rows' summed expected sufficient statistics into {@code total} (length
     * {@link #statisticsLength()}). Modified: {@code total}; the result is not.
     */
    void addStatisticsTo(double[] total);

    /**
     * Σ over the rows of E_q[log p(x_n, z_n | β)] − E_q[log q(z_n)] at the local factors found,
     * unscaled.
     */
    double localElbo();

    /**
     * The natural parameters of the rows' local factors, per {@link #localLatents()} latent, one row
     * per batch row (the guide's layout); empty if the guide keeps none.
     */
    Map<String, Tensor> localNaturalParameters();
  }
}
