package org.vi4j.models.laplacemixture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Dirichlet;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Gamma;
import org.vi4j.core.distributions.LogNormal;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.PointUpdates;
import org.vi4j.core.spi.Predictive;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.transforms.Transforms;

/**
 * A one-dimensional mixture of K Laplace components with the assignments summed out:
 * <pre>
 *   π ~ Dirichlet(α0·1_K),   μ_k ~ N(m0, s0²),   b_k ~ Gamma(a_b, r_b)  (or LogNormal(ℓ, σ_b))
 *   p(x_n | π, μ, b) = Σ_k π_k · exp(−|x_n − μ_k| / b_k) / (2 b_k)
 * </pre>
 * so log p(x, π, μ, b) = log p(π) + Σ_k log p(μ_k) + Σ_k log p(b_k) +
 * Σ_n logSumExp_k [log π_k − log 2b_k − |x_n − μ_k|/b_k] (the discrete assignment c_n summed out
 * exactly), and every latent a gradient estimator sees is continuous.
 *
 * <p><strong>Latents</strong> (all GLOBAL): {@code weights} (SIMPLEX, K), {@code loc} (REAL, K),
 * {@code scale} (POSITIVE, K).
 *
 * <p><strong>Default priors</strong> ({@link #withDefaultPriors}), weakly informative relative to
 * the data's range R = max x − min x and midpoint c: α0 = 1 (uniform on the simplex),
 * μ_k ~ N(c, R²) (the whole range within one standard deviation), b_k ~ Gamma(2, 2K/R) (mean R/K,
 * standard deviation R/(K√2): a component as wide as its share of the range, with ample room on
 * both sides); the LogNormal alternative is b_k ~ LogNormal(log(R/K), 1).
 *
 * <p><strong>Capabilities.</strong> {@link ObservedData}; {@link Predictive} (held-out
 * log-likelihood; {@link #logPredictiveDensity} gives the posterior predictive density
 * log (1/S) Σ_s p(x | z_s)); {@link PriorSpec}; {@link PointUpdates} for EM (maximum likelihood):
 * the E-step gives the responsibilities r_nk = p(c_n = k | x_n, π, μ, b) (B x K), the M-step sets
 * <ul>
 *   <li>μ_k = the weighted median of x with weights r_·k (the lower one: the smallest x_(i) whose
 *       cumulative weight reaches half the total), which minimises Σ_n r_nk |x_n − μ_k|;
 *   <li>b_k = Σ_n r_nk |x_n − μ_k| / Σ_n r_nk, the weighted mean absolute deviation about the new
 *       μ_k;
 *   <li>π_k = Σ_n r_nk / N;
 * </ul>
 * in the order {@code loc}, {@code scale}, {@code weights}. <strong>Empty components:</strong> a
 * component whose responsibility mass N_k = Σ_n r_nk is below {@link #MIN_MASS} keeps its last
 * location and scale (it is not re-seeded) and gets weight MIN_MASS/N (the weights renormalised),
 * so the stick-breaking transform stays finite; a component whose mean absolute deviation is not
 * positive (all its mass on one point) keeps its last scale. Nothing becomes NaN.
 *
 * <p><strong>Label switching.</strong> The likelihood is invariant under permuting components;
 * reports use {@link #sortedByLocation} (components ordered by location).
 *
 * <p>References: Bishop (2006), PRML §9.2 (EM for mixtures); Blei, Kucukelbir &amp; McAuliffe
 * (2017), "Variational Inference: A Review for Statisticians", §3.
 */
public final class LaplaceMixtureModel implements Model, ObservedData, Predictive, PriorSpec,
    PointUpdates {

  /** The plugin name. */
  public static final String NAME = "laplace-mixture";
  /** The least responsibility mass of a component the M-step treats as populated. */
  public static final double MIN_MASS = 1e-8;

  /** The prior family of the scales. */
  public enum ScalePrior { GAMMA, LOG_NORMAL }

  /**
   * Hyper-parameters.
   *
   * @param alpha0 Dirichlet concentration of every component, &gt; 0
   * @param locMean m0
   * @param locSd s0 &gt; 0
   * @param scalePrior GAMMA (shape, rate) or LOG_NORMAL (log-location, log-scale)
   * @param scaleA Gamma shape or LogNormal location
   * @param scaleB Gamma rate or LogNormal scale, &gt; 0
   */
  public record Priors(double alpha0, double locMean, double locSd, ScalePrior scalePrior,
      double scaleA, double scaleB) {

    /** Validates (positive checks, so NaN fails). */
    public Priors {
      check("alpha0", alpha0 > 0 && Double.isFinite(alpha0), alpha0, "finite and > 0");
      check("locMean", Double.isFinite(locMean), locMean, "finite");
      check("locSd", locSd > 0 && Double.isFinite(locSd), locSd, "finite and > 0");
      Objects.requireNonNull(scalePrior, "Priors: scalePrior must not be null");
      check("scaleA", Double.isFinite(scaleA) && (scalePrior == ScalePrior.LOG_NORMAL || scaleA > 0),
          scaleA, scalePrior == ScalePrior.GAMMA ? "finite and > 0 (Gamma shape)" : "finite");
      check("scaleB", scaleB > 0 && Double.isFinite(scaleB), scaleB, "finite and > 0");
    }

    /** The documented defaults for data spanning [lo, hi] and K components. */
    public static Priors defaults(double lo, double hi, int k, ScalePrior scalePrior) {
      double range = hi - lo > 0 ? hi - lo : 1.0;
      return scalePrior == ScalePrior.GAMMA
          ? new Priors(1.0, 0.5 * (lo + hi), range, scalePrior, 2.0, 2.0 * k / range)
          : new Priors(1.0, 0.5 * (lo + hi), range, scalePrior, Math.log(range / k), 1.0);
    }

    private static void check(String what, boolean ok, double v, String accepted) {
      if (!ok) {
        throw new IllegalArgumentException("Model '" + NAME + "': prior " + what + " = " + v
            + " is not accepted; must be " + accepted);
      }
    }
  }

  private final double[] x;
  private final Tensor data;
  private final int k;
  private final Priors priors;
  private final LatentSpec latents;
  private final ParamStore empty = new ParamStore();

  /**
   * @param x the data, finite, at least one point. Not modified (copied).
   * @param k the number of components, ≥ 2
   * @param priors the hyper-parameters
   */
  public LaplaceMixtureModel(double[] x, int k, Priors priors) {
    checkData(x);
    if (!(k >= 2)) {
      throw new IllegalArgumentException("Model '" + NAME + "': K must be >= 2, got " + k);
    }
    this.x = x.clone();
    this.data = Tensor.column(this.x);
    this.k = k;
    this.priors = Objects.requireNonNull(priors, "priors");
    this.latents = LatentSpec.of(Latent.global("weights", k, Support.SIMPLEX),
        Latent.global("loc", k, Support.REAL), Latent.global("scale", k, Support.POSITIVE));
  }

  /** With {@link Priors#defaults} for this data. */
  public static LaplaceMixtureModel withDefaultPriors(double[] x, int k, ScalePrior scalePrior) {
    checkData(x);
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(1);
    return new LaplaceMixtureModel(x, k, Priors.defaults(lo, hi, k, scalePrior));
  }

  /** Refuses null, empty or non-finite data, naming the first bad point. */
  static double[] checkData(double[] x) {
    Objects.requireNonNull(x, "Model '" + NAME + "': data must not be null");
    if (x.length == 0) {
      throw new IllegalArgumentException("Model '" + NAME + "': needs at least one data point");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("Model '" + NAME + "': data point " + i + " is " + x[i]
            + "; only finite numbers are accepted");
      }
    }
    return x;
  }

  /** K. */
  public int components() {
    return k;
  }

  /** The hyper-parameters. */
  public Priors priors() {
    return priors;
  }

  /** The data (a copy). */
  public double[] data() {
    return x.clone();
  }

  @Override
  public LatentSpec latents() {
    return latents;
  }

  @Override
  public ParamStore parameters() {
    return empty;
  }

  @Override
  public Tensor observed() {
    return data;
  }

  @Override
  public List<String> priorLatents() {
    return latents.names();
  }

  @Override
  public Distribution prior(String latent) {
    switch (latent == null ? "" : latent) {
      case "weights": {
        double[] a = new double[k];
        Arrays.fill(a, priors.alpha0());
        return Dirichlet.of(a);
      }
      case "loc":
        return Normal.of(Tensor.filled(1, k, priors.locMean()), Tensor.filled(1, k, priors.locSd()));
      case "scale":
        return priors.scalePrior() == ScalePrior.GAMMA
            ? Gamma.of(Tensor.filled(1, k, priors.scaleA()), Tensor.filled(1, k, priors.scaleB()))
            : LogNormal.of(Tensor.filled(1, k, priors.scaleA()), Tensor.filled(1, k, priors.scaleB()));
      default:
        throw new IllegalArgumentException("Model '" + NAME + "': no prior for latent '" + latent
            + "'; known: " + latents.names());
    }
  }

  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Tensor w = z.get("weights");
    Tensor logPrior = prior("weights").logProb(w)
        .add(prior("loc").logProb(z.get("loc")).sumRows())
        .add(prior("scale").logProb(z.get("scale")).sumRows());
    return logPrior.add(logLikelihood(z, batch).mul(batch.scale()));
  }

  /** Σ_n logSumExp_k [log π_k − log 2b_k − |x_n − μ_k|/b_k] per particle, unscaled. */
  @Override
  public Tensor logLikelihood(Latents z, Batch batch) {
    Tensor w = z.get("weights");
    Tensor mu = z.get("loc");
    Tensor b = z.get("scale");
    int p = z.particles();
    int n = batch.size();
    if (batch.data().cols() != 1) {
      throw new IllegalArgumentException("Model '" + NAME + "': data must have one column, got "
          + batch.data().shape());
    }
    double[] xs = batch.data().toArray();
    Tensor logMass = w.log().sub(b.mul(2).log());                    // p x K
    double[][] xr = new double[n][k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(xr[i], xs[i]);
    }
    Tensor xk = Tensor.of(xr);                                       // n x K, constant
    Tensor[] perParticle = new Tensor[p];
    for (int q = 0; q < p; q++) {
      Tensor lm = p == 1 ? logMass : logMass.slice(q, q + 1, 0, k);
      Tensor muq = p == 1 ? mu : mu.slice(q, q + 1, 0, k);
      Tensor bq = p == 1 ? b : b.slice(q, q + 1, 0, k);
      perParticle[q] = lm.sub(xk.sub(muq).abs().div(bq)).logSumExp().sum();   // row broadcast
    }
    return stackRows(perParticle, 0, p);                             // p x 1
  }

  /** [t_from; …; t_to−1] by a balanced tree of concatenations (O(p log p) copying). */
  static Tensor stackRows(Tensor[] t, int from, int to) {
    if (to - from == 1) {
      return t[from];
    }
    int mid = (from + to) >>> 1;
    return org.vi4j.core.autodiff.Ops.concatRows(stackRows(t, from, mid), stackRows(t, mid, to));
  }

  /**
   * The posterior predictive density log (1/S) Σ_s p(x | π_s, μ_s, b_s) at each of {@code xs},
   * from S draws of the global latents (one draw: the plug-in density).
   *
   * @param draws S particles of weights, loc and scale. Not modified.
   * @param xs the points. Not modified.
   */
  public static double[] logPredictiveDensity(Latents draws, double[] xs) {
    double[] w = draws.get("weights").toArray();
    double[] mu = draws.get("loc").toArray();
    double[] b = draws.get("scale").toArray();
    int s = draws.particles();
    int kk = w.length / s;
    double[] out = new double[xs.length];
    double[] perDraw = new double[s];
    double[] perComp = new double[kk];
    for (int i = 0; i < xs.length; i++) {
      for (int d = 0; d < s; d++) {
        for (int c = 0; c < kk; c++) {
          int j = d * kk + c;
          perComp[c] = Math.log(w[j]) - Math.log(2 * b[j]) - Math.abs(xs[i] - mu[j]) / b[j];
        }
        perDraw[d] = logSumExp(perComp);
      }
      out[i] = logSumExp(perDraw) - Math.log(s);
    }
    return out;
  }

  /** The mean of {@link #logPredictiveDensity} over {@code xs}: held-out log-likelihood per point. */
  public static double meanLogPredictive(Latents draws, double[] xs) {
    return Arrays.stream(logPredictiveDensity(draws, xs)).average().orElse(Double.NaN);
  }

  /**
   * The responsibilities r_nk = π_k Laplace(x_n; μ_k, b_k) / Σ_j π_j Laplace(x_n; μ_j, b_j).
   *
   * @return xs.length x K
   */
  public static double[][] responsibilities(double[] w, double[] mu, double[] b, double[] xs) {
    int kk = w.length;
    double[][] r = new double[xs.length][kk];
    for (int n = 0; n < xs.length; n++) {
      for (int c = 0; c < kk; c++) {
        r[n][c] = Math.log(w[c]) - Math.log(2 * b[c]) - Math.abs(xs[n] - mu[c]) / b[c];
      }
      double lse = logSumExp(r[n]);
      for (int c = 0; c < kk; c++) {
        r[n][c] = Math.exp(r[n][c] - lse);
      }
    }
    return r;
  }

  // ------------------------------------------------------------------ EM (PointUpdates)

  /** loc, scale, weights: the scale update uses the new locations. */
  @Override
  public List<String> pointLatents() {
    return List.of("loc", "scale", "weights");
  }

  /** The responsibilities of the batch's rows, B x K (class javadoc). */
  @Override
  public Tensor localPosterior(Latents point, Batch batch) {
    double[][] r = responsibilities(point.get("weights").toArray(), point.get("loc").toArray(),
        point.get("scale").toArray(), batch.data().toArray());
    return Tensor.of(r);
  }

  /** The M-step of the class javadoc for one block. */
  @Override
  public Tensor optimalPoint(String latent, Latents point, Tensor localPosterior, Batch batch) {
    double[] xs = batch.data().toArray();
    int n = xs.length;
    if (localPosterior.rows() != n || localPosterior.cols() != k) {
      throw new IllegalArgumentException("Model '" + NAME + "': responsibilities are "
          + localPosterior.shape() + ", expected " + n + "x" + k);
    }
    double[] r = localPosterior.toArray();
    double[] mass = new double[k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        mass[c] += r[i * k + c];
      }
    }
    switch (latent == null ? "" : latent) {
      case "loc": {
        double[] mu = point.get("loc").toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> xs[i]));
        for (int c = 0; c < k; c++) {
          if (mass[c] >= MIN_MASS) {
            mu[c] = weightedMedian(xs, r, c, k, order, mass[c]);
          }
        }
        return Tensor.row(mu);
      }
      case "scale": {
        double[] mu = point.get("loc").toArray();
        double[] b = point.get("scale").toArray();
        for (int c = 0; c < k; c++) {
          if (mass[c] >= MIN_MASS) {
            double dev = 0;
            for (int i = 0; i < n; i++) {
              dev += r[i * k + c] * Math.abs(xs[i] - mu[c]);
            }
            double mad = dev / mass[c];
            if (mad > 0 && Double.isFinite(mad)) {
              b[c] = mad;
            }
          }
        }
        return Tensor.row(b);
      }
      case "weights": {
        double[] w = new double[k];
        boolean allPopulated = true;
        double total = 0;
        for (int c = 0; c < k; c++) {
          allPopulated &= mass[c] >= MIN_MASS;
          w[c] = Math.max(mass[c], MIN_MASS);
          total += w[c];
        }
        for (int c = 0; c < k; c++) {
          w[c] = allPopulated ? mass[c] / n : w[c] / total;
        }
        return Tensor.row(w);
      }
      default:
        throw new IllegalArgumentException("Model '" + NAME + "': no M-step for latent '" + latent
            + "'; accepted: " + pointLatents());
    }
  }

  /** {@link #randomStart} as one particle: K random data points as locations. */
  @Override
  public java.util.Optional<Latents> startingPoint(Rng rng) {
    List<double[]> s = randomStart(rng);
    return java.util.Optional.of(Latents.builder(1).put("weights", Tensor.row(s.get(0)))
        .put("loc", Tensor.row(s.get(1))).put("scale", Tensor.row(s.get(2))).build());
  }

  /** The lower weighted median of x under column c of r (row-major n x k), order = argsort x. */
  static double weightedMedian(double[] xs, double[] r, int c, int k, Integer[] order, double mass) {
    double half = 0.5 * mass;
    double cum = 0;
    for (Integer i : order) {
      cum += r[i * k + c];
      if (cum >= half) {
        return xs[i];
      }
    }
    return xs[order[order.length - 1]];
  }

  // ------------------------------------------------------------------ reporting and starts

  /**
   * One mixture's components ordered by location (label switching): a sorted copy.
   *
   * @param weights π, K values
   * @param loc μ, K values
   * @param scale b, K values
   */
  public record Components(double[] weights, double[] loc, double[] scale) {

    /** Copies the arrays. */
    public Components {
      weights = weights.clone();
      loc = loc.clone();
      scale = scale.clone();
    }
  }

  /** The components ordered by location (ties kept in order). Not modified. */
  public static Components sortedByLocation(double[] weights, double[] loc, double[] scale) {
    Integer[] order = new Integer[loc.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> loc[i]));
    double[] w = new double[loc.length];
    double[] m = new double[loc.length];
    double[] b = new double[loc.length];
    for (int i = 0; i < order.length; i++) {
      w[i] = weights[order[i]];
      m[i] = loc[order[i]];
      b[i] = scale[order[i]];
    }
    return new Components(w, m, b);
  }

  /**
   * A random starting point (constrained space) for EM or a guide's location: equal weights,
   * locations at K distinct data points chosen at random, every scale R/(2K).
   *
   * @return weights, loc, scale, each K values
   */
  public List<double[]> randomStart(Rng rng) {
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(1);
    double range = hi - lo > 0 ? hi - lo : 1.0;
    double[] w = new double[k];
    Arrays.fill(w, 1.0 / k);
    double[] mu = new double[k];
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      idx.add(i);
    }
    for (int c = 0; c < k; c++) {
      int j = c + rng.nextInt(idx.size() - c);
      java.util.Collections.swap(idx, c, j);
      mu[c] = x[idx.get(c % x.length)];
    }
    double[] b = new double[k];
    Arrays.fill(b, range / (2.0 * k));
    return List.of(w, mu, b);
  }

  /**
   * Writes {@link #randomStart} into a guide's {@code <latent>.loc} parameters (the delta guide's
   * point, the auto guide's location), through each support's bijector. Modifies those params.
   *
   * @throws IllegalArgumentException if a {@code <latent>.loc} parameter is missing or mis-sized
   */
  public void writeStart(ParamStore guideParameters, Rng rng) {
    List<double[]> start = randomStart(rng);
    String[] names = {"weights", "loc", "scale"};
    for (int i = 0; i < names.length; i++) {
      Latent l = latents.get(names[i]);
      String pname = names[i] + ".loc";
      if (!guideParameters.contains(pname)) {
        throw new IllegalArgumentException("Model '" + NAME + "': the guide has no parameter '"
            + pname + "' to start from; parameters: " + guideParameters.names());
      }
      double[] u = Transforms.forSupport(l.support()).inverse(Tensor.row(start.get(i))).toArray();
      double[] target = guideParameters.get(pname).value().data;
      if (guideParameters.get(pname).size() != u.length) {
        throw new IllegalArgumentException("Model '" + NAME + "': parameter '" + pname + "' has "
            + guideParameters.get(pname).size() + " values, expected " + u.length);
      }
      System.arraycopy(u, 0, target, 0, u.length);
    }
  }

  static double logSumExp(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double a : v) {
      m = Math.max(m, a);
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (double a : v) {
      s += Math.exp(a - m);
    }
    return m + Math.log(s);
  }
}
