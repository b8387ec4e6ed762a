package org.vi4j.models.poissongamma;

import java.util.List;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Gamma;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.ConjugateUpdates;
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
 * Poisson pixel counts with conjugate Gamma rates, one rate per pixel of an 8x8 image:
 *
 * <pre>
 *   θ_j  ~ Gamma(a_j, b),              j = 1..64     p(θ) = b^a θ^{a−1} e^{−bθ} / Γ(a)
 *   x_ij ~ Poisson(θ_j),  i = 1..m                   p(x | θ) = θ^x e^{−θ} / x!
 * </pre>
 *
 * <pre>{@code
 * PoissonGammaModel m = PoissonGammaModel.of(DigitsData.digit(0));   // the 178 zeros
 * Batch all = m.fullBatch();                                         // 178 x 64 counts
 * m.posterior("rate");          // Gamma(a + Σ_i x_i, b + m), 1 x 64
 * m.logEvidence();              // closed form, below
 * }</pre>
 *
 * <h2>Prior</h2>
 * a_j = s · x0_j with x0 a prior mean image and s the prior strength; b is the prior rate. By
 * default ({@link #withEmpiricalPrior}) x0 is the per-pixel mean of the model's images floored at
 * {@code floor} (so that pixels that are always 0 still get a_j &gt; 0), s = 2 and b = 2, so the
 * prior mean of θ_j is a_j/b = x0_j. (This is an empirical-Bayes prior: it reads the data.)
 *
 * <h2>Log joint</h2>
 * The latent is GLOBAL {@code "rate"}, {@code particles x 64}, POSITIVE. The batch's data tensor
 * is {@code B x 64} counts (rows are images). With S_j = Σ_{i ∈ batch} x_ij, c = {@link
 * Batch#scale()} = m/B and L = Σ_{i ∈ batch} Σ_j log(x_ij!),
 * <pre>
 *   log p = Σ_j [a_j log b − log Γ(a_j) + (a_j − 1) log θ_j − b θ_j]          (prior, unscaled)
 *         + c · Σ_j [S_j log θ_j − B θ_j] − c · L                           (likelihood, scaled)
 *         = Σ_j (a_j − 1 + c S_j) log θ_j − (b + c B) Σ_j θ_j + const,
 * </pre>
 * computed in that last form from the batch's sufficient statistics: O(particles · 64) taped ops
 * whatever B is (the batch is read once per call, O(B · 64), with no tape). The first line is
 * exactly Σ_j {@link #prior}("rate").logProb(θ_j). −∞ where any θ_j ≤ 0.
 *
 * <h2>Posterior and evidence</h2>
 * The Gamma prior is conjugate: with S_j = Σ_{i=1}^m x_ij over all m images,
 * p(θ_j | x) = Gamma(a_j + S_j, b + m), and
 * <pre>
 *   p(x) = Π_j ∫ Π_i [θ^{x_ij} e^{−θ} / x_ij!] b^{a_j} θ^{a_j−1} e^{−bθ} / Γ(a_j) dθ
 *        = Π_j [b^{a_j} / Γ(a_j)] · Γ(a_j + S_j) / (b + m)^{a_j + S_j} · Π_ij 1 / x_ij!,
 *   log p(x) = Σ_j [a_j log b − log Γ(a_j) + log Γ(a_j + S_j) − (a_j + S_j) log(b + m)]
 *              − Σ_ij log Γ(x_ij + 1).
 * </pre>
 *
 * <h2>Conjugate updates (CAVI / SVI)</h2>
 * The only latent is {@code "rate"}, whose complete conditional does not depend on any other
 * factor: the optimal Gamma factor is Gamma(a_j + c S_j, b + c B), the exact posterior on the full
 * batch and the SVI "intermediate" global parameter on a minibatch. See
 * {@link #optimalNaturalParameters} for the natural-parameter layout.
 *
 * <p>The data set is {@link #observed()} ({@link ObservedData}), so the inference loop can draw
 * minibatches of images from the model itself.
 *
 * <p>Immutable; no parameters θ (the model's θ in the SPI sense is empty). Thread-safe.
 */
public final class PoissonGammaModel implements Model, ObservedData, PriorSpec, ExactPosterior,
    ExactEvidence, ConjugateUpdates, Generative {

  /** The plugin name, as {@link PoissonGammaProvider#NAME}. */
  public static final String NAME = "poisson-gamma";
  /** The latent's name. */
  public static final String LATENT = "rate";
  /** Pixels per image, the latent's size. */
  public static final int PIXELS = DigitsData.PIXELS;

  private final LatentSpec latents = LatentSpec.of(Latent.global(LATENT, PIXELS, Support.POSITIVE));
  private final ParamStore parameters = new ParamStore();
  private final DigitsData data;
  /** The images as an m x 64 constant, made once (nobody modifies it: ObservedData). */
  private final Tensor observed;
  private final double[] a;
  private final double b;
  /** S_j over all images. */
  private final double[] totals;
  /** Σ_ij log Γ(x_ij + 1) over all images. */
  private final double logFactorials;
  /** Σ_j [a_j log b − log Γ(a_j)], the prior's normalising constant. */
  private final double priorConstant;
  /** log k! for k = 0 .. the largest count in the data (larger counts are computed). */
  private final double[] logFactorialTable;

  /**
   * The model for {@code data} with prior shapes {@code priorShape} and prior rate
   * {@code priorRate}.
   *
   * @param data the m images. Not modified.
   * @param priorShape a, 64 values, each finite and &gt; 0. Not modified (copied).
   * @param priorRate b, finite and &gt; 0
   * @throws IllegalArgumentException naming the bad value and its pixel
   */
  public PoissonGammaModel(DigitsData data, double[] priorShape, double priorRate) {
    if (data == null) {
      throw new IllegalArgumentException(NAME + ": data must not be null");
    }
    if (priorShape == null || priorShape.length != PIXELS) {
      throw new IllegalArgumentException(NAME + ": prior shape a needs " + PIXELS + " values (one "
          + "per pixel), got " + (priorShape == null ? "null" : priorShape.length));
    }
    for (int j = 0; j < PIXELS; j++) {
      if (!(priorShape[j] > 0) || priorShape[j] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(NAME + ": prior shape a[" + j + "] is " + priorShape[j]
            + "; every a_j must be finite and > 0");
      }
    }
    if (!(priorRate > 0) || priorRate == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(NAME + ": prior rate b must be finite and > 0, got "
          + priorRate);
    }
    this.data = data;
    this.observed = data.counts();
    this.a = priorShape.clone();
    this.b = priorRate;
    int max = 0;
    double[] s = new double[PIXELS];
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < PIXELS; j++) {
        double x = data.count(i, j);
        s[j] += x;
        max = (int) Math.max(max, Math.min(x, 1 << 16));
      }
    }
    this.totals = s;
    this.logFactorialTable = new double[max + 1];
    for (int k = 2; k <= max; k++) {
      logFactorialTable[k] = logFactorialTable[k - 1] + Math.log(k);
    }
    double lf = 0;
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < PIXELS; j++) {
        lf += logFactorial(data.count(i, j));
      }
    }
    this.logFactorials = lf;
    double pc = 0;
    for (int j = 0; j < PIXELS; j++) {
      pc += a[j] * Math.log(b) - SpecialFunctions.lgamma(a[j]);
    }
    this.priorConstant = pc;
  }

  /**
   * The model with the empirical prior a_j = strength · max(mean_j, floor), b = rate, mean_j the
   * per-pixel mean count of {@code data}.
   *
   * @param strength s &gt; 0 (finite)
   * @param rate b &gt; 0 (finite)
   * @param floor the least prior mean per pixel, &gt; 0 (finite)
   */
  public static PoissonGammaModel withEmpiricalPrior(DigitsData data, double strength, double rate,
      double floor) {
    if (!(strength > 0) || strength == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(NAME + ": prior strength must be finite and > 0, got "
          + strength);
    }
    if (!(floor > 0) || floor == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(NAME + ": prior floor must be finite and > 0, got " + floor);
    }
    if (data == null) {
      throw new IllegalArgumentException(NAME + ": data must not be null");
    }
    double[] mean = data.pixelMeans();
    double[] shape = new double[PIXELS];
    for (int j = 0; j < PIXELS; j++) {
      shape[j] = strength * Math.max(mean[j], floor);
    }
    return new PoissonGammaModel(data, shape, rate);
  }

  /** The model with the default empirical prior (strength 2, rate 2, floor 0.1). */
  public static PoissonGammaModel of(DigitsData data) {
    return withEmpiricalPrior(data, PoissonGammaProvider.PRIOR_STRENGTH.defaultValue(),
        PoissonGammaProvider.PRIOR_RATE.defaultValue(),
        PoissonGammaProvider.PRIOR_FLOOR.defaultValue());
  }

  /** The images the model holds. */
  public DigitsData images() {
    return data;
  }

  /** m, the number of images. */
  public int size() {
    return data.size();
  }

  /** The images as the {@code m x 64} data tensor {@link #logJoint} reads: row i is image i. */
  @Override
  public Tensor observed() {
    return observed;
  }

  /** All images as one batch (scale 1). */
  public Batch fullBatch() {
    return Batch.full(observed);
  }

  /** a, the prior shapes (a copy). */
  public double[] priorShape() {
    return a.clone();
  }

  /** b, the prior rate. */
  public double priorRate() {
    return b;
  }

  /** a_j + S_j, the posterior shapes over all images (a copy). */
  public double[] posteriorShape() {
    double[] shape = new double[PIXELS];
    for (int j = 0; j < PIXELS; j++) {
      shape[j] = a[j] + totals[j];
    }
    return shape;
  }

  /** b + m, the posterior rate. */
  public double posteriorRate() {
    return b + data.size();
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
   * Σ_j (a_j − 1 + c S_j) log θ_j − (b + c B) Σ_j θ_j + const per particle (see the class
   * javadoc), {@code particles x 1}; −∞ for a particle with any θ_j ≤ 0.
   *
   * @param z {@code "rate"}: {@code particles x 64}. Not modified.
   * @param batch B images as a {@code B x 64} data tensor of counts. Not modified.
   * @throws IllegalArgumentException for a wrong shape, or a batch value that is not a count
   */
  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Tensor rate = z.get(LATENT);
    if (rate.rows() != z.particles() || rate.cols() != PIXELS) {
      throw new IllegalArgumentException(NAME + ": latent 'rate' is " + rate.shape() + ", expected "
          + z.particles() + "x" + PIXELS + " (particles x pixels)");
    }
    BatchStats st = stats(batch);
    double c = batch.scale();
    Tensor coef = rate.newConstant(1, PIXELS);
    double[] k = coef.value().data;
    for (int j = 0; j < PIXELS; j++) {
      k[j] = a[j] - 1 + c * st.totals()[j];
    }
    double constant = priorConstant - c * st.logFactorials();
    Tensor lj = rate.log().mul(coef).sumRows()
        .sub(rate.sumRows().mul(b + c * st.size()))
        .add(constant);
    double[] th = rate.value().data;
    double[] out = lj.value().data;
    for (int p = 0, n = lj.rows(); p < n; p++) {
      for (int j = 0; j < PIXELS; j++) {
        if (!(th[p * PIXELS + j] > 0)) {
          out[p] = Double.NEGATIVE_INFINITY; // outside the prior's support
          break;
        }
      }
    }
    return lj;
  }

  /** The batch's sufficient statistics: B, S_j = Σ_i x_ij and L = Σ_ij log(x_ij!). */
  record BatchStats(int size, double[] totals, double logFactorials) {}

  BatchStats stats(Batch batch) {
    Tensor d = batch.data();
    if (d.cols() != PIXELS) {
      throw new IllegalArgumentException(NAME + ": batch data is " + d.shape() + ", expected Bx"
          + PIXELS + " (one image of " + PIXELS + " pixel counts per row)");
    }
    double[] x = d.value().data;
    double[] s = new double[PIXELS];
    double lf = 0;
    for (int i = 0, n = d.rows(); i < n; i++) {
      for (int j = 0; j < PIXELS; j++) {
        double v = x[i * PIXELS + j];
        if (!DigitsData.isCount(v)) {
          throw new IllegalArgumentException(NAME + ": batch row " + i + " (data row "
              + batch.row(i) + "), pixel " + j + " is " + v
              + "; a pixel count must be a non-negative integer");
        }
        s[j] += v;
        lf += logFactorial(v);
      }
    }
    return new BatchStats(d.rows(), s, lf);
  }

  private double logFactorial(double k) {
    return k < logFactorialTable.length ? logFactorialTable[(int) k] : SpecialFunctions.lgamma(k + 1);
  }

  // ---------------------------------------------------------------- PriorSpec

  @Override
  public List<String> priorLatents() {
    return List.of(LATENT);
  }

  /** Gamma(a, b) with shape and rate both {@code 1 x 64}. */
  @Override
  public Distribution prior(String latent) {
    checkLatent(latent);
    return Gamma.of(Tensor.row(a), Tensor.filled(1, PIXELS, b));
  }

  // ---------------------------------------------------------------- ExactPosterior

  @Override
  public List<String> posteriorLatents() {
    return List.of(LATENT);
  }

  /** Gamma(a_j + S_j, b + m) over all m images; shape and rate both {@code 1 x 64}. */
  @Override
  public Distribution posterior(String latent) {
    checkLatent(latent);
    return Gamma.of(Tensor.row(posteriorShape()), Tensor.filled(1, PIXELS, posteriorRate()));
  }

  // ---------------------------------------------------------------- ExactEvidence

  /**
   * Σ_j [a_j log b − log Γ(a_j) + log Γ(a_j + S_j) − (a_j + S_j) log(b + m)] − Σ_ij log Γ(x_ij + 1)
   * (derived in the class javadoc).
   */
  @Override
  public double logEvidence() {
    double logPost = Math.log(posteriorRate());
    double sum = priorConstant - logFactorials;
    for (int j = 0; j < PIXELS; j++) {
      double shape = a[j] + totals[j];
      sum += SpecialFunctions.lgamma(shape) - shape * logPost;
    }
    return sum;
  }

  // ---------------------------------------------------------------- ConjugateUpdates

  @Override
  public List<String> conjugateLatents() {
    return List.of(LATENT);
  }

  /**
   * The natural parameters of the optimal Gamma factor of {@code "rate"},
   * Gamma(α_j, β_j) with α_j = a_j + c S_j and β_j = b + c B (c = {@link Batch#scale()},
   * S_j = Σ_{i ∈ batch} x_ij): the exact posterior on the full batch, the SVI intermediate
   * parameter on a minibatch.
   *
   * <p><strong>Layout.</strong> A {@code 1 x 128} constant holding η = (α − 1, −β) per pixel,
   * first all shapes then all rates:
   * <pre>
   *   [α_1 − 1, α_2 − 1, …, α_64 − 1, −β_1, −β_2, …, −β_64]
   * </pre>
   * (column j is α_{j+1} − 1, column 64 + j is −β_{j+1}), the natural parameters of the Gamma
   * density for the sufficient statistics T(θ) = (log θ, θ): p(θ) ∝ exp((α − 1) log θ − βθ).
   *
   * @param latent must be {@code "rate"}
   * @param q the guide; not read, since "rate" is the only latent (may be null)
   * @param batch the images. Not modified.
   */
  @Override
  public Tensor optimalNaturalParameters(String latent, ConjugateFactors q, Batch batch) {
    checkLatent(latent);
    BatchStats st = stats(batch);
    double c = batch.scale();
    double beta = b + c * st.size();
    double[] eta = new double[2 * PIXELS];
    for (int j = 0; j < PIXELS; j++) {
      eta[j] = a[j] + c * st.totals()[j] - 1;
      eta[PIXELS + j] = -beta;
    }
    return Tensor.row(eta);
  }

  // ---------------------------------------------------------------- Generative

  /** θ ~ Gamma(a, b), {@code particles x 64}; {@code rows} is unused (no LOCAL latent). */
  @Override
  public Latents samplePrior(int particles, int rows, Rng rng) {
    checkCount("particles", particles);
    double[][] theta = new double[particles][PIXELS];
    for (int p = 0; p < particles; p++) {
      for (int j = 0; j < PIXELS; j++) {
        theta[p][j] = Samplers.gamma(rng, a[j], b);
      }
    }
    return Latents.builder(particles).put(LATENT, Tensor.of(theta)).build();
  }

  /**
   * x_ij ~ Poisson(θ_pj): {@code (particles·rows) x 64}, row p·rows + i is image i of particle p.
   */
  @Override
  public Tensor sampleData(Latents z, int rows, Rng rng) {
    checkCount("rows", rows);
    Tensor rate = z.get(LATENT);
    checkRates(rate);
    int particles = rate.rows();
    double[][] x = new double[particles * rows][];
    for (int p = 0; p < particles; p++) {
      for (int i = 0; i < rows; i++) {
        x[p * rows + i] = poissonImage(rate, p, rng);
      }
    }
    return Tensor.of(x);
  }

  /**
   * Synthetic images from given rates: one image x_j ~ Poisson(θ_j) per row of {@code rates}.
   *
   * <pre>{@code
   * Tensor theta = guide.as(FactorizedFamily.class).orElseThrow().factor("rate").sample(rng, 16);
   * Tensor images = model.sampleImages(theta, rng);      // 16 x 64 counts
   * }</pre>
   *
   * @param rates {@code n x 64}, every value finite and ≥ 0. Not modified.
   * @return {@code n x 64} counts, a constant
   */
  public Tensor sampleImages(Tensor rates, Rng rng) {
    checkRates(rates);
    double[][] x = new double[rates.rows()][];
    for (int p = 0; p < rates.rows(); p++) {
      x[p] = poissonImage(rates, p, rng);
    }
    return Tensor.of(x);
  }

  /**
   * Synthetic images from a fitted q(θ): θ ~ q, then x ~ Poisson(θ), {@code count} times.
   *
   * @param q a distribution over the 64 rates (parameter shape {@code 1 x 64}), e.g. the guide's
   *     factor or {@link #posterior}
   * @return {@code count x 64} counts, a constant
   */
  public Tensor sampleImages(Distribution q, int count, Rng rng) {
    if (q == null || q.rows() != 1 || q.cols() != PIXELS) {
      throw new IllegalArgumentException(NAME + ": sampleImages needs a distribution over the "
          + PIXELS + " rates (parameter shape 1x" + PIXELS + "), got "
          + (q == null ? "null" : q.name() + " " + q.rows() + "x" + q.cols()));
    }
    checkCount("count", count);
    return sampleImages(q.sample(rng, count), rng);
  }

  private static double[] poissonImage(Tensor rates, int row, Rng rng) {
    double[] image = new double[PIXELS];
    for (int j = 0; j < PIXELS; j++) {
      image[j] = Samplers.poisson(rng, rates.get(row, j));
    }
    return image;
  }

  private static void checkRates(Tensor rates) {
    if (rates.cols() != PIXELS) {
      throw new IllegalArgumentException(NAME + ": rates are " + rates.shape() + ", expected nx"
          + PIXELS + " (one row of " + PIXELS + " pixel rates per image)");
    }
    for (int p = 0; p < rates.rows(); p++) {
      for (int j = 0; j < PIXELS; j++) {
        double r = rates.get(p, j);
        if (!(r >= 0 && r <= Samplers.MAX_POISSON_MEAN)) {
          throw new IllegalArgumentException(NAME + ": rate (" + p + ", " + j + ") is " + r
              + "; a Poisson rate must be in [0, " + Samplers.MAX_POISSON_MEAN + "]");
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

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
    return NAME + "[" + data.size() + " images, b=" + b + "]";
  }
}
