package org.vi4j.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.GradientCheck;

/**
 * The steady state of a training loop must not allocate: the tape reuses its nodes and buffers and
 * backward steps are stateless singletons. A 2-layer MLP step (forward, backward, SGD update) runs
 * 1,000 times; the allocation of the calling thread over the last 500 steps, read from the JVM's
 * own per-thread counter, must stay below {@link #BOUND_BYTES_PER_STEP}.
 */
class TapeAllocationTest {

  /**
   * The bound we hold the tape to. Measured here: 0 bytes per step with the EJML and netlib GEMMs
   * (the counter's own granularity aside); the bound leaves room for JIT-time noise.
   */
  static final long BOUND_BYTES_PER_STEP = 512;

  @Test
  void mlpTrainingStepAllocatesNothingInTheSteadyState() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Random r = new Random(7);
    Tensor x = Tensor.constant(GradientCheck.uniform(r, 100, 50, -1, 1));
    DMatrixRMaj target = GradientCheck.uniform(r, 100, 10, -1, 1);
    Tensor y = Tensor.constant(target);
    ParamStore ps = new ParamStore();
    Param w1 = ps.add("layer0.weight", GradientCheck.uniform(r, 50, 64, -0.2, 0.2));
    Param b1 = ps.add("layer0.bias", 1, 64, 0.0);
    Param w2 = ps.add("layer1.weight", GradientCheck.uniform(r, 64, 10, -0.2, 0.2));
    Param b2 = ps.add("layer1.bias", 1, 10, 0.0);
    Tape tape = new Tape();
    long tid = Thread.currentThread().getId();
    double firstLoss = 0;
    double lastLoss = 0;
    long before = 0;
    for (int step = 0; step < 1000; step++) {
      if (step == 500) {
        before = threads.getThreadAllocatedBytes(tid);
      }
      ps.zeroGrad();
      try (Tape t = tape.reset()) {
        t.watch(ps);
        Tensor h = x.matmul(w1).add(b1).tanh();
        Tensor out = h.matmul(w2).add(b2);
        Tensor loss = out.sub(y).square().mean();
        t.backward(loss);
        lastLoss = loss.item();
        if (step == 0) {
          firstLoss = lastLoss;
        }
      }
      for (int i = 0; i < ps.size(); i++) {
        Param p = ps.params().get(i);
        double[] v = p.value().data;
        double[] g = p.grad().data;
        for (int k = 0, n = p.size(); k < n; k++) {
          v[k] -= 0.5 * g[k];
        }
      }
    }
    long perStep = (threads.getThreadAllocatedBytes(tid) - before) / 500;
    assertTrue(lastLoss < 0.5 * firstLoss, "the MLP must actually train: " + firstLoss + " -> "
        + lastLoss);
    assertTrue(perStep < BOUND_BYTES_PER_STEP, "steady-state allocation " + perStep
        + " bytes per step, bound " + BOUND_BYTES_PER_STEP);
  }
}
