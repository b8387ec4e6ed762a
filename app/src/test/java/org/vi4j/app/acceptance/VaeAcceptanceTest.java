package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.Minibatches;
import org.vi4j.core.data.Pixels;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.iwae.IwaeEstimator;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.estimators.reparamanalytic.ReparamAnalyticEstimator;
import org.vi4j.guides.amortized.AmortizedGuide;
import org.vi4j.models.poissongamma.DigitsData;
import org.vi4j.models.vae.VaeModel;
import org.vi4j.optimizers.adam.Adam;

/**
 * The VAE issue's acceptance tests on the bundled UCI digits (1,797 8x8 images, pixels ÷ 16):
 * gradients against finite differences, the two pathwise estimators agreeing in expectation,
 * training raising the held-out ELBO, IWAE ≥ ELBO, an exact save/restore round trip and an
 * allocation-free training step.
 */
class VaeAcceptanceTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  private static final DMatrixRMaj DIGITS = Pixels.scale(DigitsData.bundled().counts().value(), 16);

  private static DMatrixRMaj rows(int from, int to) {
    DMatrixRMaj m = new DMatrixRMaj(to - from, DIGITS.numCols);
    System.arraycopy(DIGITS.data, from * DIGITS.numCols, m.data, 0, m.getNumElements());
    return m;
  }

  private static Batch batch(DMatrixRMaj x) {
    return Batch.full(Tensor.constant(x));
  }

  private static VaeModel tinyModel(DMatrixRMaj x) {
    return VaeModel.builder(x).latentSize(2).hidden(3).activation(Activation.TANH).seed(5).build();
  }

  private static AmortizedGuide tinyGuide(VaeModel m) {
    return AmortizedGuide.builder(m.latents(), m.features()).hidden(3).seed(6).build();
  }

  /** The estimate with a fixed noise stream, as a deterministic function of the parameters. */
  private static double value(GradientEstimator e, VaeModel m, AmortizedGuide q, Batch b) {
    return e.estimate(m, q, b, Rng.seeded(99)).value();
  }

  @Test
  void theWholeElboGradientMatchesFiniteDifferences() {
    DMatrixRMaj x = rows(0, 5);
    Batch b = Batch.of(Tensor.constant(x), new int[] {0, 1, 2, 3, 4}, 20);   // scale 4
    for (GradientEstimator e : new GradientEstimator[] {new ReparamAnalyticEstimator(2),
        new ReparamEstimator(2)}) {
      VaeModel m = tinyModel(DIGITS);
      AmortizedGuide q = tinyGuide(m);
      ParamStore all = new ParamStore();
      all.include("model", m.parameters());
      all.include("guide", q.parameters());
      all.zeroGrad();
      value(e, m, q, b);
      java.util.Map<String, double[]> grads = new java.util.HashMap<>();
      for (Param p : all) {
        grads.put(p.name(), p.grad().data.clone());   // the evaluations below accumulate more
      }
      double worst = 0;
      for (Param p : all) {
        double[] v = p.value().data;
        double[] g = grads.get(p.name());
        for (int k = 0; k < v.length; k++) {
          double x0 = v[k];
          double h = 1e-5;
          v[k] = x0 + h;
          double up = value(e, m, q, b);
          v[k] = x0 - h;
          double down = value(e, m, q, b);
          v[k] = x0;
          double fd = (up - down) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - g[k]) / (1 + Math.abs(fd)));
        }
      }
      assertTrue(worst < 1e-6, e + ": worst relative error " + worst);
    }
  }

  @Test
  void analyticKlAndMonteCarloKlAgreeInExpectation() {
    VaeModel m = tinyModel(DIGITS);
    AmortizedGuide q = tinyGuide(m);
    Batch b = batch(rows(0, 40));
    ReparamAnalyticEstimator analytic = new ReparamAnalyticEstimator(1);
    ReparamEstimator plain = new ReparamEstimator(1);
    int reps = 400;
    double[] a = new double[reps];
    double[] p = new double[reps];
    Rng r1 = Rng.seeded(1);
    Rng r2 = Rng.seeded(2);
    for (int i = 0; i < reps; i++) {
      a[i] = analytic.estimate(m, q, b, r1).value();
      p[i] = plain.estimate(m, q, b, r2).value();
    }
    double se = Math.sqrt(var(a) / reps + var(p) / reps);
    assertEquals(mean(p), mean(a), 4 * se, "analytic " + mean(a) + ", Monte Carlo " + mean(p));
    assertTrue(var(a) < var(p), "the closed-form KL should reduce the variance");
  }

  @Test
  void trainingRaisesTheHeldOutElboAndIwaeBoundsIt() throws Exception {
    DMatrixRMaj train = rows(0, 1497);
    DMatrixRMaj test = rows(1497, 1797);
    VaeModel m = VaeModel.builder(train).latentSize(4).hidden(64).seed(2).build();
    AmortizedGuide q = AmortizedGuide.builder(m.latents(), m.features()).hidden(64).seed(1).build();
    double before = heldOutElbo(m, q, test);
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    Adam adam = new Adam(3e-3);
    Minibatches stream = new Minibatches(m.observed().value(), 50);
    Rng batchRng = Rng.seeded(3);
    Rng rng = Rng.seeded(4);
    for (int step = 0; step < 8 * stream.batchesPerEpoch(); step++) {
      adam.step(new Problem(m, q, est, stream.next(batchRng), step), rng);
    }
    double after = heldOutElbo(m, q, test);
    assertTrue(after > before + 8, "held-out ELBO per image " + before + " -> " + after);
    double[] iwae = new IwaeEstimator(1).logMarginal(m, q, batch(test), Rng.seeded(8), 100, 100);
    double bound = mean(iwae);
    assertTrue(bound > after, "IWAE(k=100) " + bound + " must be >= the ELBO " + after);

    // save / restore reproduces the ELBO exactly
    m.parameters().save(dir.resolve("model.bin"));
    q.parameters().save(dir.resolve("guide.bin"));
    VaeModel m2 = VaeModel.builder(train).latentSize(4).hidden(64).seed(77).build();
    AmortizedGuide q2 = AmortizedGuide.builder(m2.latents(), m2.features()).hidden(64).seed(78)
        .build();
    m2.parameters().restore(dir.resolve("model.bin"));
    q2.parameters().restore(dir.resolve("guide.bin"));
    Batch tb = batch(test);
    assertEquals(new ReparamAnalyticEstimator(3).estimate(m, q, tb, Rng.seeded(5)).value(),
        new ReparamAnalyticEstimator(3).estimate(m2, q2, tb, Rng.seeded(5)).value(), 0.0);
  }

  @Test
  void aTrainingStepAllocatesAlmostNothingInTheSteadyState() {
    VaeModel m = VaeModel.builder(DIGITS).latentSize(8).hidden(64).build();
    AmortizedGuide q = AmortizedGuide.builder(m.latents(), m.features()).hidden(64).build();
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    Adam adam = new Adam(1e-3);
    Minibatches stream = new Minibatches(m.observed().value(), 100);
    Rng rng = Rng.seeded(1);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = 0;
    for (int step = 0; step < 1500; step++) {
      if (step == 1000) {
        before = threads.getThreadAllocatedBytes(tid);
      }
      adam.step(new Problem(m, q, est, stream.next(rng), step), rng);
    }
    long perStep = (threads.getThreadAllocatedBytes(tid) - before) / 500;
    // a 100 x 64 activation alone is 51,200 bytes; what is left are the SPI's small records (the
    // Problem, the ElboEstimate and the StepReport: about 104 bytes)
    assertTrue(perStep < 256, "steady-state allocation " + perStep + " bytes per step");
  }

  @Test
  void thePluginsComposeByName() {
    Pipeline p = Pipeline.from(PipelineSpec.of("vae", "amortized", "reparam-analytic", "adam")
        .with("model.latent-size", 2).with("model.hidden", "8").with("guide.hidden", "8"),
        Plugins.load(Thread.currentThread().getContextClassLoader()));
    assertTrue(p.model() instanceof VaeModel);
    assertTrue(p.guide() instanceof AmortizedGuide);
    assertTrue(Double.isFinite(p.estimator().estimate(p.model(), p.guide(),
        batch(rows(0, 10)), Rng.seeded(1)).value()));
  }

  /** Mean ELBO per image with 20 particles (closed-form KL). */
  private static double heldOutElbo(VaeModel m, AmortizedGuide q, DMatrixRMaj x) {
    double v = new ReparamAnalyticEstimator(20).estimate(m, q, batch(x), Rng.seeded(7)).value();
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    return v / x.numRows;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  private static double var(double[] v) {
    double m = mean(v);
    return Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
  }
}
