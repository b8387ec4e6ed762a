package org.vi4j.models.gaussianmixture;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Provides {@link GaussianMixtureGuide} as {@value #NAME}: the mean-field family of the
 * {@code gaussian-mixture} model only (it holds one responsibility row per data point), so
 * {@code cavi} can be composed by name.
 *
 * <pre>{@code
 * // vi4j run --model gaussian-mixture --guide gaussian-mixture \
 * //     --estimator gaussian-mixture-elbo --optimizer cavi --steps 200 --set run.restarts=10
 * }</pre>
 *
 * <p>Option {@code seed}: the seed of the random initial responsibilities (Dirichlet(1) per row).
 * {@code vi4j run} sets it to the run's seed (restart i: seed + i) unless it is given, so restarts
 * start from different partitions.
 */
public final class GaussianMixtureGuideProvider implements GuideProvider {

  /** The plugin name. */
  public static final String NAME = GaussianMixtureModel.NAME;

  /** The seed of the random start. */
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 1L,
      "seed of the random initial responsibilities (vi4j run: the run's seed unless given)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean-field Dir x Normal x Gamma x Categorical family of gaussian-mixture, for cavi";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(SEED);
  }

  @Override
  public Set<Support> supports() {
    return java.util.EnumSet.of(Support.SIMPLEX, Support.REAL, Support.POSITIVE, Support.CATEGORICAL);
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    GaussianMixtureModel m = model.as(GaussianMixtureModel.class).orElseThrow(() ->
        new IllegalArgumentException("guide '" + NAME + "' is only for model '"
            + GaussianMixtureModel.NAME + "', not " + model.getClass().getSimpleName()));
    return new GaussianMixtureGuide(m, Rng.seeded(options.get(SEED)));
  }
}
