package org.vi4j.models.bernoullitopic;

import java.util.List;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/**
 * Provides {@link BernoulliTopicModel} as {@code bernoulli-topic}, on a synthetic corpus drawn from
 * the model itself ({@link BernoulliTopicData}): {@code true-factors} factors (0: the same K as the
 * model) with the model's α, {@code documents} training and {@code held-out} held-out documents of
 * {@code length} tokens over {@code vocabulary} words, from {@code data-seed}.
 *
 * <p>Model options: {@code factors} K (8), {@code alpha} (0.3), {@code hidden} (decoder hidden
 * sizes, comma-separated; empty, the default: a linear decoder whose rows are the topics),
 * {@code activation} (tanh), {@code seed} (2, the decoder's initial weights).
 */
public final class BernoulliTopicProvider implements ModelProvider {

  public static final String NAME = BernoulliTopicModel.NAME;

  public static final OptionSpec<Integer> FACTORS = OptionSpec.integer("factors", 8,
      "number K of binary latent factors per document").positive();
  public static final OptionSpec<Double> ALPHA = OptionSpec.real("alpha", 0.3,
      "prior probability that a factor is on (also the synthetic truth's)")
      .satisfying(a -> a > 0 && a < 1, "in (0, 1)");
  public static final OptionSpec<String> HIDDEN = OptionSpec.string("hidden", "",
      "decoder hidden sizes, comma-separated, from the factor side; empty: linear (factors = topics)");
  public static final OptionSpec<Activation> ACTIVATION = OptionSpec.choice("activation",
      Activation.class, Activation.TANH, "hidden activation of the decoder");
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 2L,
      "seed of the decoder's initial weights");
  public static final OptionSpec<Integer> DOCUMENTS = OptionSpec.integer("documents",
      BernoulliTopicData.DOCUMENTS, "synthetic training documents").positive();
  public static final OptionSpec<Integer> HELD_OUT = OptionSpec.integer("held-out",
      BernoulliTopicData.HELD_OUT, "synthetic held-out documents (for the report)").nonNegative();
  public static final OptionSpec<Integer> VOCABULARY = OptionSpec.integer("vocabulary",
      BernoulliTopicData.VOCABULARY, "synthetic vocabulary size V (>= 2 x true factors)").positive();
  public static final OptionSpec<Integer> LENGTH = OptionSpec.integer("length",
      BernoulliTopicData.LENGTH, "tokens per synthetic document").nonNegative();
  public static final OptionSpec<Integer> TRUE_FACTORS = OptionSpec.integer("true-factors", 0,
      "factors of the synthetic truth; 0: the same as factors").nonNegative();
  public static final OptionSpec<Long> DATA_SEED = OptionSpec.longInteger("data-seed", 1L,
      "seed of the synthetic truth and documents");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bernoulli latent-factor topic model: z_j ~ Bernoulli(alpha), words ~ "
        + "Categorical(softmax(f(z))), on a synthetic corpus drawn from it";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(FACTORS, ALPHA, HIDDEN, ACTIVATION, SEED, DOCUMENTS, HELD_OUT, VOCABULARY,
        LENGTH, TRUE_FACTORS, DATA_SEED);
  }

  @Override
  public Model create(Options options) {
    int k = options.get(FACTORS);
    int trueK = options.get(TRUE_FACTORS) == 0 ? k : options.get(TRUE_FACTORS);
    int v = options.get(VOCABULARY);
    if (v < 2 * trueK) {
      throw new IllegalArgumentException("model '" + NAME + "': vocabulary " + v + " is too small "
          + "for " + trueK + " true factors; each owns V/(2K) words, so vocabulary must be >= "
          + 2 * trueK);
    }
    double alpha = options.get(ALPHA);
    BernoulliTopicData data = BernoulliTopicData.generate(options.get(DATA_SEED), trueK, v,
        options.get(DOCUMENTS), options.get(HELD_OUT), options.get(LENGTH), alpha);
    return BernoulliTopicModel.builder(data.train())
        .factors(k)
        .alpha(alpha)
        .hidden(Mlp.parseSizes(options.get(HIDDEN), "model '" + NAME + "' option hidden"))
        .activation(options.get(ACTIVATION))
        .seed(options.get(SEED))
        .source(data)
        .build();
  }
}
