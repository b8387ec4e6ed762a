package org.vi4j.models.laplacemixture;

import java.nio.file.Path;
import java.util.List;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/**
 * Provides {@link LaplaceMixtureModel} as {@value #NAME}.
 *
 * <pre>{@code
 * Model m = plugins.createModel("laplace-mixture", Options.empty().with("k", 4));
 * // vi4j run --model laplace-mixture --set model.data=x.csv --set model.k=10
 * }</pre>
 *
 * <p>Options: {@code k} = K (default 4); {@code data} a one-column CSV ({@link NumberColumn}; empty:
 * the 200 training points of the seeded experiment, {@code seed}, default 2314);
 * {@code scale-prior} GAMMA or LOG_NORMAL (default GAMMA); {@code alpha0} the Dirichlet
 * concentration (default 1). The other priors are the data-relative defaults of
 * {@link LaplaceMixtureModel.Priors#defaults}.
 */
public final class LaplaceMixtureProvider implements ModelProvider {

  /** The plugin name. */
  public static final String NAME = LaplaceMixtureModel.NAME;

  /** K. */
  public static final OptionSpec<Integer> K = OptionSpec.integer("k", 4, "number of components K")
      .satisfying(k -> k >= 2, ">= 2");
  /** The data file. */
  public static final OptionSpec<String> DATA = OptionSpec.string("data", "",
      "CSV file with one number per line; empty: the seeded experiment's 200 training points");
  /** The experiment's seed when no file is given. */
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed",
      LaplaceMixtureData.SEED, "seed of the generated experiment (when data is empty)");
  /** The scale prior. */
  public static final OptionSpec<LaplaceMixtureModel.ScalePrior> SCALE_PRIOR = OptionSpec.choice(
      "scale-prior", LaplaceMixtureModel.ScalePrior.class, LaplaceMixtureModel.ScalePrior.GAMMA,
      "prior family of the component scales");
  /** α0. */
  public static final OptionSpec<Double> ALPHA0 = OptionSpec.real("alpha0", 1.0,
      "Dirichlet concentration of each component weight").positive()
      .satisfying(Double::isFinite, "finite");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "1-D mixture of K Laplace components, assignments summed out; EM point updates";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(K, DATA, SEED, SCALE_PRIOR, ALPHA0);
  }

  @Override
  public Model create(Options options) {
    String file = options.get(DATA).strip();
    double[] x = file.isEmpty() ? LaplaceMixtureData.experiment(options.get(SEED)).train()
        : NumberColumn.read(Path.of(file));
    int k = options.get(K);
    LaplaceMixtureModel.Priors d = LaplaceMixtureModel.withDefaultPriors(x, k,
        options.get(SCALE_PRIOR)).priors();
    return new LaplaceMixtureModel(x, k, new LaplaceMixtureModel.Priors(options.get(ALPHA0),
        d.locMean(), d.locSd(), d.scalePrior(), d.scaleA(), d.scaleB()));
  }
}
