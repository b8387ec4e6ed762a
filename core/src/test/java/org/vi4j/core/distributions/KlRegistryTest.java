package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * The closed-form KL divergences against Monte Carlo, their gradients against finite differences,
 * and the registry's contract (after Lucene's {@code TestAnalysisSPILoader}).
 *
 * <p>Monte Carlo: KL(p ‖ q) = E_p[log p(x) − log q(x)], estimated by the mean over 20 000 draws
 * from p with the standard error from the same per-draw differences; the closed form must be
 * within 4.5 SE (a false failure has probability ~7e-6 per check, see
 * {@link DistributionContractTest}).
 */
class KlRegistryTest extends Vi4jTestBase {

  private static final int DRAWS = 20_000;

  /** A pair, made from p's and q's parameter tensors (p's first). */
  private record KlCase(String name, int pParams, Function<Tensor[], Distribution[]> make,
      double[][] params) {
    Distribution[] build() {
      Tensor[] t = new Tensor[params.length];
      for (int i = 0; i < params.length; i++) {
        t[i] = Tensor.row(params[i]);
      }
      return make.apply(t);
    }
  }

  private static double[] r(double... v) {
    return v;
  }

  private static List<KlCase> cases() {
    return List.of(
        new KlCase("Normal‖Normal", 2, t -> new Distribution[] {Normal.of(t[0], t[1]),
            Normal.of(t[2], t[3])}, new double[][] {r(0.3), r(1.2), r(-0.5), r(0.7)}),
        new KlCase("LogNormal‖LogNormal", 2, t -> new Distribution[] {LogNormal.of(t[0], t[1]),
            LogNormal.of(t[2], t[3])}, new double[][] {r(0.3), r(0.6), r(-0.2), r(0.9)}),
        new KlCase("Laplace‖Laplace", 2, t -> new Distribution[] {Laplace.of(t[0], t[1]),
            Laplace.of(t[2], t[3])}, new double[][] {r(0.4), r(1.1), r(-0.3), r(0.8)}),
        new KlCase("Exponential‖Exponential", 1, t -> new Distribution[] {Exponential.of(t[0]),
            Exponential.of(t[1])}, new double[][] {r(1.5), r(0.6)}),
        new KlCase("Exponential‖Gamma", 1, t -> new Distribution[] {Exponential.of(t[0]),
            Gamma.of(t[1], t[2])}, new double[][] {r(1.5), r(2.5), r(3.0)}),
        new KlCase("Gamma‖Gamma", 2, t -> new Distribution[] {Gamma.of(t[0], t[1]),
            Gamma.of(t[2], t[3])}, new double[][] {r(2.5), r(1.5), r(1.3), r(0.8)}),
        new KlCase("Beta‖Beta", 2, t -> new Distribution[] {Beta.of(t[0], t[1]),
            Beta.of(t[2], t[3])}, new double[][] {r(2.0), r(3.0), r(0.8), r(1.5)}),
        new KlCase("Dirichlet‖Dirichlet", 1, t -> new Distribution[] {Dirichlet.of(t[0]),
            Dirichlet.of(t[1])}, new double[][] {r(1.5, 2.0, 0.9), r(0.7, 1.2, 3.0)}),
        new KlCase("Bernoulli‖Bernoulli", 1, t -> new Distribution[] {Bernoulli.ofLogits(t[0]),
            Bernoulli.ofLogits(t[1])}, new double[][] {r(0.7), r(-1.4)}),
        new KlCase("Categorical‖Categorical", 1, t -> new Distribution[] {
            Categorical.ofLogits(t[0]), Categorical.ofLogits(t[1])},
            new double[][] {r(0.3, -1.2, 2.0, 0.5), r(1.0, 1.0, -3.0, 0.0)}));
  }

  @Test
  void everyPairMatchesMonteCarlo() {
    Rng rng = Rng.seeded(31);
    KlRegistry reg = KlRegistry.standard();
    for (KlCase c : cases()) {
      Distribution[] pq = c.build();
      double kl = reg.kl(pq[0], pq[1]).item();
      Tensor x = pq[0].sample(rng, DRAWS);
      double[] lp = pq[0].logProb(x).toArray();
      double[] lq = pq[1].logProb(x).toArray();
      double[] diff = new double[lp.length];
      for (int k = 0; k < diff.length; k++) {
        diff[k] = lp[k] - lq[k];
      }
      DistributionContractTest.assertMeanWithinMcError(kl, diff, c.name());
      assertTrue(kl > 0, c.name() + " " + kl);
    }
  }

  @Test
  void everyPairIsZeroAgainstItself() {
    for (KlCase c : cases()) {
      double[][] p = c.params();
      double[][] same = p.clone();
      System.arraycopy(p, 0, same, c.pParams(), c.pParams());
      if (c.name().equals("Exponential‖Gamma")) {
        same = new double[][] {p[0], r(1.0), p[0]}; // Gamma(1, λ) is Exp(λ)
      }
      Distribution[] pq = new KlCase(c.name(), c.pParams(), c.make(), same).build();
      assertEquals(0.0, KlRegistry.standard().kl(pq[0], pq[1]).item(), 1e-14, c.name());
    }
  }

  @Test
  void everyPairIsDifferentiableInBothSides() {
    for (KlCase c : cases()) {
      DMatrixRMaj[] points = new DMatrixRMaj[c.params().length];
      for (int i = 0; i < points.length; i++) {
        points[i] = GradientCheck.row(c.params()[i]);
      }
      double err = GradientCheck.maxError(in -> {
        Distribution[] pq = c.make().apply(in);
        return KlRegistry.standard().kl(pq[0], pq[1]);
      }, points);
      assertTrue(err < 1e-6, c.name() + ": gradient error " + err);
    }
  }

  @Test
  void resultHasTheParameterShapeOrOnePerRow() {
    Tensor kl = KlRegistry.standard().kl(Normal.of(Tensor.row(0, 1, 2), Tensor.scalar(1)),
        Normal.of(0, 2));
    assertEquals(1, kl.rows());
    assertEquals(3, kl.cols());
    Tensor rows = KlRegistry.standard().kl(Dirichlet.of(Tensor.of(new double[][] {{1, 2}, {3, 4}})),
        Dirichlet.of(1, 1));
    assertEquals(2, rows.rows());
    assertEquals(1, rows.cols());
    assertThrows(IllegalArgumentException.class,
        () -> KlRegistry.standard().kl(Categorical.ofLogits(0, 1), Categorical.ofLogits(0, 1, 2)));
  }

  @Test
  void missingPairNamesBothTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KlRegistry.standard().kl(Normal.of(0, 1), Laplace.of(0, 1)));
    assertTrue(e.getMessage().contains("Normal ‖ Laplace"), e.getMessage());
    assertTrue(e.getMessage().contains("Gamma‖Gamma"), e.getMessage());
    assertTrue(!KlRegistry.standard().has(Normal.class, Laplace.class));
    assertTrue(KlRegistry.standard().has(Exponential.class, Gamma.class));
  }

  @Test
  void registeringAPairTwiceIsRefused() {
    KlRegistry.Builder b = KlRegistry.standard().toBuilder();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.register(Normal.class, Normal.class, StandardKl::normalNormal));
    assertTrue(e.getMessage().contains("Normal ‖ Normal") && e.getMessage().contains("already"),
        e.getMessage());
  }

  @Test
  void toBuilderExtendsWithoutChangingTheStandardRegistry() {
    KlRegistry mine = KlRegistry.standard().toBuilder()
        .register(Normal.class, Laplace.class, (p, q) -> p.loc().mul(0.0))
        .build();
    assertTrue(mine.has(Normal.class, Laplace.class));
    assertTrue(mine.has(Normal.class, Normal.class));
    assertTrue(!KlRegistry.standard().has(Normal.class, Laplace.class));
    assertEquals(0.0, mine.kl(Normal.of(1, 1), Laplace.of(0, 1)).item());
  }
}
