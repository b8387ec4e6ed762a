package org.vi4j.models.expgaussian;

import java.util.List;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/**
 * Provides {@link ExpGaussianModel} as {@value #NAME}.
 *
 * <pre>{@code
 * Model m = plugins.createModel("exp-gaussian", Options.empty().with("x", "0.3,1.2,2.0"));
 * // vi4j run --model exp-gaussian --set model.prior-rate=2 --set model.x=1.5
 * }</pre>
 *
 * <p>Options: {@code prior-rate} λ (default 1), {@code noise-scale} σ (default 1), {@code x} one
 * observation or a comma-separated list (default 1.5).
 */
public final class ExpGaussianProvider implements ModelProvider {

  /** The plugin's name. */
  public static final String NAME = ExpGaussianModel.NAME;

  /** λ, the rate of the Exponential prior on z. */
  public static final OptionSpec<Double> PRIOR_RATE = OptionSpec
      .real("prior-rate", 1.0, "rate λ of the Exponential(λ) prior on z")
      .positive().satisfying(Double::isFinite, "finite");
  /** σ, the standard deviation of each observation around z. */
  public static final OptionSpec<Double> NOISE_SCALE = OptionSpec
      .real("noise-scale", 1.0, "standard deviation σ of x_i ~ N(z, σ²)")
      .positive().satisfying(Double::isFinite, "finite");
  /** The observations, as text: one number or a comma-separated list. */
  public static final OptionSpec<String> X = OptionSpec
      .string("x", "1.5", "the observation(s): one number or a comma-separated list")
      .satisfying(ExpGaussianProvider::isObservationList,
          "one finite number or a comma-separated list of finite numbers (e.g. 0.3,1.2,2.0)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "z ~ Exponential(λ), x_i ~ N(z, σ²); exact truncated-normal posterior and evidence";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PRIOR_RATE, NOISE_SCALE, X);
  }

  @Override
  public Model create(Options options) {
    return new ExpGaussianModel(ExpGaussianModel.parseObservations(options.get(X)),
        options.get(PRIOR_RATE), options.get(NOISE_SCALE));
  }

  private static boolean isObservationList(String text) {
    try {
      ExpGaussianModel.parseObservations(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
