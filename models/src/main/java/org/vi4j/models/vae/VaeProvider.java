package org.vi4j.models.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.data.Idx;
import org.vi4j.core.data.Pixels;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.models.poissongamma.DigitsData;

/**
 * Provides {@link VaeModel} as {@code vae}.
 *
 * <p>Options: {@code data} (an IDX image file, gzipped or not, e.g. Fashion-MNIST's
 * {@code train-images-idx3-ubyte.gz}; default: the bundled UCI digits, 1,797 8x8 images), pixels
 * are scaled to [0, 1] (÷255 for IDX, ÷16 for the digits) and, with {@code binarize} in (0, 1),
 * set to 1 above that threshold; {@code latent-size} (20), {@code hidden} (400), {@code activation}
 * (tanh), {@code likelihood} (bernoulli or gaussian), {@code gaussian-scale} (0 = learned),
 * {@code kl-weight} (1), {@code warmup-steps} (0), {@code seed} (2).
 */
public final class VaeProvider implements ModelProvider {

  public static final String NAME = VaeModel.NAME;

  public static final OptionSpec<String> DATA = OptionSpec.string("data", "",
      "IDX image file (gzipped or not); empty: the bundled UCI digits");
  public static final OptionSpec<Double> BINARIZE = OptionSpec.real("binarize", 0.0,
      "threshold in (0, 1) to binarise the [0, 1] pixels at; 0: keep grey levels")
      .satisfying(t -> t >= 0 && t < 1, "in [0, 1)");
  public static final OptionSpec<Integer> LATENT_SIZE = OptionSpec.integer("latent-size", 20,
      "size d of the latent code z").positive();
  public static final OptionSpec<String> HIDDEN = OptionSpec.string("hidden", "400",
      "decoder hidden sizes, comma-separated, from the latent side");
  public static final OptionSpec<Activation> ACTIVATION = OptionSpec.choice("activation",
      Activation.class, Activation.TANH, "hidden activation");
  public static final OptionSpec<Likelihood> LIKELIHOOD = OptionSpec.choice("likelihood",
      Likelihood.class, Likelihood.BERNOULLI, "decoder likelihood p(x | z)");
  public static final OptionSpec<Double> GAUSSIAN_SCALE = OptionSpec.real("gaussian-scale", 0.0,
      "fixed scale of a Gaussian decoder; 0: learned per feature").nonNegative();
  public static final OptionSpec<Double> KL_WEIGHT = OptionSpec.real("kl-weight", 1.0,
      "weight α of the KL term in the training objective (reported ELBO uses 1)")
      .satisfying(a -> a >= 0 && a <= 1, "in [0, 1]");
  public static final OptionSpec<Long> WARMUP_STEPS = OptionSpec.longInteger("warmup-steps", 0L,
      "linear KL warm-up from 0 over this many steps (0: none)")
      .satisfying(n -> n >= 0, ">= 0");
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 2L,
      "seed of the decoder's initial weights");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "variational autoencoder (AEVB): z ~ N(0, I), x ~ Bernoulli/Gaussian(MLP decoder(z))";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(DATA, BINARIZE, LATENT_SIZE, HIDDEN, ACTIVATION, LIKELIHOOD, GAUSSIAN_SCALE,
        KL_WEIGHT, WARMUP_STEPS, SEED);
  }

  @Override
  public Model create(Options options) {
    String file = options.get(DATA).strip();
    DMatrixRMaj x;
    if (file.isEmpty()) {
      x = Pixels.scale(DigitsData.bundled().counts().value(), 16);
    } else {
      try {
        x = Idx.read(Path.of(file)).toMatrix();
        Pixels.scaleInPlace(x, 255);
      } catch (IOException e) {
        throw new UncheckedIOException("model '" + NAME + "': cannot read data file " + file, e);
      }
    }
    double t = options.get(BINARIZE);
    if (t > 0) {
      Pixels.binarizeInPlace(x, t);
    }
    return VaeModel.builder(x)
        .latentSize(options.get(LATENT_SIZE))
        .hidden(Mlp.parseSizes(options.get(HIDDEN), "model '" + NAME + "' option hidden"))
        .activation(options.get(ACTIVATION))
        .likelihood(options.get(LIKELIHOOD))
        .gaussianScale(options.get(GAUSSIAN_SCALE))
        .klWeight(options.get(KL_WEIGHT))
        .warmupSteps(options.get(WARMUP_STEPS))
        .seed(options.get(SEED))
        .build();
  }
}
