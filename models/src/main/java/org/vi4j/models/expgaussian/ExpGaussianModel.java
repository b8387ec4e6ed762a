package org.vi4j.models.expgaussian;

import java.util.List;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Exponential;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.distributions.TruncatedNormal;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ExactEvidence;
import org.vi4j.core.spi.ExactPosterior;
import org.vi4j.core.spi.Generative;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.PriorSpec;

/**
 * An exponential prior on the mean of Gaussian observations, the smallest model with a
 * non-Gaussian, closed-form posterior and evidence:
 *
 * <pre>
 *   z   ~ Exponential(λ)           p(z) = λ e^{−λz},  z ≥ 0
 *   x_i ~ N(z, σ²), i = 1..n       p(x_i | z) = exp(−(x_i − z)² / (2σ²)) / (σ√(2π))
 * </pre>
 *
 * <pre>{@code
 * ExpGaussianModel m = new ExpGaussianModel(new double[] {1.5}, 1.0, 1.0);
 * Batch all = m.fullBatch();                         // the x_i as an n x 1 data tensor
 * Tensor lj = m.logJoint(Latents.of(1, Map.of("z", Tensor.column(0.7))), all);
 * m.logEvidence();                                   // −1.368946 = log(e^{1/2 − x} Φ(x − 1))
 * m.posterior("z");                                  // TruncatedNormal(0.5, 1, lower 0)
 * }</pre>
 *
 * <h2>Data layout</h2>
 * The data set is the n observations; a {@link Batch} holds B of them as a {@code B x 1} data
 * tensor (row i is one x_i). {@link #logJoint} reads the observations from {@code batch.data()},
 * so a minibatch of B rows gives log λ − λz + (n/B) Σ_{i ∈ batch} log N(x_i; z, σ²): the data
 * term is scaled by {@link Batch#scale()} and is an unbiased estimate of the full-data one.
 * Per particle it is formed from the batch's sufficient statistics (B, the batch mean x̄_B and
 * Σ(x_i − x̄_B)²) as −[B(z − x̄_B)² + Σ(x_i − x̄_B)²]/(2σ²) − B log(σ√(2π)).
 *
 * <h2>Posterior and evidence</h2>
 * With x̄ the mean of all n observations, Σ(x_i − z)² = Σ(x_i − x̄)² + n(z − x̄)², and completing
 * the square in z,
 * <pre>
 *   −λz − n(z − x̄)²/(2σ²) = −(z − μ)²/(2s²) + λ²σ²/(2n) − λx̄,
 *   s² = σ²/n,   μ = x̄ − λσ²/n.
 * </pre>
 * So p(z | x) is N(μ, s²) truncated to [0, ∞) ({@link #posterior}), and integrating
 * ∫₀^∞ exp(−(z − μ)²/(2s²)) dz = √(2πs²) Φ(μ/s) gives
 * <pre>
 *   log p(x) = log λ + λ²σ²/(2n) − λx̄ − (n/2) log(2πσ²) − Σ(x_i − x̄)²/(2σ²)
 *              + ½ log(2πσ²/n) + log Φ(μ/s).
 * </pre>
 * For n = 1, σ = 1 this is p(x) = λ e^{λ²/2 − λx} Φ(x − λ); at λ = 1, x = 1.5 it is
 * e^{−1} Φ(0.5), log p(x) = −1.3689464… ({@link #logEvidence}; log Φ via
 * {@link SpecialFunctions#logNormalCdf}, stable when μ/s is far below 0).
 *
 * <p>The prior is given to estimators as {@link Exponential}(λ) ({@link PriorSpec}); the data
 * set as the {@code n x 1} tensor {@link #observed()} ({@link ObservedData}).
 *
 * <p>Immutable; no parameters θ. Thread-safe.
 */
public final class ExpGaussianModel implements Model, ObservedData, PriorSpec, ExactPosterior,
    ExactEvidence, Generative {

  /** The plugin name, as {@link ExpGaussianProvider#NAME}. */
  public static final String NAME = "exp-gaussian";
  /** The latent's name. */
  public static final String LATENT = "z";

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final LatentSpec latents = LatentSpec.of(Latent.global(LATENT, 1, Support.POSITIVE));
  private final ParamStore parameters = new ParamStore();
  private final double[] x;
  /** The observations as an n x 1 constant, made once (nobody modifies it: ObservedData). */
  private final Tensor observed;
  private final double priorRate;
  private final double noiseScale;

  /**
   * The model for observations {@code x} with prior rate λ and noise scale σ.
   *
   * @param x the observations, at least one, every one finite. Not modified (copied).
   * @param priorRate λ &gt; 0, finite
   * @param noiseScale σ &gt; 0, finite
   * @throws IllegalArgumentException naming the first bad value and its index
   */
  public ExpGaussianModel(double[] x, double priorRate, double noiseScale) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException(NAME + ": needs at least one observation x, got "
          + (x == null ? "null" : "none"));
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(NAME + ": observation x[" + i + "] is " + x[i]
            + "; every observation must be a finite number");
      }
    }
    if (!(priorRate > 0) || priorRate == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(NAME + ": prior rate λ must be finite and > 0, got "
          + priorRate);
    }
    if (!(noiseScale > 0) || noiseScale == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(NAME + ": noise scale σ must be finite and > 0, got "
          + noiseScale);
    }
    this.x = x.clone();
    this.observed = Tensor.column(x);
    this.priorRate = priorRate;
    this.noiseScale = noiseScale;
  }

  /** One observation {@code x}, λ = 1, σ = 1: the textbook case p(x) = e^{1/2 − x} Φ(x − 1). */
  public static ExpGaussianModel of(double x) {
    return new ExpGaussianModel(new double[] {x}, 1.0, 1.0);
  }

  /**
   * Observations parsed from one number or a comma-separated list ({@code "1.5"},
   * {@code "0.3, 1.2,2"}).
   *
   * @throws IllegalArgumentException naming the 0-based position and text of the first entry that
   *     is empty, not a number, or not finite
   */
  public static double[] parseObservations(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(NAME + ": x is empty; give one number or a "
          + "comma-separated list of finite numbers, e.g. 1.5 or 0.3,1.2,2.0");
    }
    String[] parts = text.split(",", -1);
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      double v;
      try {
        v = Double.parseDouble(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(NAME + ": x[" + i + "] = '" + p + "' is not a number; "
            + "give one number or a comma-separated list of finite numbers, e.g. 1.5 or 0.3,1.2,2.0",
            e);
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(NAME + ": x[" + i + "] = '" + p + "' is " + v
            + "; every observation must be a finite number");
      }
      values[i] = v;
    }
    return values;
  }

  /** A copy of the observations. */
  public double[] observations() {
    return x.clone();
  }

  /** n, the number of observations. */
  public int size() {
    return x.length;
  }

  /** λ. */
  public double priorRate() {
    return priorRate;
  }

  /** σ. */
  public double noiseScale() {
    return noiseScale;
  }

  /** The observations as the {@code n x 1} data tensor {@link #logJoint} reads: row i is x_i. */
  @Override
  public Tensor observed() {
    return observed;
  }

  /** All n observations as one batch (scale 1). */
  public Batch fullBatch() {
    return Batch.full(observed);
  }

  @Override
  public LatentSpec latents() {
    return latents;
  }

  @Override
  public ParamStore parameters() {
    return parameters;
  }

  /**
   * log λ − λz + scale · Σ_{i ∈ batch} log N(x_i; z, σ²) per particle ({@code particles x 1});
   * −∞ for z &lt; 0, where the prior density is 0.
   *
   * @param z {@code "z"}: {@code particles x 1}. Not modified.
   * @param batch B observations as a {@code B x 1} data tensor. Not modified.
   * @throws IllegalArgumentException if the batch data is not one column, or z is not
   *     {@code particles x 1}
   */
  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Tensor zv = z.get(LATENT);
    if (zv.rows() != z.particles() || zv.cols() != 1) {
      throw new IllegalArgumentException(NAME + ": latent 'z' is " + zv.shape() + ", expected "
          + z.particles() + "x1 (one value per particle)");
    }
    Tensor data = batch.data();
    if (data.cols() != 1) {
      throw new IllegalArgumentException(NAME + ": batch data is " + data.shape()
          + ", expected Bx1 (one observation per row)");
    }
    int b = data.rows();
    double[] d = data.value().data;
    double mean = 0;
    for (int i = 0; i < b; i++) {
      mean += d[i];
    }
    mean /= b;
    double ss = 0;
    for (int i = 0; i < b; i++) {
      ss += (d[i] - mean) * (d[i] - mean);
    }
    double var = noiseScale * noiseScale;
    double scale = batch.scale();
    // scale · (−[B(z − x̄_B)² + SS]/(2σ²) − B log(σ√(2π))), then + log λ − λz
    double constant = Math.log(priorRate)
        + scale * (-ss / (2 * var) - b * (Math.log(noiseScale) + 0.5 * LOG_2PI));
    Tensor lj = zv.sub(mean).square().mul(-scale * b / (2 * var))
        .sub(zv.mul(priorRate))
        .add(constant);
    double[] zz = zv.value().data;
    double[] out = lj.value().data;
    for (int p = 0, n = lj.rows(); p < n; p++) {
      if (zz[p] < 0) {
        out[p] = Double.NEGATIVE_INFINITY; // outside the prior's support
      }
    }
    return lj;
  }

  // ---------------------------------------------------------------- PriorSpec

  @Override
  public List<String> priorLatents() {
    return List.of(LATENT);
  }

  /** Exponential(λ), parameter shape 1x1. */
  @Override
  public Distribution prior(String latent) {
    checkLatent(latent);
    return Exponential.of(priorRate);
  }

  // ---------------------------------------------------------------- ExactPosterior

  @Override
  public List<String> posteriorLatents() {
    return List.of(LATENT);
  }

  /** N(μ, s²) truncated to [0, ∞), μ = x̄ − λσ²/n, s = σ/√n (see the class javadoc). */
  @Override
  public Distribution posterior(String latent) {
    checkLatent(latent);
    return TruncatedNormal.of(posteriorLoc(), posteriorScale(), 0.0);
  }

  /** μ = x̄ − λσ²/n, the location of the (untruncated) Gaussian in the posterior. */
  public double posteriorLoc() {
    return mean() - priorRate * noiseScale * noiseScale / x.length;
  }

  /** s = σ/√n. */
  public double posteriorScale() {
    return noiseScale / Math.sqrt(x.length);
  }

  // ---------------------------------------------------------------- ExactEvidence

  /**
   * log λ + λ²σ²/(2n) − λx̄ − (n/2) log(2πσ²) − Σ(x_i − x̄)²/(2σ²) + ½ log(2πσ²/n) + log Φ(μ/s);
   * derived in the class javadoc.
   */
  @Override
  public double logEvidence() {
    int n = x.length;
    double mean = mean();
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double var = noiseScale * noiseScale;
    return Math.log(priorRate)
        + priorRate * priorRate * var / (2.0 * n) - priorRate * mean
        - 0.5 * n * (LOG_2PI + Math.log(var)) - ss / (2 * var)
        + 0.5 * (LOG_2PI + Math.log(var / n))
        + SpecialFunctions.logNormalCdf(posteriorLoc() / posteriorScale());
  }

  // ---------------------------------------------------------------- Generative

  /** z ~ Exponential(λ), {@code particles x 1}; {@code rows} is unused (no LOCAL latent). */
  @Override
  public Latents samplePrior(int particles, int rows, Rng rng) {
    checkCount("particles", particles);
    double[] z = new double[particles];
    for (int p = 0; p < particles; p++) {
      z[p] = Samplers.exponential(rng, priorRate);
    }
    return Latents.builder(particles).put(LATENT, Tensor.column(z)).build();
  }

  /**
   * x ~ N(z_p, σ²): {@code (particles·rows) x 1}, row p·rows + i is observation i of particle p.
   */
  @Override
  public Tensor sampleData(Latents z, int rows, Rng rng) {
    checkCount("rows", rows);
    Tensor zv = z.get(LATENT);
    if (zv.cols() != 1 || zv.rows() != z.particles()) {
      throw new IllegalArgumentException(NAME + ": latent 'z' is " + zv.shape() + ", expected "
          + z.particles() + "x1");
    }
    int particles = z.particles();
    double[] out = new double[particles * rows];
    for (int p = 0; p < particles; p++) {
      double zp = zv.get(p, 0);
      for (int i = 0; i < rows; i++) {
        out[p * rows + i] = zp + noiseScale * rng.nextGaussian();
      }
    }
    return Tensor.column(out);
  }

  // ---------------------------------------------------------------- helpers

  private double mean() {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static void checkLatent(String latent) {
    if (!LATENT.equals(latent)) {
      throw new IllegalArgumentException(NAME + ": no latent named '" + latent + "'; known: ["
          + LATENT + "]");
    }
  }

  private static void checkCount(String what, int n) {
    if (!(n > 0)) {
      throw new IllegalArgumentException(NAME + ": " + what + " must be > 0, got " + n);
    }
  }

  @Override
  public String toString() {
    return NAME + "[n=" + x.length + ", λ=" + priorRate + ", σ=" + noiseScale + "]";
  }
}
