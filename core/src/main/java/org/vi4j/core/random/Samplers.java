package org.vi4j.core.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Exact samplers for the distributions vi4j uses, drawing from a caller-supplied {@link Rng}.
 *
 * <p>Every method is static, keeps no state and (except {@link #poisson}) allocates nothing per
 * draw. Parameters are checked on every call with positive comparisons, so NaN is rejected too; a
 * bad parameter throws {@link IllegalArgumentException} naming the sampler, the parameter, its
 * value and what is accepted, e.g. {@code "gamma: shape must be finite and > 0, got NaN"}.
 *
 * <p>Parameterisation: rates, not scales (Exponential(rate) has mean 1/rate, Gamma(shape, rate)
 * has mean shape/rate), as in vi4j's distributions.
 */
public final class Samplers {

  /** Largest Poisson mean accepted; draws then stay far below {@link Integer#MAX_VALUE}. */
  public static final double MAX_POISSON_MEAN = 1e9;

  private Samplers() {}

  /**
   * A standard normal N(0, 1) draw, {@link Rng#nextGaussian()} (McFarland's ziggurat in the default
   * generator).
   *
   * @param rng source of randomness
   * @return a draw from N(0, 1)
   */
  public static double standardNormal(Rng rng) {
    return rng.nextGaussian();
  }

  /**
   * An Exponential(rate) draw, density rate·e^(−rate·x) on x ≥ 0, mean 1/rate: E / rate with E a
   * standard exponential ({@link Rng#nextExponential()}, ziggurat).
   *
   * @param rng source of randomness
   * @param rate inverse scale; finite and &gt; 0
   * @return a draw ≥ 0
   * @throws IllegalArgumentException if {@code rate} is not finite and positive
   */
  public static double exponential(Rng rng, double rate) {
    checkPositive("exponential", "rate", rate);
    return rng.nextExponential() / rate;
  }

  /**
   * A Gamma(shape, rate) draw, density rateᵃ xᵃ⁻¹ e^(−rate·x) / Γ(a) on x &gt; 0 (a = shape), mean
   * a/rate, variance a/rate².
   *
   * <p>Method: for a ≥ 1, Marsaglia and Tsang, "A simple method for generating gamma variables",
   * ACM TOMS 26(3), 2000 (squeeze, then log test; about 1.0–1.05 normals per draw). For a &lt; 1,
   * their boost Gamma(a) = Gamma(a + 1)·U^(1/a), done in log space by
   * {@link #logGammaVariate(Rng, double, double)} and exponentiated at the end.
   *
   * <p><b>Small shapes:</b> for a &lt; 1 the true draw can be below the smallest double: it
   * underflows to 0 with probability about (MIN_VALUE·rate)ᵃ / Γ(a + 1), negligible for
   * a ≥ 0.05 but about 48% at a = 0.001. Code that needs such shapes (or takes logs of draws)
   * should use {@link #logGammaVariate}, which stays finite; {@link #beta} and {@link #dirichlet}
   * already do.
   *
   * @param rng source of randomness
   * @param shape a; finite and &gt; 0
   * @param rate inverse scale; finite and &gt; 0
   * @return a draw ≥ 0 (0 only by underflow, see above)
   * @throws IllegalArgumentException if {@code shape} or {@code rate} is not finite and positive
   */
  public static double gamma(Rng rng, double shape, double rate) {
    checkPositive("gamma", "shape", shape);
    checkPositive("gamma", "rate", rate);
    if (shape >= 1) {
      return marsagliaTsang(rng, shape) / rate;
    }
    return Math.exp(logStandardGammaBelowOne(rng, shape)) / rate;
  }

  /**
   * The logarithm of a Gamma(shape, rate) draw, log X with X as in {@link #gamma}, finite even
   * where X itself would underflow to 0 (tiny shapes: log X has mean ψ(a) − log rate ≈ −1/a).
   *
   * <p>Method: log(Marsaglia–Tsang draw) for a ≥ 1; for a &lt; 1,
   * log Gamma(a + 1) + log(U)/a with U uniform on (0, 1) (Marsaglia and Tsang 2000, section 6).
   *
   * @param rng source of randomness
   * @param shape a; finite and &gt; 0
   * @param rate inverse scale; finite and &gt; 0
   * @return log X, finite
   * @throws IllegalArgumentException if {@code shape} or {@code rate} is not finite and positive
   */
  public static double logGammaVariate(Rng rng, double shape, double rate) {
    checkPositive("logGammaVariate", "shape", shape);
    checkPositive("logGammaVariate", "rate", rate);
    return logStandardGamma(rng, shape) - Math.log(rate);
  }

  /**
   * A Beta(a, b) draw, density xᵃ⁻¹(1 − x)ᵇ⁻¹ / B(a, b) on [0, 1], mean a/(a + b), as
   * X/(X + Y) with X ~ Gamma(a, 1) and Y ~ Gamma(b, 1) independent.
   *
   * <p>If a or b is below 1 the ratio is formed from log-gammas,
   * 1 / (1 + e^(log Y − log X)), so tiny shapes (whose gamma draws underflow) give draws at or
   * near 0 and 1 rather than 0/0 = NaN.
   *
   * @param rng source of randomness
   * @param a first shape; finite and &gt; 0
   * @param b second shape; finite and &gt; 0
   * @return a draw in [0, 1]
   * @throws IllegalArgumentException if {@code a} or {@code b} is not finite and positive
   */
  public static double beta(Rng rng, double a, double b) {
    checkPositive("beta", "a", a);
    checkPositive("beta", "b", b);
    if (a >= 1 && b >= 1) {
      double x = marsagliaTsang(rng, a);
      double y = marsagliaTsang(rng, b);
      return x / (x + y);
    }
    double logX = logStandardGamma(rng, a);
    double logY = logStandardGamma(rng, b);
    return 1 / (1 + Math.exp(logY - logX));
  }

  /**
   * A Dirichlet(α) draw on the simplex, written into {@code out}: out[i] = Gᵢ / Σⱼ Gⱼ with
   * Gᵢ ~ Gamma(αᵢ, 1) independent. If some αᵢ &lt; 1 the normalisation is done on log-gammas
   * (out[i] = exp(log Gᵢ − logSumExp(log G))), so tiny concentrations never give 0/0.
   *
   * @param rng source of randomness
   * @param alpha concentrations αᵢ, each finite and &gt; 0, at least one; not modified (unless it
   *     is also {@code out}: the two may be the same array)
   * @param out receives the draw, same length as {@code alpha}; modified
   * @throws IllegalArgumentException if {@code alpha} is empty, the lengths differ or some
   *     αᵢ is not finite and positive
   */
  public static void dirichlet(Rng rng, double[] alpha, double[] out) {
    if (alpha.length == 0) {
      throw new IllegalArgumentException("dirichlet: alpha must have at least one element");
    }
    if (out.length != alpha.length) {
      throw new IllegalArgumentException("dirichlet: out has length " + out.length
          + " but alpha has length " + alpha.length + "; they must be equal");
    }
    double minAlpha = Double.POSITIVE_INFINITY;
    for (int i = 0; i < alpha.length; i++) {
      if (!(alpha[i] > 0 && alpha[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "dirichlet: alpha[" + i + "] must be finite and > 0, got " + alpha[i]);
      }
      minAlpha = Math.min(minAlpha, alpha[i]);
    }
    if (minAlpha >= 1) {
      double sum = 0;
      for (int i = 0; i < alpha.length; i++) {
        double g = marsagliaTsang(rng, alpha[i]);
        out[i] = g;
        sum += g;
      }
      for (int i = 0; i < out.length; i++) {
        out[i] /= sum;
      }
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < alpha.length; i++) {
      out[i] = logStandardGamma(rng, alpha[i]);
      max = Math.max(max, out[i]);
    }
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(out[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
  }

  /**
   * A Poisson(mean) draw, P(k) = meanᵏ e^(−mean) / k!, exact for every accepted mean (no normal
   * approximation).
   *
   * <p>Method: Commons RNG's {@link PoissonSampler}: Knuth's product of uniforms for mean &lt; 40,
   * and above that {@code LargeMeanPoissonSampler}, the exact rejection method of Devroye,
   * "Non-Uniform Random Variate Generation" (1986), X.3. This sampler allocates a small object per
   * call (Poisson is not a hot path).
   *
   * @param rng source of randomness
   * @param mean expected count; 0 ≤ mean ≤ {@value #MAX_POISSON_MEAN} (mean 0 always gives 0)
   * @return a count ≥ 0
   * @throws IllegalArgumentException if {@code mean} is negative, NaN or above
   *     {@link #MAX_POISSON_MEAN}
   */
  public static int poisson(Rng rng, double mean) {
    if (!(mean >= 0 && mean <= MAX_POISSON_MEAN)) {
      throw new IllegalArgumentException(
          "poisson: mean must be in [0, " + MAX_POISSON_MEAN + "], got " + mean);
    }
    if (mean == 0) {
      return 0;
    }
    UniformRandomProvider provider = rng::nextLong;
    return PoissonSampler.of(provider, mean).sample();
  }

  /**
   * A Bernoulli(p) draw: true with probability p, as U &lt; p for U uniform on [0, 1)
   * (so p = 0 never and p = 1 always gives true).
   *
   * @param rng source of randomness
   * @param p probability of true, in [0, 1]
   * @return the draw
   * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
   */
  public static boolean bernoulli(Rng rng, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
    }
    return rng.nextDouble() < p;
  }

  /**
   * A Categorical draw: index i with probability probs[i] / Σ probs, by inversion of the CDF with
   * one uniform (a linear scan; for many draws from one large fixed distribution, an alias table
   * is faster). The weights need not be normalised; zero-weight indices are never returned.
   *
   * @param rng source of randomness
   * @param probs weights, each finite and ≥ 0, with a positive sum; not modified
   * @return an index in [0, probs.length)
   * @throws IllegalArgumentException if {@code probs} is empty, a weight is negative, infinite or
   *     NaN, or all are 0
   */
  public static int categorical(Rng rng, double[] probs) {
    double total = 0;
    for (int i = 0; i < probs.length; i++) {
      double p = probs[i];
      if (!(p >= 0 && p < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "categorical: probs[" + i + "] must be finite and >= 0, got " + p);
      }
      total += p;
    }
    if (!(total > 0 && total < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("categorical: probs (length " + probs.length
          + ") must have a finite, positive sum, got " + total);
    }
    double u = rng.nextDouble() * total;
    int last = -1;
    double cumulative = 0;
    for (int i = 0; i < probs.length; i++) {
      if (probs[i] > 0) {
        cumulative += probs[i];
        if (u < cumulative) {
          return i;
        }
        last = i;
      }
    }
    return last; // u rounded up to the (rounded) total: the last positive weight
  }

  /**
   * A Categorical draw from unnormalised log-probabilities: index i with probability
   * softmax(logits)[i] = exp(logits[i] − logSumExp(logits)), by inversion of the CDF of
   * exp(logits[i] − max) with one uniform. −∞ marks a zero-probability index.
   *
   * @param rng source of randomness
   * @param logits log-weights, each &lt; +∞ and not NaN, at least one finite; not modified
   * @return an index in [0, logits.length)
   * @throws IllegalArgumentException if {@code logits} is empty, contains NaN or +∞, or is all −∞
   */
  public static int categoricalFromLogits(Rng rng, double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      double l = logits[i];
      if (!(l < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "categoricalFromLogits: logits[" + i + "] must be < +Infinity and not NaN, got " + l);
      }
      max = Math.max(max, l);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("categoricalFromLogits: logits (length "
          + logits.length + ") must contain at least one finite value");
    }
    double total = 0;
    for (double l : logits) {
      total += Math.exp(l - max);
    }
    double u = rng.nextDouble() * total;
    int last = -1;
    double cumulative = 0;
    for (int i = 0; i < logits.length; i++) {
      double w = Math.exp(logits[i] - max);
      if (w > 0) {
        cumulative += w;
        if (u < cumulative) {
          return i;
        }
        last = i;
      }
    }
    return last;
  }

  /**
   * A Laplace(loc, scale) draw, density exp(−|x − loc| / scale) / (2·scale), variance 2·scale²:
   * loc ± scale·E with E a standard exponential and the sign from one random bit.
   *
   * @param rng source of randomness
   * @param loc location (median); finite
   * @param scale scale b; finite and &gt; 0
   * @return the draw
   * @throws IllegalArgumentException if {@code loc} is not finite or {@code scale} is not finite
   *     and positive
   */
  public static double laplace(Rng rng, double loc, double scale) {
    if (!(Math.abs(loc) < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("laplace: loc must be finite, got " + loc);
    }
    checkPositive("laplace", "scale", scale);
    double e = rng.nextExponential();
    return rng.nextLong() < 0 ? loc - scale * e : loc + scale * e;
  }

  // ---------------------------------------------------------------------------------------------

  /** log of a Gamma(a, 1) draw, any a &gt; 0. */
  private static double logStandardGamma(Rng rng, double a) {
    return a >= 1 ? Math.log(marsagliaTsang(rng, a)) : logStandardGammaBelowOne(rng, a);
  }

  /** log Gamma(a, 1) for 0 &lt; a &lt; 1: log Gamma(a + 1, 1) + log(U) / a. */
  private static double logStandardGammaBelowOne(Rng rng, double a) {
    double g = marsagliaTsang(rng, a + 1);
    return Math.log(g) + Math.log(rng.nextOpenDouble()) / a;
  }

  /** Gamma(a, 1) for a ≥ 1, Marsaglia and Tsang (2000). */
  private static double marsagliaTsang(Rng rng, double a) {
    double d = a - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextOpenDouble();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) {
        return d * v;
      }
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static void checkPositive(String sampler, String name, double value) {
    if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          sampler + ": " + name + " must be finite and > 0, got " + value);
    }
  }
}
