package org.vi4j.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.testing.Vi4jTestBase;

/** Minibatches copy rows into reused buffers: every row once per epoch, no per-batch data copy. */
class MinibatchesTest extends Vi4jTestBase {

  @Test
  void minibatchesVisitsEveryRowOncePerEpochWithoutCopyingTheData() {
    DMatrixRMaj data = new DMatrixRMaj(10, 2);
    for (int i = 0; i < 10; i++) {
      data.set(i, 0, i);
      data.set(i, 1, -i);
    }
    Minibatches s = new Minibatches(data, 4);
    assertEquals(3, s.batchesPerEpoch());
    Rng rng = Rng.seeded(5);
    for (int epoch = 0; epoch < 2; epoch++) {
      boolean[] seen = new boolean[10];
      for (int k = 0; k < 3; k++) {
        Batch b = s.next(rng);
        assertEquals(k < 2 ? 4 : 2, b.size());
        assertEquals(10.0 / b.size(), b.scale());
        for (int i = 0; i < b.size(); i++) {
          int r = b.row(i);
          assertEquals(r, b.data().get(i, 0));
          assertEquals(-r, b.data().get(i, 1));
          assertTrue(!seen[r]);
          seen[r] = true;
        }
      }
    }
  }

  @Test
  void minibatchesAllocatesNothingPerBatchInTheSteadyState() {
    DMatrixRMaj data = new DMatrixRMaj(2000, 784);
    Minibatches s = new Minibatches(data, 100);
    Rng rng = Rng.seeded(5);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int k = 0; k < 2000; k++) {
      s.next(rng);
    }
    long before = threads.getThreadAllocatedBytes(tid);
    for (int k = 0; k < 1000; k++) {
      s.next(rng);
    }
    long perStep = (threads.getThreadAllocatedBytes(tid) - before) / 1000;
    // the batch and its row indices are refilled in place: not even a Batch record per call
    assertTrue(perStep < 16, perStep + " bytes per batch (a 100 x 784 copy would be 627,200)");
  }
}
