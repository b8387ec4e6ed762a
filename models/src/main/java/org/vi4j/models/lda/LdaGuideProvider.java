package org.vi4j.models.lda;

import java.util.EnumSet;
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
 * Provides {@link LdaGuide} as {@value #NAME}: the mean-field family of the {@code lda} model only
 * (it holds one γ row per training document), so {@code cavi} and {@code svi} can be composed by
 * name.
 *
 * <pre>{@code
 * // vi4j run --model lda --guide lda --estimator closed-form --optimizer cavi --steps 10
 * }</pre>
 *
 * <p>Option {@code seed}: the seed of the random start of λ. {@code vi4j run} sets it to the run's
 * seed (restart i: seed + i) unless it is given.
 */
public final class LdaGuideProvider implements GuideProvider {

  /** The plugin name. */
  public static final String NAME = LdaModel.NAME;

  /** The seed of the random start. */
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 1L,
      "seed of the random start of the topic concentrations (vi4j run: the run's seed unless given)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean-field Dirichlet topics x Dirichlet proportions family of lda, for cavi and svi";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(SEED);
  }

  @Override
  public Set<Support> supports() {
    return EnumSet.of(Support.SIMPLEX);
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    LdaModel m = model.as(LdaModel.class).orElseThrow(() ->
        new IllegalArgumentException("guide '" + NAME + "' is only for model '" + LdaModel.NAME
            + "', not " + model.getClass().getSimpleName()));
    return new LdaGuide(m, Rng.seeded(options.get(SEED)));
  }
}
