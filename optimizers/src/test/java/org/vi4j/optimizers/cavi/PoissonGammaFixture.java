package org.vi4j.optimizers.cavi;

import static org.vi4j.core.math.SpecialFunctions.digamma;
import static org.vi4j.core.math.SpecialFunctions.lgamma;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.ConjugateUpdates;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/**
 * A conjugate fixture for CAVI: column j of the data holds counts x_ij ~ Poisson(λ_j), with
 * λ_j ~ Gamma(a, b) (shape, rate) independently; latent {@code rate<j>}. Natural parameters of a
 * Gamma(α, β) factor are (α − 1, −β) with sufficient statistics (log λ, λ), so the optimal factor
 * is Gamma(a + Σ_i x_ij, b + n): η̂ = (a − 1 + s Σ_batch x_ij, −(b + s B)), s = N/B.
 */
final class PoissonGammaFixture {

  private PoissonGammaFixture() {
  }

  /** The model: data in the batch, prior Gamma(a, b). */
  static final class PoissonModel implements Model, ConjugateUpdates {
    final double a;
    final double b;
    final int columns;
    private final LatentSpec latents;

    PoissonModel(double a, double b, int columns) {
      this.a = a;
      this.b = b;
      this.columns = columns;
      List<Latent> l = new ArrayList<>();
      for (int j = 0; j < columns; j++) {
        l.add(Latent.global("rate" + j, 1, Support.POSITIVE));
      }
      this.latents = LatentSpec.of(l);
    }

    @Override
    public LatentSpec latents() {
      return latents;
    }

    @Override
    public ParamStore parameters() {
      return new ParamStore();
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      throw new UnsupportedOperationException("fixture: the ELBO comes from AnalyticElbo");
    }

    @Override
    public List<String> conjugateLatents() {
      return latents.names();
    }

    @Override
    public Tensor optimalNaturalParameters(String latent, ConjugateFactors q, Batch batch) {
      int j = latents.names().indexOf(latent);
      double sum = 0;
      for (int i = 0; i < batch.size(); i++) {
        sum += batch.data().get(i, j);
      }
      return Tensor.row(a - 1 + batch.scale() * sum, -(b + batch.scale() * batch.size()));
    }

    /** log p(x) of column j over the full data, in closed form. */
    double logEvidence(Tensor data, int j) {
      double s = 0;
      double logFact = 0;
      for (int i = 0; i < data.rows(); i++) {
        s += data.get(i, j);
        logFact += lgamma(data.get(i, j) + 1);
      }
      int n = data.rows();
      return a * Math.log(b) - lgamma(a) + lgamma(a + s) - (a + s) * Math.log(b + n) - logFact;
    }
  }

  /** q(λ_j) = Gamma(α_j, β_j), parameters {@code rate<j>.shape} and {@code rate<j>.rate}. */
  static final class GammaGuide implements VariationalFamily, ConjugateFactors {
    private final ParamStore params = new ParamStore();
    final List<String> writes = new ArrayList<>();

    GammaGuide(int columns, double shape, double rate) {
      for (int j = 0; j < columns; j++) {
        params.add("rate" + j + ".shape", 1, 1, shape);
        params.add("rate" + j + ".rate", 1, 1, rate);
      }
    }

    double shape(String latent) {
      return params.get(latent + ".shape").item();
    }

    double rate(String latent) {
      return params.get(latent + ".rate").item();
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      throw new UnsupportedOperationException("fixture: the ELBO comes from AnalyticElbo");
    }

    @Override
    public boolean reparameterizable() {
      return true;
    }

    @Override
    public Set<Support> supports() {
      return Set.of(Support.POSITIVE);
    }

    @Override
    public Tensor expectedSufficientStatistics(String latent, Batch batch) {
      double al = shape(latent);
      double be = rate(latent);
      return Tensor.row(digamma(al) - Math.log(be), al / be);
    }

    @Override
    public Tensor naturalParameters(String latent, Batch batch) {
      return Tensor.row(shape(latent) - 1, -rate(latent));
    }

    @Override
    public void setNaturalParameters(String latent, Batch batch, Tensor eta) {
      double al = eta.get(0, 0) + 1;
      double be = -eta.get(0, 1);
      if (!(al > 0 && be > 0)) {
        throw new IllegalArgumentException("fixture guide: eta " + eta + " is not a Gamma");
      }
      Param shape = params.get(latent + ".shape");
      Param rate = params.get(latent + ".rate");
      shape.value().data[0] = al;
      rate.value().data[0] = be;
      writes.add(latent);
    }
  }

  /**
   * The exact ELBO of the full data for the fixture, Σ_j E_q[log p(x_·j, λ_j)] + H[q_j], with
   * E[log λ] = ψ(α) − log β, E[λ] = α/β and H = α − log β + lgamma(α) + (1 − α) ψ(α). Writes a
   * dummy gradient (1) into every guide parameter, which CAVI must not use.
   */
  static final class AnalyticElbo implements GradientEstimator {
    int calls;

    @Override
    public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
      PoissonModel model = (PoissonModel) m;
      GammaGuide guide = (GammaGuide) q;
      Tensor data = batch.data();
      double elbo = 0;
      for (int j = 0; j < model.columns; j++) {
        String latent = "rate" + j;
        double al = guide.shape(latent);
        double be = guide.rate(latent);
        double eLog = digamma(al) - Math.log(be);
        double eLam = al / be;
        for (int i = 0; i < data.rows(); i++) {
          double x = data.get(i, j);
          elbo += x * eLog - eLam - lgamma(x + 1);
        }
        elbo += model.a * Math.log(model.b) - lgamma(model.a) + (model.a - 1) * eLog
            - model.b * eLam;
        elbo += al - Math.log(be) + lgamma(al) + (1 - al) * digamma(al);
      }
      for (Param p : q.parameters()) {
        p.grad().data[0] += 1;
      }
      calls++;
      return ElboEstimate.exact(elbo);
    }
  }
}
