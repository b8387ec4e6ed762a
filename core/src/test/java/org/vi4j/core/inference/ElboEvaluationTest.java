package org.vi4j.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.testing.Vi4jTestBase;

class ElboEvaluationTest extends Vi4jTestBase {

  /**
   * Evaluating by chunks of rows (each chunk a batch scaled N/B_c, combined weighted B_c/N) estimates
   * the same full-data ELBO as drawing particles over all rows: the two estimates agree within 4
   * of their combined standard errors.
   */
  @Test
  void rowChunksEstimateTheSameElbo() {
    double[] x = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i) + 1;
    }
    Fixtures.NormalNormal m = new Fixtures.NormalNormal(x);
    Fixtures.Guide q = new Fixtures.Guide();
    q.loc.value().data[0] = 0.7;
    q.logScale.value().data[0] = -1.5;
    ElboEvaluation.Result whole = ElboEvaluation.evaluate(m, q, Batch.full(m.x), Rng.seeded(1), 20_000);
    ElboEvaluation.Result chunks = ElboEvaluation.evaluateByRows(m, q, m.x, Rng.seeded(2), 400);
    double se = Math.hypot(whole.elbo().standardError(), chunks.elbo().standardError());
    assertTrue(Math.abs(whole.elbo().value() - chunks.elbo().value()) < 4 * se,
        whole.elbo() + " vs " + chunks.elbo());
    assertTrue(Double.isNaN(chunks.psis().kHat()), "no per-particle ratios over the full data");
    assertEquals(400 * 50, chunks.elbo().particles());
  }
}
