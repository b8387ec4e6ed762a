package org.vi4j.estimators.internal;

import java.util.Objects;
import java.util.Optional;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Checks and reductions the estimators share: argument and shape checks with messages that name the
 * part at fault, the per-particle {@link ElboEstimate}, and summing a closed-form term over a latent
 * block.
 */
public final class Estimates {

  private Estimates() {}

  /** Null checks of the four arguments of {@code estimate}, naming the estimator. */
  public static void requireArguments(String estimator, Model m, VariationalFamily q, Batch batch,
      Object rng) {
    // plain checks, not message suppliers: a capturing lambda per argument would allocate per call
    if (m == null) {
      throw new NullPointerException("estimator '" + estimator + "': model must not be null");
    }
    if (q == null) {
      throw new NullPointerException("estimator '" + estimator + "': guide must not be null");
    }
    if (batch == null) {
      throw new NullPointerException("estimator '" + estimator + "': batch must not be null");
    }
    if (rng == null) {
      throw new NullPointerException("estimator '" + estimator + "': rng must not be null");
    }
  }

  /** A part's name for messages: its class's simple name. */
  public static String describe(Object part) {
    String s = part.getClass().getSimpleName();
    return s.isEmpty() ? part.getClass().getName() : s;
  }

  /** Checks that the guide drew {@code particles} particles. */
  public static void checkDraw(String estimator, VariationalFamily q, Draw d, int particles) {
    if (d == null || d.particles() != particles) {
      throw new IllegalStateException("estimator '" + estimator + "': guide " + describe(q)
          + " returned " + (d == null ? "no draw" : d.particles() + " particles")
          + " when asked for " + particles + "; VariationalFamily.draw must return exactly the "
          + "particles requested");
    }
  }

  /** Checks that the model's log joint is {@code particles x 1}. */
  public static Tensor checkLogJoint(String estimator, Model m, Tensor logJoint, int particles) {
    if (logJoint == null || logJoint.rows() != particles || logJoint.cols() != 1) {
      throw new IllegalStateException("estimator '" + estimator + "': model " + describe(m)
          + " returned a log joint of shape " + (logJoint == null ? "null" : logJoint.shape())
          + ", expected " + particles + "x1 (one value per particle)");
    }
    return logJoint;
  }

  /**
   * The estimate from per-particle ELBO values {@code f} ({@code n x 1}), copied into the reused
   * {@code buffer} (length n) so that no array is allocated per call.
   *
   * @param f per-particle ELBO values. Not modified.
   * @param buffer scratch of length {@code f.rows()}. Modified.
   */
  public static ElboEstimate fromParticles(Tensor f, double[] buffer) {
    System.arraycopy(f.value().data, 0, buffer, 0, buffer.length);
    return ElboEstimate.fromSamples(buffer);
  }

  /** Σ over the batch rows of a per-row term, per particle: (particles·B) x 1 → particles x 1. */
  public static Tensor perParticle(Tensor rows, int particles, int b) {
    return particles == 1 ? rows.sum() : rows.reshape(particles, b).sumRows();
  }

  /**
   * True if the ELBO splits into independent per-data-row terms that an estimator can weight row by
   * row: every latent of {@code m} is LOCAL, the model gives its log joint per row
   * ({@link PointwiseLogJoint}), and the guide has a per-row factor for every latent
   * ({@link FactorizedFamily}, e.g. the {@code amortized} guide), so log q(z_i | x_i) is known per
   * row too.
   */
  public static boolean perRow(Model m, VariationalFamily q) {
    if (m.as(PointwiseLogJoint.class).isEmpty()) {
      return false;
    }
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    if (ff.isEmpty()) {
      return false;
    }
    for (Latent l : m.latents().latents()) {
      if (!l.local() || !ff.get().factorLatents().contains(l.name())) {
        return false;
      }
    }
    return true;
  }

  /** The guide's current factor of {@code latent}, or null if the guide has none. */
  public static Distribution factorOf(VariationalFamily q, String latent) {
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    if (ff.isEmpty() || !ff.get().factorLatents().contains(latent)) {
      return null;
    }
    return ff.get().factor(latent);
  }

  /** The model's declared prior of {@code latent}, or null if it declares none. */
  public static Distribution priorOf(Model m, String latent) {
    Optional<PriorSpec> ps = m.as(PriorSpec.class);
    if (ps.isEmpty() || !ps.get().priorLatents().contains(latent)) {
      return null;
    }
    return ps.get().prior(latent);
  }

  /**
   * The 1x1 sum over a LOCAL block of a closed-form term given per batch row: {@code b x size}, or
   * {@code b x 1} broadcast over the block's {@code size} columns, or one value per row for a
   * distribution over whole rows.
   *
   * @param what e.g. {@code "KL(q ‖ prior)"}, for the message (with the latent's name: the
   *     message is built only on failure)
   * @param latent the latent's name, for the message
   * @return {@code b x 1}, the term summed over the block per row
   * @throws IllegalArgumentException if the term has another shape
   */
  public static Tensor perRowOverLatent(Tensor term, Distribution d, int size, int b,
      String what, String latent) {
    if (term.rows() != b || (term.cols() != size && term.cols() != 1)) {
      throw new IllegalArgumentException(what + " of LOCAL latent '" + latent + "' is " + term.shape() + "; a LOCAL latent's factor "
          + "needs a parameter shape of one row per batch row (" + b + "x" + size + " or " + b
          + "x1)");
    }
    if (term.cols() == size || d.eventCols() > 1) {
      return term.cols() == 1 ? term : term.sumRows();
    }
    return term.mul(size);
  }

  /**
   * The 1x1 sum over a latent block of {@code size} of a closed-form term (an entropy or a KL)
   * that {@code d} gives per element of its parameter shape: summed as it is when it already has
   * {@code size} columns or {@code d} is a distribution over whole rows, and multiplied by
   * {@code size} when the parameter shape is one column broadcast over the block.
   *
   * @param what e.g. {@code "entropy"}, for the message (with the latent's name: the message is
   *     built only on failure)
   * @param latent the latent's name, for the message
   * @throws IllegalArgumentException if the term's shape matches neither
   */
  public static Tensor sumOverLatent(Tensor term, Distribution d, int size, String what,
      String latent) {
    if (term.rows() != 1) {
      throw new IllegalArgumentException(what + " of latent '" + latent + "' is " + term.shape() + "; a GLOBAL latent needs "
          + "a parameter shape with 1 row (1x" + size + " or 1x1)");
    }
    if (d.eventCols() > 1 || term.cols() == size) {
      return term.sum();
    }
    if (term.cols() == 1) {
      return term.sum().mul(size);
    }
    throw new IllegalArgumentException(what + " of latent '" + latent + "' is " + term.shape()
        + ", which does not broadcast "
        + "to the latent's 1x" + size);
  }
}
