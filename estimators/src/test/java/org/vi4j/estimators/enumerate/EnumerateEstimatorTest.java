package org.vi4j.estimators.enumerate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Categorical;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.Scope;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.testing.BinaryFactors;
import org.vi4j.estimators.testing.Fixtures;

/** {@link EnumerateEstimator} against brute-force sums and their finite-difference gradients. */
class EnumerateEstimatorTest extends Vi4jTestBase {

  private static final int[] ALL = {0, 1, 2, 3, 4, 5};

  @Test
  void fullBatch_valueAndGradientAreExact() {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    ElboEstimate e = new EnumerateEstimator(12).estimate(m, q, Batch.full(BinaryFactors.data()),
        Rng.seeded(1));
    assertEquals(BinaryFactors.exactElbo(m, q, ALL), e.value(), 1e-10);
    assertEquals(0.0, e.standardError());
    double[] exact = BinaryFactors.exactGradient(m, q, ALL);
    double[] got = BinaryFactors.gradients(m, q);
    for (int k = 0; k < exact.length; k++) {
      assertEquals(exact[k], got[k], 1e-6 * Math.max(1, Math.abs(exact[k])), "component " + k);
    }
  }

  /** A minibatch is scaled N/B; its standard error is that of the subsample. */
  @Test
  void minibatch_isScaledAndReportsTheSubsampleError() {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    int[] rows = {4, 1};
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    EnumerateEstimator est = new EnumerateEstimator(12);
    ElboEstimate e = est.estimate(m, q, BinaryFactors.batch(rows), Rng.seeded(1));
    assertEquals(BinaryFactors.exactElbo(m, q, rows), e.value(), 1e-10);
    double[] perRow = est.elboPerRow(m, q, BinaryFactors.batch(rows));
    double sd = Math.abs(perRow[0] - perRow[1]) / Math.sqrt(2);
    assertEquals(6 * sd / Math.sqrt(2), e.standardError(), 1e-9);
    double[] exact = BinaryFactors.exactGradient(m, q, rows);
    double[] got = BinaryFactors.gradients(m, q);
    for (int k = 0; k < exact.length; k++) {
      assertEquals(exact[k], got[k], 1e-6 * Math.max(1, Math.abs(exact[k])), "component " + k);
    }
  }

  /** Rows processed in chunks give the same value and gradient as one pass. */
  @Test
  void chunksOfRowsGiveTheSameResult() {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    Batch all = Batch.full(BinaryFactors.data());
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    double one = new EnumerateEstimator(12).estimate(m, q, all, Rng.seeded(1)).value();
    double[] g1 = BinaryFactors.gradients(m, q);
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    // 8 configurations x 2 columns: 40 values allow 2 rows per chunk, so 3 chunks
    double chunked = new EnumerateEstimator(12, 40).estimate(m, q, all, Rng.seeded(1)).value();
    double[] g2 = BinaryFactors.gradients(m, q);
    assertEquals(one, chunked, 1e-10);
    assertArrayEquals(g1, g2, 1e-10);
  }

  @Test
  void elboPerRow_recordsNoGradient() {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    double[] rows = new EnumerateEstimator(12).elboPerRow(m, q, Batch.full(BinaryFactors.data()));
    double sum = 0;
    for (int i = 0; i < 6; i++) {
      assertEquals(BinaryFactors.exactElbo(m, q, new int[] {i}) / 6, rows[i], 1e-10);
      sum += rows[i];
    }
    assertEquals(BinaryFactors.exactElbo(m, q, ALL), sum, 1e-10);
    for (double g : BinaryFactors.gradients(m, q)) {
      assertEquals(0.0, g);
    }
  }

  @Test
  void refusesMoreThanMaxKBinaryValuesNamingKAndTheOption() {
    BinaryFactors.Gen m = BinaryFactors.model();
    EnumerateEstimator est = new EnumerateEstimator(2);
    List<String> problems = est.check(m, BinaryFactors.guide());
    assertEquals(1, problems.size(), problems.toString());
    String msg = problems.get(0);
    assertTrue(msg.contains("K = 3 binary latent values per data row (2^3 = 8 configurations)")
        && msg.contains("K <= 2 (option max-k)") && msg.contains("'score-function'"), msg);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> est.estimate(m, BinaryFactors.guide(), Batch.full(BinaryFactors.data()),
            Rng.seeded(1)));
    assertEquals(msg, e.getMessage());
    assertEquals(List.of(), new EnumerateEstimator(3).check(m, BinaryFactors.guide()));
    assertThrows(IllegalArgumentException.class, () -> new EnumerateEstimator(0));
    assertThrows(IllegalArgumentException.class, () -> new EnumerateEstimator(31));
  }

  @Test
  void refusesGlobalOrContinuousLatentsAndModelsWithoutRows() {
    EnumerateEstimator est = new EnumerateEstimator(12);
    List<String> p = est.check(Fixtures.model(true), Fixtures.guide(false));
    String all = String.join("\n", p);
    assertTrue(all.contains("per-row log joint (PointwiseLogJoint") && all.contains("is not: use "
        + "'score-function'") && all.contains("needs every latent to be LOCAL"), all);
    List<String> rows = est.check(BinaryFactors.model().withoutRows(), BinaryFactors.guide());
    assertEquals(1, rows.size(), rows.toString());
  }

  // ---------------------------------------------------------------- a CATEGORICAL latent

  /** c_i ~ Categorical(1/3, 1/3, 1/3), x_i ~ N(μ_c, 1) with μ = (−1, 0, 2) learned. */
  static final class Mixture implements Model, PointwiseLogJoint {
    final ParamStore params = new ParamStore();
    final Param mu = params.add("mu", new DMatrixRMaj(new double[][] {{-1, 0, 2}}));
    final LatentSpec spec = LatentSpec.of(Latent.categorical("c", 1, 3, Scope.LOCAL));

    @Override
    public LatentSpec latents() {
      return spec;
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      Tensor rows = logJointPerRow(z, batch);
      return rows.reshape(z.particles(), batch.size()).sumRows().mul(batch.scale());
    }

    @Override
    public Tensor logJointPerRow(Latents z, Batch batch) {
      Tensor c = z.get("c");
      int n = c.rows();
      int[] idx = new int[n];
      for (int r = 0; r < n; r++) {
        idx[r] = (int) c.get(r, 0);
      }
      Tensor means = mu.repeatRows(n).gather(idx);                  // n x 1
      Tensor x = batch.data().repeatRows(n / batch.size());
      return x.sub(means).square().mul(-0.5).sub(0.5 * Math.log(2 * Math.PI) + Math.log(3));
    }
  }

  /** q(c_i | x_i) = Categorical(softmax(x_i a + b)). */
  static final class CategoricalGuide implements VariationalFamily, FactorizedFamily {
    final ParamStore params = new ParamStore();
    final Param a = params.add("a", new DMatrixRMaj(new double[][] {{-0.7, 0.1, 0.9}}));
    final Param b = params.add("b", new DMatrixRMaj(new double[][] {{0.2, 0.3, -0.4}}));

    Categorical encode(Tensor x) {
      return Categorical.ofLogits(x.matmul(a).add(b));
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      throw new UnsupportedOperationException("enumerate does not draw");
    }

    @Override
    public boolean reparameterizable() {
      return false;
    }

    @Override
    public Set<Support> supports() {
      return Set.of(Support.CATEGORICAL);
    }

    @Override
    public List<String> factorLatents() {
      return List.of("c");
    }

    @Override
    public Distribution factor(String latent) {
      return encode(Tensor.zeros(1, 1));
    }

    @Override
    public Distribution factor(String latent, Batch batch) {
      return encode(batch.data());
    }
  }

  @Test
  void categoricalLatentsAreSummedOverTheirCategories() {
    double[] x = {-1.2, 0.4, 2.5, 0.9};
    Mixture m = new Mixture();
    CategoricalGuide q = new CategoricalGuide();
    double expected = 0;
    for (double xi : x) {
      double[] l = new double[3];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 3; k++) {
        l[k] = xi * q.a.get(0, k) + q.b.get(0, k);
        max = Math.max(max, l[k]);
      }
      double z = 0;
      for (double v : l) {
        z += Math.exp(v - max);
      }
      for (int k = 0; k < 3; k++) {
        double logq = l[k] - max - Math.log(z);
        double mk = m.mu.get(0, k);
        double logp = -0.5 * (xi - mk) * (xi - mk) - 0.5 * Math.log(2 * Math.PI) - Math.log(3);
        expected += Math.exp(logq) * (logp - logq);
      }
    }
    m.parameters().zeroGrad();
    ElboEstimate e = new EnumerateEstimator(12).estimate(m, q, Batch.full(Tensor.column(x)),
        Rng.seeded(1));
    assertEquals(expected, e.value(), 1e-10);
    // ∂/∂μ_k = Σ_i q(k | x_i)(x_i − μ_k)
    for (int k = 0; k < 3; k++) {
      double g = 0;
      for (double xi : x) {
        Tensor probs = q.encode(Tensor.scalar(xi)).probs();
        g += probs.get(0, k) * (xi - m.mu.get(0, k));
      }
      assertEquals(g, m.mu.grad().get(0, k), 1e-10, "d/d mu_" + k);
    }
  }
}
