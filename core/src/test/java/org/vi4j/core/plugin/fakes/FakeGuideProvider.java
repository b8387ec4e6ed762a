package org.vi4j.core.plugin.fakes;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.VariationalFamily;

/** A test guide for REAL and POSITIVE latents: independent N(0, scale²) draws, logQ = 0. */
public final class FakeGuideProvider implements GuideProvider {
  public static final String NAME = "fake-guide";
  public static final OptionSpec<Double> SCALE =
      OptionSpec.real("init-scale", 1.0, "initial scale").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test guide";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(SCALE);
  }

  @Override
  public Set<Support> supports() {
    return EnumSet.of(Support.REAL, Support.POSITIVE);
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new FakeGuide(model, options.get(SCALE), supports());
  }

  /** The guide. */
  public static final class FakeGuide implements VariationalFamily {
    private final Model model;
    private final double scale;
    private final Set<Support> supports;
    private final ParamStore params = new ParamStore();

    FakeGuide(Model model, double scale, Set<Support> supports) {
      this.model = model;
      this.scale = scale;
      this.supports = supports;
      for (Latent l : model.latents().latents()) {
        params.add(l.name() + ".loc", 1, l.size(), 0.0);
      }
    }

    public double scale() {
      return scale;
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      Latents.Builder b = Latents.builder(particles);
      for (Latent l : model.latents().latents()) {
        int rows = l.local() ? particles * batch.size() : particles;
        double[][] v = new double[rows][l.size()];
        for (double[] row : v) {
          for (int j = 0; j < row.length; j++) {
            row[j] = scale * rng.nextGaussian();
          }
        }
        b.put(l.name(), Tensor.of(v));
      }
      return new Draw(b.build(), Tensor.zeros(particles, 1));
    }

    @Override
    public boolean reparameterizable() {
      return false;
    }

    @Override
    public Set<Support> supports() {
      return supports;
    }
  }
}
