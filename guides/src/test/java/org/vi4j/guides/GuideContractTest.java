package org.vi4j.guides;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.fixtures.LatentsOnlyModel;

/**
 * What every guide of this module promises, checked for each provider the services file lists:
 * shapes, determinism, supports, log q of factorised guides, refusals at create, gradients reach φ.
 */
class GuideContractTest extends Vi4jTestBase {

  static Stream<GuideProvider> providers() {
    List<GuideProvider> all = new ArrayList<>();
    ServiceLoader.load(GuideProvider.class).forEach(all::add);
    // amortised guides cover one LOCAL latent and read the model's data: AmortizedGuideTest
    return all.stream().filter(p -> !p.name().equals("amortized"));
  }

  /** A model with one GLOBAL latent of every support the provider supports (sizes 1, 2, 3, …). */
  private static LatentSpec supportedSpec(GuideProvider p) {
    List<Latent> latents = new ArrayList<>();
    int size = 1;
    for (Support s : p.supports()) {
      latents.add(Latent.global("z_" + s.name().toLowerCase(java.util.Locale.ROOT), 
          s == Support.SIMPLEX ? size + 1 : size, s));
      size++;
    }
    return LatentSpec.of(latents);
  }

  private static VariationalFamily create(GuideProvider p, LatentSpec spec) {
    return p.create(new LatentsOnlyModel(spec),
        Options.empty().checkedFor("guide '" + p.name() + "'", p.options()));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void draw_givesEveryLatentParticlesBySize_andLogQParticlesByOne(GuideProvider p) {
    LatentSpec spec = supportedSpec(p);
    VariationalFamily q = create(p, spec);
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(1), 7);
    assertEquals(7, d.particles());
    d.z().checkAgainst(spec, 1);
    assertEquals(7, d.logQ().rows());
    assertEquals(1, d.logQ().cols());
    for (double v : d.logQ().toArray()) {
      assertTrue(Double.isFinite(v), "logQ " + v);
    }
    for (Latent l : spec.latents()) {
      Tensor z = d.z().get(l.name());
      for (int i = 0; i < z.rows(); i++) {
        double sum = 0;
        for (int j = 0; j < z.cols(); j++) {
          double v = z.get(i, j);
          sum += v;
          switch (l.support()) {
            case POSITIVE -> assertTrue(v > 0, l.name() + " " + v);
            case UNIT_INTERVAL -> assertTrue(v > 0 && v < 1, l.name() + " " + v);
            case SIMPLEX -> assertTrue(v > 0, l.name() + " " + v);
            default -> assertTrue(Double.isFinite(v), l.name() + " " + v);
          }
        }
        if (l.support() == Support.SIMPLEX) {
          assertEquals(1.0, sum, 1e-12);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void draw_isDeterministicInTheRngState(GuideProvider p) {
    LatentSpec spec = supportedSpec(p);
    VariationalFamily q = create(p, spec);
    Draw a = q.draw(LatentsOnlyModel.batch(), Rng.seeded(9), 5);
    Draw b = q.draw(LatentsOnlyModel.batch(), Rng.seeded(9), 5);
    for (String name : spec.names()) {
      assertArrayEquals(a.z().get(name).toArray(), b.z().get(name).toArray(), 0.0);
    }
    assertArrayEquals(a.logQ().toArray(), b.logQ().toArray(), 0.0);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void supports_equalTheProvidersAndParametersAreNamedAfterLatents(GuideProvider p) {
    LatentSpec spec = supportedSpec(p);
    VariationalFamily q = create(p, spec);
    assertEquals(p.supports(), q.supports());
    assertFalse(q.parameters().isEmpty());
    for (String name : q.parameters().names()) {
      String latent = name.substring(0, name.indexOf('.'));
      assertTrue(spec.contains(latent), name);
    }
    assertThrows(UnsupportedOperationException.class, () -> q.supports().add(Support.BINARY));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void factorizedGuides_logQIsTheSumOfTheFactorsLogDensities(GuideProvider p) {
    LatentSpec spec = supportedSpec(p);
    VariationalFamily q = create(p, spec);
    FactorizedFamily ff = q.as(FactorizedFamily.class).orElse(null);
    if (ff == null) {
      return; // checked against their own densities in the per-guide tests
    }
    assertEquals(spec.names(), ff.factorLatents());
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(3), 6);
    Tensor expected = null;
    for (String name : ff.factorLatents()) {
      Tensor lp = ff.factor(name).logProb(d.z().get(name)).sumRows();
      expected = expected == null ? lp : expected.add(lp);
    }
    assertArrayEquals(expected.toArray(), d.logQ().toArray(), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ff.factor("nope"));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(spec.names().get(0)),
        e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void create_refusesALatentOutsideItsSupports_namingLatentSupportAndSupported(GuideProvider p) {
    Support outside = EnumSet.complementOf(EnumSet.copyOf(p.supports())).stream()
        .filter(s -> s != Support.CATEGORICAL).findFirst().orElseThrow();
    LatentSpec spec = LatentSpec.of(Latent.global("bad_one", 2, outside));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(p, spec));
    String m = e.getMessage();
    assertTrue(m.contains("'bad_one'") && m.contains(outside.name())
        && m.contains(p.supports().toString()) && m.contains(p.name()), m);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void create_refusesALocalLatent(GuideProvider p) {
    Support s = p.supports().iterator().next();
    LatentSpec spec = LatentSpec.of(Latent.local("codes", 3, s));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(p, spec));
    assertTrue(e.getMessage().contains("'codes'") && e.getMessage().contains("LOCAL")
        && e.getMessage().contains("amortised"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void draw_refusesNonPositiveParticles(GuideProvider p) {
    VariationalFamily q = create(p, supportedSpec(p));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> q.draw(LatentsOnlyModel.batch(), Rng.seeded(1), 0));
    assertTrue(e.getMessage().contains("particles"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void gradients_reachEveryParameterThroughZAndLogQ(GuideProvider p) {
    LatentSpec spec = supportedSpec(p);
    VariationalFamily q = create(p, spec);
    assertTrue(q.reparameterizable());
    q.parameters().zeroGrad();
    try (Tape tape = Tape.record()) {
      tape.watch(q.parameters());
      Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(4), 8);
      Tensor f = d.logQ();
      for (String name : spec.names()) {
        // Σ_j (j + 1)(z_j + 1)²: no stationary point at the initial values (0, the simplex centre).
        Tensor z = d.z().get(name);
        double[] w = new double[z.cols()];
        java.util.Arrays.setAll(w, j -> j + 1.0);
        f = f.add(z.add(1.0).square().mul(Tensor.row(w)).sumRows());
      }
      tape.backward(f.mean());
    }
    for (Param param : q.parameters()) {
      double norm = 0;
      for (double g : param.grad().data) {
        assertTrue(Double.isFinite(g), param.name());
        norm += Math.abs(g);
      }
      assertTrue(norm > 0, "no gradient reached " + param.name());
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void steadyStateDraws_reuseTheTapesBuffers(GuideProvider p) {
    VariationalFamily q = create(p, supportedSpec(p));
    Tape tape = new Tape();
    int[] recorded = new int[3];
    for (int step = 0; step < 3; step++) {
      try (Tape t = tape.reset()) {
        t.watch(q.parameters());
        Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(step), 4);
        t.backward(d.logQ().mean());
        recorded[step] = t.recorded();
      }
    }
    assertEquals(recorded[1], recorded[2], "the same ops each step");
  }
}
