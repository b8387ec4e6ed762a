package org.vi4j.guides.amortized;

import java.util.List;
import java.util.Set;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Provides {@link AmortizedGuide} as {@code amortized}. The encoder's input size is the number of
 * columns of the model's data ({@link ObservedData}), so the model must hold its data.
 *
 * <p>Options: {@code hidden} (comma-separated sizes, default 400), {@code activation} (tanh, relu,
 * softplus, sigmoid; default tanh), {@code scale-link} (softplus or exp), {@code seed} (initial
 * weights, default 1).
 */
public final class AmortizedProvider implements GuideProvider {

  /** The plugin's name. */
  public static final String NAME = "amortized";
  /** The default hidden layer size (Kingma &amp; Welling 2014 used 400 for MNIST). */
  public static final int DEFAULT_HIDDEN = 400;

  public static final OptionSpec<String> HIDDEN = OptionSpec.string("hidden",
      String.valueOf(DEFAULT_HIDDEN), "hidden layer sizes of the encoder, comma-separated");
  public static final OptionSpec<Activation> ACTIVATION = OptionSpec.choice("activation",
      Activation.class, Activation.TANH, "hidden activation");
  public static final OptionSpec<AmortizedGuide.ScaleLink> SCALE_LINK = OptionSpec.choice(
      "scale-link", AmortizedGuide.ScaleLink.class, AmortizedGuide.ScaleLink.SOFTPLUS,
      "link from the encoder output to the Normal's scale");
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 1L,
      "seed of the initial weights");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "amortised guide: an MLP maps each data row to a diagonal Normal (or Bernoulli) over "
        + "its LOCAL latent (AEVB recognition model)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(HIDDEN, ACTIVATION, SCALE_LINK, SEED);
  }

  @Override
  public Set<Support> supports() {
    return AmortizedGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    ObservedData data = model.as(ObservedData.class).orElseThrow(() -> new IllegalArgumentException(
        "guide '" + NAME + "' needs a model that holds its data (ObservedData) to size its "
            + "encoder; " + model.getClass().getSimpleName() + " does not"));
    return AmortizedGuide.builder(model.latents(), data.observed().cols())
        .hidden(Mlp.parseSizes(options.get(HIDDEN), "guide '" + NAME + "' option hidden"))
        .activation(options.get(ACTIVATION))
        .scaleLink(options.get(SCALE_LINK))
        .seed(options.get(SEED))
        .build();
  }
}
