package org.vi4j.guides.gamma;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Gamma;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.guides.internal.BlockDraw;
import org.vi4j.guides.internal.GlobalGuide;
import org.vi4j.guides.internal.GuideMath;

/**
 * Mean-field Gamma: q(z) = Π_j Gamma(z_j; α_j, β_j) (shape α, rate β), for POSITIVE GLOBAL
 * latents; pathwise draws by implicit reparameterisation ({@link Gamma#rsample}, Figurnov et al.
 * 2018), and natural parameters for coordinate ascent ({@link ConjugateFactors}).
 *
 * <pre>{@code
 * GammaGuide q = new GammaGuide(model.latents(), 1.0, 1.0);
 * Draw d = q.draw(batch, rng, 128);                          // differentiable in log α, log β
 * q.setNaturalParameters("rate", batch, etaHat);            // CAVI step
 * }</pre>
 *
 * <p><strong>Parameters</strong> per latent (1 x size each, unconstrained): {@code <latent>.log_shape}
 * = log α and {@code <latent>.log_rate} = log β. Initialised to α = {@code initShape}, β =
 * {@code initRate} (defaults 1 and 1: Exp(1)).
 *
 * <p><strong>Density.</strong> log q(z) = Σ_j [α_j log β_j + (α_j − 1) log z_j − β_j z_j − log Γ(α_j)].
 *
 * <p><strong>Natural-parameter layout</strong> (what {@link org.vi4j.core.spi.ConjugateUpdates} models must produce
 * for a latent of size d): a {@code 1 x 2d} row,
 * <pre>
 *   η = [ α_1 − 1, …, α_d − 1,  −β_1, …, −β_d ]      columns [0, d): α − 1;  columns [d, 2d): −β
 * </pre>
 * for the exponential-family form q(z) ∝ exp(η₁ log z + η₂ z), and the expected sufficient
 * statistics in the same layout,
 * <pre>
 *   E[T(z)] = [ ψ(α_1) − log β_1, …, ψ(α_d) − log β_d,  α_1/β_1, …, α_d/β_d ]   (E[log z], E[z])
 * </pre>
 * {@link #setNaturalParameters} accepts η with every α = η₁ + 1 &gt; 0 and β = −η₂ &gt; 0 (finite)
 * and writes log α and log β; {@link #naturalParameters} then returns exactly the η written
 * (bit for bit) as long as the parameters have not changed since, and otherwise computes it from
 * them. The batch argument is not read (GLOBAL latents).
 *
 * @see org.vi4j.core.spi.ConjugateUpdates
 */
public final class GammaGuide extends GlobalGuide implements FactorizedFamily, ConjugateFactors {

  /** POSITIVE only. */
  public static final Set<Support> SUPPORTS =
      Collections.unmodifiableSet(EnumSet.of(Support.POSITIVE));

  private final Map<String, Param> logShape = new HashMap<>();
  private final Map<String, Param> logRate = new HashMap<>();
  /** The last η written per latent, with the parameter values written for it (exact read-back). */
  private final Map<String, Written> written = new HashMap<>();

  private record Written(double[] eta, double[] logShape, double[] logRate) {}

  /** With the provider's default initial values. */
  public GammaGuide(LatentSpec latents) {
    this(latents, GammaGuideProvider.INIT_SHAPE.defaultValue(),
        GammaGuideProvider.INIT_RATE.defaultValue());
  }

  /**
   * @param latents the model's latents, all POSITIVE and GLOBAL. Not modified.
   * @param initShape initial α, finite and &gt; 0
   * @param initRate initial β, finite and &gt; 0
   */
  public GammaGuide(LatentSpec latents, double initShape, double initRate) {
    super(GammaGuideProvider.NAME, latents, SUPPORTS);
    GuideMath.positive(guideName(), "initial shape", initShape);
    GuideMath.positive(guideName(), "initial rate", initRate);
    for (Latent l : latents.latents()) {
      logShape.put(l.name(), params.add(l.name() + ".log_shape", 1, l.size(), Math.log(initShape)));
      logRate.put(l.name(), params.add(l.name() + ".log_rate", 1, l.size(), Math.log(initRate)));
    }
  }

  @Override
  protected BlockDraw drawBlock(Latent latent, Rng rng, int particles) {
    Gamma q = factor(latent.name());
    Tensor z = q.rsample(rng, particles);
    return new BlockDraw(z, q.logProb(z).sumRows());
  }

  @Override
  public boolean reparameterizable() {
    return true;
  }

  @Override
  public List<String> factorLatents() {
    return names();
  }

  /** Gamma(exp(log_shape), exp(log_rate)), 1 x size; taped when the parameters are watched. */
  @Override
  public Gamma factor(String latent) {
    String name = latent(latent).name();
    return Gamma.of(logShape.get(name).exp(), logRate.get(name).exp());
  }

  /** The current α of one latent (a copy). */
  public double[] shape(String latent) {
    return exp(logShape.get(latent(latent).name()).toArray());
  }

  /** The current β of one latent (a copy). */
  public double[] rate(String latent) {
    return exp(logRate.get(latent(latent).name()).toArray());
  }

  private static double[] exp(double[] v) {
    for (int j = 0; j < v.length; j++) {
      v[j] = Math.exp(v[j]);
    }
    return v;
  }

  /** [ψ(α) − log β, α/β], 1 x 2·size, a constant (layout in the class javadoc). */
  @Override
  public Tensor expectedSufficientStatistics(String latent, Batch batch) {
    String name = latent(latent).name();
    double[] a = shape(name);
    double[] lb = logRate.get(name).toArray();
    int d = a.length;
    double[] t = new double[2 * d];
    for (int j = 0; j < d; j++) {
      t[j] = SpecialFunctions.digamma(a[j]) - lb[j];
      t[d + j] = a[j] / Math.exp(lb[j]);
    }
    return Tensor.row(t);
  }

  /** [α − 1, −β], 1 x 2·size, a constant (layout in the class javadoc). */
  @Override
  public Tensor naturalParameters(String latent, Batch batch) {
    String name = latent(latent).name();
    double[] ls = logShape.get(name).toArray();
    double[] lr = logRate.get(name).toArray();
    Written w = written.get(name);
    if (w != null && java.util.Arrays.equals(w.logShape(), ls) && java.util.Arrays.equals(w.logRate(), lr)) {
      return Tensor.row(w.eta());
    }
    int d = ls.length;
    double[] eta = new double[2 * d];
    for (int j = 0; j < d; j++) {
      eta[j] = Math.exp(ls[j]) - 1;
      eta[d + j] = -Math.exp(lr[j]);
    }
    return Tensor.row(eta);
  }

  /**
   * Writes log α = log(η₁ + 1) and log β = log(−η₂). Modifies {@code <latent>.log_shape} and
   * {@code <latent>.log_rate} (only if every check passes).
   *
   * @param eta 1 x 2·size in the layout of the class javadoc. Not modified.
   * @throws IllegalArgumentException naming the latent and column for a wrong shape, α ≤ 0 or β ≤ 0
   */
  @Override
  public void setNaturalParameters(String latent, Batch batch, Tensor eta) {
    Latent l = latent(latent);
    int d = l.size();
    String where = "Guide '" + guideName() + "', latent '" + l.name() + "'";
    if (eta == null || eta.rows() != 1 || eta.cols() != 2 * d) {
      throw new IllegalArgumentException(where + ": natural parameters must be 1x" + (2 * d)
          + " [shape - 1 (" + d + " columns), -rate (" + d + " columns)], got "
          + (eta == null ? "null" : eta.shape()));
    }
    double[] e = eta.toArray();
    double[] ls = new double[d];
    double[] lr = new double[d];
    for (int j = 0; j < d; j++) {
      double a = e[j] + 1;
      double b = -e[d + j];
      if (!(a > 0 && a < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(where + ": column " + j + " (shape - 1) is " + e[j]
            + ", so the shape " + a + " is not finite and > 0; accepted: eta_1 > -1");
      }
      if (!(b > 0 && b < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(where + ": column " + (d + j) + " (-rate) is " + e[d + j]
            + ", so the rate " + b + " is not finite and > 0; accepted: eta_2 < 0");
      }
      ls[j] = Math.log(a);
      lr[j] = Math.log(b);
    }
    System.arraycopy(ls, 0, logShape.get(l.name()).value().data, 0, d);
    System.arraycopy(lr, 0, logRate.get(l.name()).value().data, 0, d);
    written.put(l.name(), new Written(e, ls, lr));
  }
}
