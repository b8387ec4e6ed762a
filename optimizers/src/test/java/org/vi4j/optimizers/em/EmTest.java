package org.vi4j.optimizers.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointUpdates;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.core.transforms.Transforms;
import org.vi4j.optimizers.fixtures.FixtureModel;

/**
 * {@link Em} on a two-component, unit-variance Gaussian mixture whose M-step is the weighted mean:
 * one step equals the formulas, it reads and writes the point through the supports' bijectors, and
 * it refuses models without {@link PointUpdates} and guides that are not point masses.
 */
class EmTest extends Vi4jTestBase {

  static final double[] X = {-2.1, -1.7, -2.5, 1.9, 2.2, 2.4, 1.6};

  /** x_n ~ Σ_k w_k N(mu_k, 1); EM: r_nk ∝ w_k N(x_n; mu_k, 1), mu_k = Σ r x / Σ r, w_k = Σ r / N. */
  static final class TwoGaussians implements Model, PointUpdates {
    final LatentSpec spec = LatentSpec.of(Latent.global("w", 2, Support.SIMPLEX),
        Latent.global("mu", 2, Support.REAL));

    @Override public LatentSpec latents() { return spec; }
    @Override public ParamStore parameters() { return new ParamStore(); }
    @Override public Tensor logJoint(Latents z, Batch batch) {
      throw new UnsupportedOperationException("not used");
    }
    @Override public List<String> pointLatents() { return List.of("mu", "w"); }
    @Override public Tensor localPosterior(Latents p, Batch batch) {
      double[] w = p.get("w").toArray();
      double[] mu = p.get("mu").toArray();
      double[] x = batch.data().toArray();
      double[][] r = new double[x.length][2];
      for (int i = 0; i < x.length; i++) {
        double a = w[0] * Math.exp(-0.5 * (x[i] - mu[0]) * (x[i] - mu[0]));
        double b = w[1] * Math.exp(-0.5 * (x[i] - mu[1]) * (x[i] - mu[1]));
        r[i][0] = a / (a + b);
        r[i][1] = b / (a + b);
      }
      return Tensor.of(r);
    }
    @Override public Tensor optimalPoint(String latent, Latents p, Tensor r, Batch batch) {
      double[] x = batch.data().toArray();
      double[] n = new double[2];
      double[] s = new double[2];
      for (int i = 0; i < x.length; i++) {
        for (int c = 0; c < 2; c++) {
          n[c] += r.get(i, c);
          s[c] += r.get(i, c) * x[i];
        }
      }
      return "mu".equals(latent) ? Tensor.row(s[0] / n[0], s[1] / n[1])
          : Tensor.row(n[0] / x.length, n[1] / x.length);
    }
  }

  /** The delta guide's layout: one {@code <latent>.loc} per latent (plus extras if asked). */
  static final class PointGuide implements VariationalFamily {
    final ParamStore params = new ParamStore();

    PointGuide(boolean extra) {
      params.add("w.loc", 1, 1, 0.0);                        // stick-breaking centre: (½, ½)
      params.add("mu.loc", Tensor.row(-1, 1).value());
      if (extra) {
        params.add("mu.scale_raw", 1, 2, 0.0);
      }
    }

    @Override public ParamStore parameters() { return params; }
    @Override public Draw draw(Batch batch, Rng rng, int particles) {
      throw new UnsupportedOperationException("not used");
    }
    @Override public boolean reparameterizable() { return true; }
    @Override public Set<Support> supports() { return Transforms.supported(); }
  }

  static final GradientEstimator ZERO = (m, q, b, rng) -> ElboEstimate.exact(0.0);

  @Test
  void oneStepIsTheEAndMStepFormulas() {
    TwoGaussians model = new TwoGaussians();
    PointGuide guide = new PointGuide(false);
    Batch batch = Batch.full(Tensor.column(X));
    Em em = new Em(Em.Start.GUIDE);
    assertEquals(List.of(), em.check(model, guide));
    StepReport rep = em.step(Problem.start(model, guide, ZERO, batch), Rng.seeded(1));
    assertTrue(Double.isNaN(rep.gradientNorm()));
    double[] w = {0.5, 0.5};
    double[] mu = {-1, 1};
    Latents p0 = Latents.builder(1).put("w", Tensor.row(w)).put("mu", Tensor.row(mu)).build();
    Tensor r = model.localPosterior(p0, batch);
    double[] muNew = model.optimalPoint("mu", p0, r, batch).toArray();
    double[] wNew = model.optimalPoint("w", p0, r, batch).toArray();
    assertArrayEquals(muNew, guide.params.get("mu.loc").toArray(), 0.0);
    double[] wGuide = Transforms.forSupport(Support.SIMPLEX)
        .forward(Tensor.row(guide.params.get("w.loc").toArray())).toArray();
    assertArrayEquals(wNew, wGuide, 1e-12);
    // a second step reuses the exact point it wrote (no bijector round trip)
    em.step(Problem.start(model, guide, ZERO, batch), Rng.seeded(1));
    Latents p1 = Latents.builder(1).put("w", Tensor.row(wNew)).put("mu", Tensor.row(muNew)).build();
    Tensor r1 = model.localPosterior(p1, batch);
    assertArrayEquals(model.optimalPoint("mu", p1, r1, batch).toArray(),
        guide.params.get("mu.loc").toArray(), 0.0);
  }

  @Test
  void refusesWhatCannotBeEm() {
    Em em = new Em(Em.Start.GUIDE);
    List<String> problems = em.check(new FixtureModel(), new PointGuide(true));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("PointUpdates") && problems.get(0).contains("cavi"),
        problems.get(0));
    List<String> guide = em.check(new TwoGaussians(), new PointGuide(true));
    assertEquals(1, guide.size());
    assertTrue(guide.get(0).contains("mu.scale_raw") && guide.get(0).contains("delta"), guide.get(0));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> em.step(
        Problem.start(new TwoGaussians(), new PointGuide(true), ZERO, Batch.full(Tensor.column(X))),
        Rng.seeded(1)));
    assertTrue(e.getMessage().contains("not a point mass"), e.getMessage());
  }

  @Test
  void providerAndCopy() {
    assertInstanceOf(Em.class, new EmProvider().create(Options.empty()));
    assertEquals("em", new EmProvider().name());
    assertInstanceOf(Em.class, new Em().copy());
  }
}
