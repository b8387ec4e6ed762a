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
 * Provides {@link GaussianWishartMixtureGuide} as {@value #NAME}: Bishop's factorisation
 * Dir x Normal–Wishart x Categorical for the {@code gaussian-mixture-mv} model only (it holds one
 * responsibility row per data point), so {@code cavi} can be composed by name.
 *
 * <pre>{@code
 * // vi4j run --model gaussian-mixture-mv --guide gaussian-mixture-mv \
 * //     --estimator gaussian-mixture-mv-elbo --optimizer cavi --steps 200 --set run.restarts=10
 * }</pre>
 *
 * <p>Option {@code seed}: the seed of the random start (responsibilities from Dirichlet(1) per
 * row, then the global factors from them: {@link GaussianWishartMixture#start}). {@code vi4j run}
 * sets it to the run's seed (restart i: seed + i) unless it is given, so restarts start from
 * different partitions.
 */
public final class GaussianWishartMixtureGuideProvider implements GuideProvider {

  /** The plugin name. */
  public static final String NAME = GaussianWishartMixtureModel.NAME;

  /** The seed of the random start. */
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 1L,
      "seed of the random initial responsibilities (vi4j run: the run's seed unless given)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Dirichlet x Normal-Wishart x Categorical family of gaussian-mixture-mv, for cavi";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(SEED);
  }

  @Override
  public Set<Support> supports() {
    return GaussianWishartMixtureGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    GaussianWishartMixtureModel m = model.as(GaussianWishartMixtureModel.class).orElseThrow(() ->
        new IllegalArgumentException("guide '" + NAME + "' is only for model '"
            + GaussianWishartMixtureModel.NAME + "', not " + model.getClass().getSimpleName()));
    return new GaussianWishartMixtureGuide(m, Rng.seeded(options.get(SEED)));
  }
}
