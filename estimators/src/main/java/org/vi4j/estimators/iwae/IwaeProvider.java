package org.vi4j.estimators.iwae;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link IwaeEstimator} as {@code iwae}. Option {@code samples}: k importance samples
 * per data row (default 5, as in Burda et al. 2016's k = 5 runs).
 */
public final class IwaeProvider implements EstimatorProvider {

  /** The plugin's name. */
  public static final String NAME = "iwae";

  /** k. */
  public static final OptionSpec<Integer> SAMPLES =
      OptionSpec.integer("samples", 5, "importance samples k per data row").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "importance-weighted bound with k samples per data row (IWAE, Burda et al. 2016)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(SAMPLES);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new IwaeEstimator(options.get(SAMPLES));
  }
}
