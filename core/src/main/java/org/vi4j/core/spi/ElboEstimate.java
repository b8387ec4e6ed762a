package org.vi4j.core.spi;

/**
 * A Monte Carlo estimate of the ELBO, E_q[log p(x, z)] − E_q[log q(z)], with its standard error.
 *
 * <pre>{@code
 * double[] perParticle = ...;                     // log p − log q for each particle
 * ElboEstimate e = ElboEstimate.fromSamples(perParticle);
 * e.value(); e.standardError(); e.particles();
 * }</pre>
 *
 * <p>{@code value} may be non-finite: the inference loop, not this record, decides what a NaN
 * ELBO means (it restores the last good parameters). The standard error is ≥ 0, or NaN when it
 * is unknown (one particle); it is 0 for an exact value.
 *
 * @param value the estimate (on the full-data scale: local terms scaled by N/B)
 * @param standardError Monte Carlo standard error of {@code value}; ≥ 0 or NaN
 * @param particles number of particles the estimate averages, &gt; 0
 */
public record ElboEstimate(double value, double standardError, int particles) {

  /** Validates particles and the standard error. */
  public ElboEstimate {
    if (!(particles > 0)) {
      throw new IllegalArgumentException("ElboEstimate: particles must be > 0, got " + particles);
    }
    if (!(standardError >= 0) && !Double.isNaN(standardError)) {
      throw new IllegalArgumentException("ElboEstimate: standardError must be >= 0 (or NaN if "
          + "unknown), got " + standardError);
    }
  }

  /** An exact value (standard error 0), e.g. from a closed form. */
  public static ElboEstimate exact(double value) {
    return new ElboEstimate(value, 0.0, 1);
  }

  /**
   * Mean and standard error (sample sd / √n, NaN for n = 1) of per-particle values.
   *
   * @param samples one ELBO sample per particle. Not modified.
   */
  public static ElboEstimate fromSamples(double[] samples) {
    int n = samples.length;
    if (n == 0) {
      throw new IllegalArgumentException("ElboEstimate.fromSamples: needs at least one sample");
    }
    double mean = 0;
    for (double s : samples) {
      mean += s;
    }
    mean /= n;
    if (n == 1) {
      return new ElboEstimate(mean, Double.NaN, 1);
    }
    double ss = 0;
    for (double s : samples) {
      ss += (s - mean) * (s - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    return new ElboEstimate(mean, Double.isNaN(se) ? Double.NaN : se, n);
  }

  /** True if the value is finite. */
  public boolean isFinite() {
    return Double.isFinite(value);
  }
}
