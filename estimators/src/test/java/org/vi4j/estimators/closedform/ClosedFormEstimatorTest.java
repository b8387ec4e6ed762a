package org.vi4j.estimators.closedform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.testing.MeanFieldNormalGuide;

class ClosedFormEstimatorTest extends Vi4jTestBase {

  /** A model whose "closed form" is 10 × the guide's first loc, for guides of that class only. */
  static final class Scripted implements Model, ClosedFormElbo {
    @Override
    public LatentSpec latents() {
      return LatentSpec.of(org.vi4j.core.spi.Latent.global("z", 1,
          org.vi4j.core.distributions.Support.REAL));
    }

    @Override
    public ParamStore parameters() {
      return new ParamStore();
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public OptionalDouble closedFormElbo(VariationalFamily q) {
      return q instanceof MeanFieldNormalGuide g ? OptionalDouble.of(10 * g.loc().item())
          : OptionalDouble.empty();
    }
  }

  @Test
  void reportsTheClosedFormExactlyAndWritesNoGradient() {
    MeanFieldNormalGuide q = new MeanFieldNormalGuide(new double[] {0.25}, new double[] {0}, true);
    ClosedFormEstimator e = new ClosedFormEstimator();
    assertEquals(List.of(), e.check(new Scripted(), q));
    ElboEstimate v = e.estimate(new Scripted(), q, Batch.full(Tensor.zeros(3, 1)), Rng.seeded(1));
    assertEquals(2.5, v.value());
    assertEquals(0.0, v.standardError());
    for (Param p : q.parameters()) {
      assertEquals(0.0, p.grad().data[0]);
    }
  }

  @Test
  void refusesModelsWithoutAClosedFormForTheGuide() {
    ClosedFormEstimator e = new ClosedFormEstimator();
    Model plain = new Model() {
      @Override
      public LatentSpec latents() {
        return new Scripted().latents();
      }

      @Override
      public ParamStore parameters() {
        return new ParamStore();
      }

      @Override
      public Tensor logJoint(Latents z, Batch batch) {
        throw new UnsupportedOperationException();
      }
    };
    MeanFieldNormalGuide q = new MeanFieldNormalGuide(new double[] {0.25}, new double[] {0}, true);
    List<String> p = e.check(plain, q);
    assertEquals(1, p.size());
    assertTrue(p.get(0).contains("does not implement ClosedFormElbo") && p.get(0).contains("reparam"),
        p.get(0));
    VariationalFamily other = new VariationalFamily() {
      @Override
      public ParamStore parameters() {
        return new ParamStore();
      }

      @Override
      public org.vi4j.core.spi.Draw draw(Batch batch, Rng rng, int particles) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean reparameterizable() {
        return false;
      }

      @Override
      public java.util.Set<org.vi4j.core.distributions.Support> supports() {
        return java.util.Set.of(org.vi4j.core.distributions.Support.REAL);
      }
    };
    List<String> p2 = e.check(new Scripted(), other);
    assertEquals(1, p2.size());
    assertTrue(p2.get(0).contains("no closed-form ELBO for guide"), p2.get(0));
    IllegalStateException ex = assertThrows(IllegalStateException.class,
        () -> e.estimate(plain, q, Batch.full(Tensor.zeros(1, 1)), Rng.seeded(1)));
    assertEquals(p.get(0), ex.getMessage());
  }

}
