package org.vi4j.core.plugin.fakes;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** A test estimator: the ELBO from {@code particles} draws, no gradient. */
public final class FakeEstimatorProvider implements EstimatorProvider {
  public static final String NAME = "fake-estimator";
  public static final OptionSpec<Integer> PARTICLES =
      OptionSpec.integer("particles", 8, "samples per step").positive();
  public static final OptionSpec<Boolean> NEEDS_REPARAM =
      OptionSpec.bool("needs-reparam", false, "refuse non-reparameterizable guides");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test estimator";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PARTICLES, NEEDS_REPARAM);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new FakeEstimator(options.get(PARTICLES), options.get(NEEDS_REPARAM));
  }

  /** The estimator. */
  public record FakeEstimator(int particles, boolean needsReparam) implements GradientEstimator {
    @Override
    public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
      Draw d = q.draw(batch, rng, particles);
      return ElboEstimate.fromSamples(m.logJoint(d.z(), batch).sub(d.logQ()).toArray());
    }

    @Override
    public List<String> check(Model m, VariationalFamily q) {
      return needsReparam && !q.reparameterizable()
          ? List.of("estimator 'fake-estimator' needs a reparameterizable guide")
          : List.of();
    }
  }
}
