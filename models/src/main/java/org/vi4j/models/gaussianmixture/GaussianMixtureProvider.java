package org.vi4j.models.gaussianmixture;

import java.nio.file.Path;
import java.util.List;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;
import org.vi4j.models.laplacemixture.NumberColumn;

/**
 * Provides {@link GaussianMixtureModel} as {@value #NAME}.
 *
 * <pre>{@code
 * Model m = plugins.createModel("gaussian-mixture", Options.empty().with("k", 10));
 * }</pre>
 *
 * <p>Options: {@code k} = K (default 4); {@code data} a one-column CSV ({@link NumberColumn};
 * empty: the Laplace experiment's 200 training points with {@code seed}, default 2314);
 * {@code alpha0} (default 0 = 1/K). Other priors: the data-relative defaults of
 * {@link GaussianMixtureModel#withDefaultPriors}. Fit it with {@link GaussianMixtureGuide},
 * {@link GaussianMixtureElbo} and {@code cavi} (the guide is model-specific, so it is built in code).
 */
public final class GaussianMixtureProvider implements ModelProvider {

  /** The plugin name. */
  public static final String NAME = GaussianMixtureModel.NAME;

  /** K. */
  public static final OptionSpec<Integer> K = OptionSpec.integer("k", 4, "number of components K")
      .satisfying(k -> k >= 2, ">= 2");
  /** The data file. */
  public static final OptionSpec<String> DATA = OptionSpec.string("data", "",
      "CSV file with one number per line; empty: the seeded Laplace experiment's training points");
  /** The experiment's seed when no file is given. */
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed",
      LaplaceMixtureData.SEED, "seed of the generated experiment (when data is empty)");
  /** α0; 0 means 1/K. */
  public static final OptionSpec<Double> ALPHA0 = OptionSpec.real("alpha0", 0.0,
      "Dirichlet concentration per component (0: 1/K)").nonNegative()
      .satisfying(Double::isFinite, "finite");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "1-D conjugate Bayesian Gaussian mixture (Normal-Gamma components); CAVI, closed-form ELBO";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(K, DATA, SEED, ALPHA0);
  }

  @Override
  public Model create(Options options) {
    String file = options.get(DATA).strip();
    double[] x = file.isEmpty() ? LaplaceMixtureData.experiment(options.get(SEED)).train()
        : NumberColumn.read(Path.of(file));
    int k = options.get(K);
    GaussianMixtureModel.Priors d = GaussianMixtureModel.withDefaultPriors(x, k).priors();
    double a0 = options.get(ALPHA0);
    return new GaussianMixtureModel(x, k, new GaussianMixtureModel.Priors(a0 > 0 ? a0 : 1.0 / k,
        d.m0(), d.beta0(), d.a0(), d.b0()));
  }
}
