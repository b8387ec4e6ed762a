package org.vi4j.models.poissongamma;

import java.nio.file.Path;
import java.util.List;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/**
 * Provides {@link PoissonGammaModel} as {@value #NAME}.
 *
 * <pre>{@code
 * Model zeros = plugins.createModel("poisson-gamma", Options.empty());          // the 178 zeros
 * Model sevens = plugins.createModel("poisson-gamma", Options.empty().with("digit", 7));
 * // vi4j run --model poisson-gamma --set model.data=images.csv --set model.digit=-1
 * }</pre>
 *
 * <p>Options: {@code prior-strength} s (default 2), {@code prior-rate} b (default 2),
 * {@code prior-floor} (default 0.1): a_j = s · max(mean_j, floor); {@code digit} the label to
 * keep (default 0; −1 keeps every image); {@code data} a CSV file of 64 counts (+ optional label)
 * per line (default: the bundled UCI digits). A file without a label column needs
 * {@code digit=-1}.
 */
public final class PoissonGammaProvider implements ModelProvider {

  /** The plugin's name. */
  public static final String NAME = PoissonGammaModel.NAME;

  /** s, the multiplier of the prior mean image in a_j = s · x0_j. */
  public static final OptionSpec<Double> PRIOR_STRENGTH = OptionSpec
      .real("prior-strength", 2.0, "s in the prior shapes a_j = s · x0_j")
      .positive().satisfying(Double::isFinite, "finite");
  /** b, the rate of every Gamma(a_j, b) prior. */
  public static final OptionSpec<Double> PRIOR_RATE = OptionSpec
      .real("prior-rate", 2.0, "rate b of the Gamma(a_j, b) priors")
      .positive().satisfying(Double::isFinite, "finite");
  /** The least value of the prior mean image x0_j = max(mean_j, floor). */
  public static final OptionSpec<Double> PRIOR_FLOOR = OptionSpec
      .real("prior-floor", 0.1, "least prior mean per pixel: x0_j = max(mean count_j, floor)")
      .positive().satisfying(Double::isFinite, "finite");
  /** Which label to keep; −1 keeps all images. */
  public static final OptionSpec<Integer> DIGIT = OptionSpec
      .integer("digit", 0, "keep the images with this label (-1: all images)")
      .satisfying(d -> d >= -1, ">= -1");
  /** A user CSV file; empty means the bundled digits. */
  public static final OptionSpec<String> DATA = OptionSpec
      .string("data", "", "CSV file of 64 pixel counts (+ optional label) per line; "
          + "empty: the bundled UCI digits");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "8x8 digit pixels ~ Poisson(θ_j), θ_j ~ Gamma(a_j, b); exact conjugate posterior";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PRIOR_STRENGTH, PRIOR_RATE, PRIOR_FLOOR, DIGIT, DATA);
  }

  @Override
  public Model create(Options options) {
    String file = options.get(DATA).strip();
    DigitsData all = file.isEmpty() ? DigitsData.bundled() : DigitsData.read(Path.of(file));
    int digit = options.get(DIGIT);
    DigitsData images;
    if (digit < 0) {
      images = all;
    } else if (!all.hasLabels()) {
      throw new IllegalArgumentException("Option 'digit' of model '" + NAME + "': " + file
          + " has no label column (64 columns), so it cannot keep label " + digit
          + "; set digit=-1 to use all its images");
    } else {
      images = all.withLabel(digit);
    }
    return PoissonGammaModel.withEmpiricalPrior(images, options.get(PRIOR_STRENGTH),
        options.get(PRIOR_RATE), options.get(PRIOR_FLOOR));
  }
}
