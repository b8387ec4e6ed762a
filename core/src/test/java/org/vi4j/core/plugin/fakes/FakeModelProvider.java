package org.vi4j.core.plugin.fakes;

import java.util.List;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Scope;
import org.vi4j.core.distributions.Support;

/** A test model: one latent "x" of configurable size and support; log joint −½ Σ (x − mean)². */
public final class FakeModelProvider implements ModelProvider {
  public static final String NAME = "fake-model";
  public static final OptionSpec<Double> MEAN = OptionSpec.real("mean", 0.0, "prior mean");
  public static final OptionSpec<Integer> SIZE = OptionSpec.integer("size", 1, "latent size").positive();
  public static final OptionSpec<Support> SUPPORT =
      OptionSpec.choice("support", Support.class, Support.REAL, "the latent's support");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test model";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(MEAN, SIZE, SUPPORT);
  }

  @Override
  public Model create(Options options) {
    Support support = options.get(SUPPORT);
    Latent x = support == Support.CATEGORICAL
        ? Latent.categorical("x", options.get(SIZE), 3, Scope.GLOBAL)
        : Latent.global("x", options.get(SIZE), support);
    return new FakeModel(LatentSpec.of(x), options.get(MEAN));
  }

  /** The model. */
  public static final class FakeModel implements Model {
    private final LatentSpec spec;
    private final double mean;
    private final ParamStore params = new ParamStore();

    FakeModel(LatentSpec spec, double mean) {
      this.spec = spec;
      this.mean = mean;
    }

    public double mean() {
      return mean;
    }

    @Override
    public LatentSpec latents() {
      return spec;
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      return z.get("x").sub(mean).square().sumRows().mul(-0.5);
    }
  }
}
