package org.vi4j.estimators.iwae;

import java.util.List;
import java.util.Set;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.KlWeighted;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Test fixtures with a LOCAL latent and exact answers: z_i ~ N(0, 1), x_i | z_i ~ N(z_i, 1), so
 * p(x_i) = N(0, 2) and p(z_i | x_i) = N(x_i/2, 1/2); and an amortised linear guide
 * q(z_i | x_i) = N(a·x_i + c, σ²), σ = softplus(s).
 */
final class LocalGaussian {

  private LocalGaussian() {}

  static final LatentSpec SPEC = LatentSpec.of(Latent.local("z", 1, Support.REAL));

  /** log N(x; 0, 2). */
  static double logEvidence(double x) {
    return -0.5 * Math.log(2 * Math.PI * 2) - x * x / 4;
  }

  /** The exact ELBO of one row under N(m, s²): E[log N(x; z, 1) + log N(z; 0, 1)] + H[q]. */
  static double elbo(double x, double m, double s) {
    double lik = -0.5 * Math.log(2 * Math.PI) - 0.5 * ((x - m) * (x - m) + s * s);
    double prior = -0.5 * Math.log(2 * Math.PI) - 0.5 * (m * m + s * s);
    double entropy = 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
    return lik + prior + entropy;
  }

  static final class Model1 implements Model, PointwiseLogJoint, PriorSpec, KlWeighted {
    private final ParamStore none = new ParamStore();
    private final Normal prior = Normal.of(0.0, 1.0);
    double alpha = 1.0;

    @Override
    public LatentSpec latents() {
      return SPEC;
    }

    @Override
    public ParamStore parameters() {
      return none;
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      Tensor rows = logJointPerRow(z, batch);
      return rows.reshape(z.particles(), batch.size()).sumRows().mul(batch.scale());
    }

    @Override
    public Tensor logJointPerRow(Latents z, Batch batch) {
      Tensor codes = z.get("z");
      Tensor x = batch.data().repeatRows(z.particles());
      Tensor lik = Normal.of(codes, codes.newConstant(1, 1).add(1.0)).logProb(x);
      return lik.add(prior.logProb(codes));
    }

    @Override
    public List<String> priorLatents() {
      return List.of("z");
    }

    @Override
    public Distribution prior(String latent) {
      return prior;
    }

    @Override
    public double klWeight() {
      return alpha;
    }
  }

  static final class Guide implements VariationalFamily, FactorizedFamily {
    final ParamStore params = new ParamStore();
    final Param a;
    final Param c;
    final Param s;
    private Normal last;

    Guide(double a, double c, double sigma) {
      this.a = params.add("a", 1, 1, a);
      this.c = params.add("c", 1, 1, c);
      this.s = params.add("s", 1, 1, Math.log(Math.expm1(sigma)));
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      Tensor x = batch.data();
      last = Normal.of(x.mul(a).add(c), s.softplus());
      Tensor z = last.rsample(rng, particles);
      Tensor logQ = last.logProb(z).reshape(particles, batch.size()).sumRows().mul(batch.scale());
      return new Draw(Latents.builder(particles).put("z", z).build(), logQ);
    }

    @Override
    public boolean reparameterizable() {
      return true;
    }

    @Override
    public Set<Support> supports() {
      return Set.of(Support.REAL);
    }

    @Override
    public List<String> factorLatents() {
      return List.of("z");
    }

    @Override
    public Distribution factor(String latent) {
      return last;
    }
  }
}
