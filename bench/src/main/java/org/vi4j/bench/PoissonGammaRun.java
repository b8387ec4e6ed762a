package org.vi4j.bench;

import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Gamma;
import org.vi4j.core.distributions.KlRegistry;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.guides.gamma.GammaGuide;
import org.vi4j.models.poissongamma.DigitsData;
import org.vi4j.models.poissongamma.PoissonGammaModel;
import org.vi4j.optimizers.adam.Adam;

/**
 * vi4j's side of the poisson-gamma comparison with {@code bench/poisson-gamma/poisson_gamma_pytorch.py}:
 * the same model, guide (Gamma, log shape and log rate, initialised at 1 and 1), 128 pathwise
 * particles, Adam at 0.2, 5,000 steps, averaging the last 20%. Prints the wall seconds of the
 * steps (the fit's own clock, without the final 1,000-particle evaluation) and the summed
 * KL(q ‖ exact) at the last iterate and averaged.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.vi4j.bench.PoissonGammaRun [steps] [seed]
 * </pre>
 */
public final class PoissonGammaRun {

  private PoissonGammaRun() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    PoissonGammaModel model = PoissonGammaModel.of(DigitsData.digit(0));
    GammaGuide guide = new GammaGuide(model.latents());
    FitResult fit = Inference.builder().model(model).guide(guide)
        .estimator(new ReparamEstimator(128)).optimizer(new Adam(0.2))
        .stopAfterSteps(steps).averageLast(0.2).seed(seed).logEverySeconds(1e9)
        .build().run();
    double stepSeconds = fit.trace().seconds()[fit.trace().size() - 1];
    Distribution exact = model.posterior("rate");
    double averaged = KlRegistry.standard().kl(guide.factor("rate"), exact).sum().item();
    double[] ls = fit.lastIterate().get("rate.log_shape");
    double[] lr = fit.lastIterate().get("rate.log_rate");
    Tensor shape = Tensor.row(ls).exp();
    Tensor rate = Tensor.row(lr).exp();
    double last = KlRegistry.standard().kl(Gamma.of(shape, rate), exact).sum().item();
    System.out.printf(java.util.Locale.ROOT,
        "vi4j: %d steps in %.2f s (%.0f steps/s); summed KL last iterate %.4f, averaged last 20%% %.4f%n",
        steps, stepSeconds, steps / stepSeconds, last, averaged);
  }
}
