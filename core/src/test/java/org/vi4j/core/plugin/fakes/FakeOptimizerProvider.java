package org.vi4j.core.plugin.fakes;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;

/** A test optimizer: estimates the ELBO and reports it; changes nothing. */
public final class FakeOptimizerProvider implements OptimizerProvider {
  public static final String NAME = "fake-sgd";
  public static final OptionSpec<Double> LR = OptionSpec.real("lr", 0.1, "step size").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test optimizer";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(LR);
  }

  @Override
  public Optimizer create(Options options) {
    return new FakeOptimizer(options.get(LR));
  }

  /** The optimizer. */
  public record FakeOptimizer(double lr) implements Optimizer {
    @Override
    public StepReport step(Problem problem, Rng rng) {
      problem.zeroGrad();
      return new StepReport(problem.step(), problem.estimator().estimate(problem.model(),
          problem.family(), problem.batch(), rng), 0.0);
    }

    @Override
    public void reset() {
    }

    @Override
    public Optimizer copy() {
      return new FakeOptimizer(lr);
    }
  }
}
