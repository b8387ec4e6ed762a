package org.vi4j.estimators.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.spi.VariationalFamily;

/**
 * A small model with K binary LOCAL latents per data row, an amortised linear Bernoulli guide, and
 * their exact ELBO by brute force (in plain doubles, independent of the estimators):
 * <pre>
 *   z_ij ~ Bernoulli(σ(a_j)),   x_i | z_i ~ N(z_i W, I_F)         θ = W ("weights", K x F)
 *   q(z_ij | x_i) = Bernoulli(σ(x_i A + c)_j)                      φ = A (F x K), c (1 x K)
 * </pre>
 * The likelihood extends to z in [0, 1] (relaxations). The model implements
 * {@link PointwiseLogJoint} and {@link PriorSpec}; {@link #withoutRows()} hides the former (the
 * per-particle path of the score-function estimator).
 */
public final class BinaryFactors {

  /** Data rows (N = 6, F = 2). */
  public static final double[][] DATA = {
      {1.3, -0.2}, {0.1, 0.9}, {-0.4, 0.3}, {1.8, 1.1}, {0.6, -0.7}, {0.9, 0.5}};
  /** Prior logits a_j (K = 3). */
  public static final double[] PRIOR_LOGITS = {-0.5, 0.3, 1.0};
  static final double[][] W = {{1.0, -0.5}, {0.4, 0.8}, {-0.6, 0.3}};
  static final double[][] A = {{0.5, -0.3, 0.2}, {-0.2, 0.6, 0.1}};
  static final double[] C = {0.1, -0.2, 0.3};
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private BinaryFactors() {}

  /** The data as a tensor. */
  public static Tensor data() {
    return Tensor.of(DATA);
  }

  /** The model. */
  public static Gen model() {
    return new Gen();
  }

  /** The guide. */
  public static Guide guide() {
    return new Guide();
  }

  /** The model p(x, z; θ). */
  public static class Gen implements Model, PointwiseLogJoint, PriorSpec {
    final ParamStore params = new ParamStore();
    final Param weights = params.add("weights", new DMatrixRMaj(W));
    final Bernoulli prior = Bernoulli.ofLogits(Tensor.row(PRIOR_LOGITS));
    final LatentSpec spec = LatentSpec.of(Latent.local("z", 3, Support.BINARY));

    @Override
    public LatentSpec latents() {
      return spec;
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    public Param weights() {
      return weights;
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      Tensor rows = logJointPerRow(z, batch);
      int p = z.particles();
      Tensor per = p == 1 ? rows.sum() : rows.reshape(p, batch.size()).sumRows();
      return per.mul(batch.scale());
    }

    @Override
    public Tensor logJointPerRow(Latents z, Batch batch) {
      Tensor codes = z.get("z");
      int p = codes.rows() / batch.size();
      Tensor x = p == 1 ? batch.data() : batch.data().repeatRows(p);
      Tensor lik = x.sub(codes.matmul(weights)).square().sumRows().mul(-0.5)
          .sub(0.5 * x.cols() * LOG_2PI);
      return lik.add(prior.logProb(codes).sumRows());
    }

    @Override
    public List<String> priorLatents() {
      return List.of("z");
    }

    @Override
    public Distribution prior(String latent) {
      return prior;
    }

    /** This model without its per-row log joint. */
    public Model withoutRows() {
      Gen self = this;
      return new Model() {
        @Override
        public LatentSpec latents() {
          return self.latents();
        }

        @Override
        public ParamStore parameters() {
          return self.parameters();
        }

        @Override
        public Tensor logJoint(Latents z, Batch batch) {
          return self.logJoint(z, batch);
        }

        @Override
        public <T> Optional<T> as(Class<T> capability) {
          return capability == PriorSpec.class ? Optional.of(capability.cast(self))
              : Model.super.as(capability);
        }
      };
    }
  }

  /** The amortised guide q(z_i | x_i). */
  public static final class Guide implements VariationalFamily, FactorizedFamily {
    final ParamStore params = new ParamStore();
    final Param a = params.add("a", new DMatrixRMaj(A));
    final Param c = params.add("c", new DMatrixRMaj(new double[][] {C}));
    private Bernoulli last;

    @Override
    public ParamStore parameters() {
      return params;
    }

    Bernoulli encode(Tensor x) {
      return Bernoulli.ofLogits(x.matmul(a).add(c));
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      Bernoulli q = encode(batch.data());
      last = q;
      Tensor z = q.sample(rng, particles);
      Tensor rows = q.logProb(z).sumRows();
      Tensor per = particles == 1 ? rows.sum() : rows.reshape(particles, batch.size()).sumRows();
      return new Draw(Latents.builder(particles).put("z", z).build(), per.mul(batch.scale()));
    }

    @Override
    public boolean reparameterizable() {
      return false;
    }

    @Override
    public Set<Support> supports() {
      return Set.of(Support.BINARY);
    }

    @Override
    public List<String> factorLatents() {
      return List.of("z");
    }

    @Override
    public Distribution factor(String latent) {
      return last != null ? last : encode(Tensor.zeros(1, 2));
    }

    @Override
    public Distribution factor(String latent, Batch batch) {
      return encode(batch.data());
    }
  }

  /** Gradients in a fixed order: W (K·F), A (F·K), c (K). */
  public static double[] gradients(Gen m, Guide q) {
    List<Double> out = new ArrayList<>();
    for (Param p : List.of(m.weights, q.a, q.c)) {
      for (int k = 0; k < p.size(); k++) {
        out.add(p.grad().data[k]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Parameters in the order of {@link #gradients}. */
  public static List<Param> parameters(Gen m, Guide q) {
    return List.of(m.weights, q.a, q.c);
  }

  /**
   * The exact ELBO of rows {@code rows} of {@link #DATA}, scaled by N / |rows|, at the current
   * parameters, by brute force over the 2^3 configurations.
   */
  public static double exactElbo(Gen m, Guide q, int[] rows) {
    double[] w = m.weights.value().data;
    double[] a = q.a.value().data;
    double[] c = q.c.value().data;
    double total = 0;
    for (int i : rows) {
      double[] x = DATA[i];
      double[] l = new double[3];
      for (int j = 0; j < 3; j++) {
        l[j] = c[j] + x[0] * a[j] + x[1] * a[3 + j];
      }
      for (int s = 0; s < 8; s++) {
        double logq = 0;
        double logp = 0;
        double[] mean = new double[2];
        for (int j = 0; j < 3; j++) {
          int z = (s >> j) & 1;
          logq += z * l[j] - softplus(l[j]);
          logp += z * PRIOR_LOGITS[j] - softplus(PRIOR_LOGITS[j]);
          for (int f = 0; f < 2; f++) {
            mean[f] += z * w[j * 2 + f];
          }
        }
        for (int f = 0; f < 2; f++) {
          logp += -0.5 * (x[f] - mean[f]) * (x[f] - mean[f]) - 0.5 * LOG_2PI;
        }
        total += Math.exp(logq) * (logp - logq);
      }
    }
    return total * DATA.length / rows.length;
  }

  private static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** Central differences of {@link #exactElbo} in the order of {@link #gradients}. */
  public static double[] exactGradient(Gen m, Guide q, int[] rows) {
    List<Double> out = new ArrayList<>();
    for (Param p : parameters(m, q)) {
      for (int k = 0; k < p.size(); k++) {
        double x = p.value().data[k];
        double h = 1e-6;
        p.value().data[k] = x + h;
        double up = exactElbo(m, q, rows);
        p.value().data[k] = x - h;
        double down = exactElbo(m, q, rows);
        p.value().data[k] = x;
        out.add((up - down) / (2 * h));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The batch of rows {@code rows} of {@link #DATA}. */
  public static Batch batch(int... rows) {
    double[][] x = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = DATA[rows[i]].clone();
    }
    return Batch.of(Tensor.of(x), rows, DATA.length);
  }
}
