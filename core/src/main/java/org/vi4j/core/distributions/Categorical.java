package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The categorical distribution over {0, ..., K − 1}, parameterised by logits: an r x K tensor l
 * gives r independent categoricals ({@link #eventCols()} = K) with probabilities
 * <pre>
 *   p<sub>j</sub> = softmax(l)<sub>j</sub> = exp(l<sub>j</sub> − logSumExp(l)),
 *   log P(k) = logSoftmax(l)<sub>k</sub>.
 * </pre>
 *
 * <p>A value is one category index per row (an n x 1 column). {@link #mean()} and
 * {@link #variance()} are those of the one-hot encoding of the category: the probabilities p
 * (r x K) and p(1 − p) (r x K); the index itself has no meaningful mean. Entropy
 * −Σ<sub>j</sub> p<sub>j</sub> log p<sub>j</sub> per row (r x 1). Draws by inversion of the CDF
 * ({@link Samplers#categoricalFromLogits}); there is no pathwise sampler.
 */
public final class Categorical implements Distribution {

  public static final String NAME = "Categorical";

  private final Tensor logits;

  private Categorical(Tensor logits) {
    this.logits = Params.finite(NAME, "logits", logits);
  }

  /**
   * Categorical(softmax(logits)), one distribution per row.
   *
   * @param logits l, r x K, finite (they need not be normalised)
   * @throws DistributionException if an element of {@code logits} is not finite
   */
  public static Categorical ofLogits(Tensor logits) {
    return new Categorical(logits);
  }

  /** A single Categorical(softmax(logits)) over K = {@code logits.length} categories. */
  public static Categorical ofLogits(double... logits) {
    return new Categorical(Tensor.row(logits));
  }

  /** l, r x K. */
  public Tensor logits() {
    return logits;
  }

  /** softmax(l), r x K. */
  public Tensor probs() {
    return logits.softmax();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rows() {
    return logits.rows();
  }

  @Override
  public int cols() {
    return logits.cols();
  }

  /** K: one category per row. */
  @Override
  public int eventCols() {
    return logits.cols();
  }

  @Override
  public Support support() {
    return Support.CATEGORICAL;
  }

  /**
   * log P(categories[i]) = logSoftmax(l)[i, categories[i]], n x 1 (n a multiple of r; row i uses
   * parameter row i mod r). ∂/∂l<sub>ij</sub> = [j = k<sub>i</sub>] − p<sub>ij</sub>.
   *
   * @throws IllegalArgumentException if a category is outside [0, K) (naming its row) or n is not
   *     a multiple of r
   */
  public Tensor logProb(int[] categories) {
    if (categories.length == 0) {
      throw new IllegalArgumentException(NAME + ": no categories given");
    }
    int k = logits.cols();
    for (int i = 0; i < categories.length; i++) {
      if (categories[i] < 0 || categories[i] >= k) {
        throw new IllegalArgumentException(NAME + ": category at row " + i + " is "
            + categories[i] + ", outside [0, " + k + ")");
      }
    }
    Tensor lsm = Params.expandRows(NAME, logits.logSoftmax(), categories.length);
    if (lsm.rows() != categories.length) {
      lsm = lsm.repeatRows(categories.length); // one parameter row for many values
    }
    return lsm.gather(categories);
  }

  /**
   * {@link #logProb(int[])} for an n x 1 column of category indices held as doubles. Unlike the
   * continuous distributions (−∞ outside the support), an index that is not an integer in [0, K)
   * is refused: it is a programming error, not an impossible observation.
   *
   * @throws IllegalArgumentException if {@code x} is not one column, or an element is not an
   *     integer in [0, K) (naming its row and value)
   */
  @Override
  public Tensor logProb(Tensor x) {
    if (x.cols() != 1) {
      throw new IllegalArgumentException(NAME + ": values must be an n x 1 column of category "
          + "indices, got " + x.rows() + "x" + x.cols());
    }
    int k = logits.cols();
    double[] v = x.value().data;
    int[] categories = new int[x.rows()];
    for (int i = 0; i < categories.length; i++) {
      if (!(v[i] >= 0 && v[i] < k && v[i] == Math.rint(v[i]))) {
        throw new IllegalArgumentException(NAME + ": value at row " + i + " is " + v[i]
            + ", not a category index (an integer in [0, " + k + "))");
      }
      categories[i] = (int) v[i];
    }
    return logProb(categories);
  }

  /** Category indices as doubles, (particles·r) x 1 particle-major. */
  @Override
  public Tensor sample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int r = logits.rows();
    int k = logits.cols();
    double[] l = logits.value().data;
    double[] row = new double[k];
    Tensor z = Tensor.zeros(particles * r, 1);
    double[] d = z.value().data;
    for (int p = 0; p < particles; p++) {
      for (int i = 0; i < r; i++) {
        System.arraycopy(l, i * k, row, 0, k);
        d[p * r + i] = Samplers.categoricalFromLogits(rng, row);
      }
    }
    return z;
  }

  /** The probabilities p = softmax(l), r x K (the mean of the one-hot encoding). */
  @Override
  public Tensor mean() {
    return logits.softmax();
  }

  /** p(1 − p), r x K (the variance of each one-hot indicator). */
  @Override
  public Tensor variance() {
    Tensor p = logits.softmax();
    return p.mul(p.neg().add(1.0));
  }

  /** −Σ<sub>j</sub> p<sub>j</sub> log p<sub>j</sub> per row, r x 1, from logSoftmax. */
  @Override
  public Tensor entropy() {
    return logits.softmax().mul(logits.logSoftmax()).sumRows().neg();
  }

  @Override
  public String toString() {
    return NAME + "[" + rows() + "x" + cols() + "]";
  }
}
