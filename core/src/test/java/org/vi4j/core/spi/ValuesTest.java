package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;

/** Validation of the small SPI records: ElboEstimate, Draw, StepReport, Problem; Model.as. */
class ValuesTest {

  @Test
  void elboEstimate_fromSamples() {
    ElboEstimate e = ElboEstimate.fromSamples(new double[] {1, 2, 3, 4});
    assertEquals(2.5, e.value());
    assertEquals(Math.sqrt(5.0 / 3 / 4), e.standardError(), 1e-15);
    assertEquals(4, e.particles());
    assertTrue(Double.isNaN(ElboEstimate.fromSamples(new double[] {1}).standardError()));
    assertEquals(0.0, ElboEstimate.exact(-3).standardError());
    assertTrue(!new ElboEstimate(Double.NaN, Double.NaN, 2).isFinite());
  }

  @Test
  void elboEstimate_validation() {
    assertEquals("ElboEstimate: particles must be > 0, got 0",
        assertThrows(IllegalArgumentException.class, () -> new ElboEstimate(1, 0, 0)).getMessage());
    assertEquals("ElboEstimate: standardError must be >= 0 (or NaN if unknown), got -1.0",
        assertThrows(IllegalArgumentException.class, () -> new ElboEstimate(1, -1, 3)).getMessage());
  }

  @Test
  void draw_logQMustBeOnePerParticle() {
    Latents z = Latents.builder(3).put("w", Tensor.zeros(3, 2)).build();
    assertEquals(3, new Draw(z, Tensor.zeros(3, 1)).particles());
    assertEquals("Draw: logQ is 1x1, expected 3x1 (one value per particle)",
        assertThrows(IllegalArgumentException.class, () -> new Draw(z, Tensor.scalar(0))).getMessage());
  }

  @Test
  void stepReport_validation() {
    assertTrue(Double.isNaN(StepReport.withoutGradient(2, ElboEstimate.exact(1)).gradientNorm()));
    assertEquals("StepReport: gradientNorm must be >= 0 or NaN, got -1.0", assertThrows(
        IllegalArgumentException.class, () -> new StepReport(0, ElboEstimate.exact(1), -1)).getMessage());
    assertEquals("StepReport: step must be >= 0, got -1", assertThrows(
        IllegalArgumentException.class, () -> new StepReport(-1, ElboEstimate.exact(1), 0)).getMessage());
  }

  static final class TinyModel implements Model, ExactEvidence {
    final ParamStore params = new ParamStore();

    TinyModel() {
      params.add("theta", 1, 1, 0.5);
    }

    @Override
    public LatentSpec latents() {
      return LatentSpec.of(Latent.global("z", 1, Support.REAL));
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      return z.get("z").square().mul(-0.5);
    }

    @Override
    public double logEvidence() {
      return -1;
    }
  }

  @Test
  void model_as_findsImplementedCapabilitiesOnly() {
    TinyModel m = new TinyModel();
    assertSame(m, m.as(ExactEvidence.class).orElseThrow());
    assertEquals(Optional.empty(), m.as(ConjugateUpdates.class));
  }

  @Test
  void problem_collectsParametersAndAdvances() {
    TinyModel m = new TinyModel();
    ParamStore phi = new ParamStore();
    phi.add("z.loc", 1, 1, 0.0);
    VariationalFamily q = new VariationalFamily() {
      @Override
      public ParamStore parameters() {
        return phi;
      }

      @Override
      public Draw draw(Batch batch, org.vi4j.core.random.Rng rng, int particles) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean reparameterizable() {
        return true;
      }

      @Override
      public java.util.Set<Support> supports() {
        return java.util.EnumSet.of(Support.REAL);
      }
    };
    GradientEstimator est = (model, family, batch, rng) -> ElboEstimate.exact(0);
    Batch b = Batch.full(Tensor.zeros(1, 1));
    Problem p = Problem.start(m, q, est, b);
    assertEquals(List.of("theta", "z.loc"), p.parameters().stream().map(x -> x.name()).toList());
    assertEquals(1, p.next(b).step());
    assertEquals("Problem: step must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> new Problem(m, q, est, b, -1)).getMessage());
  }
}
