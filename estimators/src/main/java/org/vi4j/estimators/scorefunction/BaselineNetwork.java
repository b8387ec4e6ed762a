package org.vi4j.estimators.scorefunction;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.random.Rng;

/**
 * NVIL's input-dependent baseline b<sub>ψ</sub>(x) (Mnih &amp; Gregor 2014, §3.2): an MLP with one
 * tanh hidden layer mapping a data row to a number, trained by the {@link ScoreFunctionEstimator}
 * that owns it to minimise the squared residual of the learning signal, with Adam (Kingma &amp; Ba
 * 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8) at its own learning rate.
 *
 * <pre>{@code
 * BaselineNetwork net = new BaselineNetwork(500, 100, 1e-3);
 * Tensor b = net.forward(batch.data());     // B x 1
 * ... tape.backward(...) puts +∇ψ (the ascent direction of −loss) into net.parameters()
 * net.step();                               // ψ ← ψ + Adam(∇ψ)
 * }</pre>
 *
 * <p>Parameters {@code baseline.0.weight|bias} (input x hidden) and {@code baseline.1.*} (hidden x
 * 1), initialised from a fixed seed; the output bias starts at 0. Its state (ψ, Adam's moments and
 * step count) is written and read by the estimator's {@code writeState}/{@code readState}.
 */
final class BaselineNetwork {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;
  private static final long SEED = 0x4E56494CL;   // "NVIL"

  private final int input;
  private final int hidden;
  private final double lr;
  private final ParamStore params = new ParamStore();
  private final Mlp mlp;
  private final List<Param> list;
  private final double[][] m;
  private final double[][] v;
  private long t;

  BaselineNetwork(int input, int hidden, double lr) {
    this.input = input;
    this.hidden = hidden;
    this.lr = lr;
    this.mlp = Mlp.builder(input, hidden, 1).activation(Activation.TANH)
        .build(params, "baseline", Rng.seeded(SEED));
    this.list = params.params();
    this.m = new double[list.size()][];
    this.v = new double[list.size()][];
    for (int i = 0; i < list.size(); i++) {
      m[i] = new double[list.get(i).size()];
      v[i] = new double[list.get(i).size()];
    }
  }

  int input() {
    return input;
  }

  ParamStore parameters() {
    return params;
  }

  /** b_ψ(x) for data rows x (B x input): B x 1. */
  Tensor forward(Tensor x) {
    return mlp.forward(x);
  }

  /** One Adam ascent step along the gradients the last backward pass left in ψ. */
  void step() {
    t++;
    double c1 = 1 - Math.pow(BETA1, t);
    double c2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < list.size(); i++) {
      Param p = list.get(i);
      double[] x = p.value().data;
      double[] g = p.grad().data;
      double[] mi = m[i];
      double[] vi = v[i];
      for (int k = 0, n = p.size(); k < n; k++) {
        mi[k] = BETA1 * mi[k] + (1 - BETA1) * g[k];
        vi[k] = BETA2 * vi[k] + (1 - BETA2) * g[k] * g[k];
        x[k] += lr * (mi[k] / c1) / (Math.sqrt(vi[k] / c2) + EPS);
      }
    }
  }

  /** ψ, the moments and the step count. */
  void write(DataOutput out) throws IOException {
    out.writeInt(input);
    out.writeLong(t);
    for (int i = 0; i < list.size(); i++) {
      double[] x = list.get(i).value().data;
      for (int k = 0, n = list.get(i).size(); k < n; k++) {
        out.writeDouble(x[k]);
        out.writeDouble(m[i][k]);
        out.writeDouble(v[i][k]);
      }
    }
  }

  /** Reads what {@link #write} wrote after its input size (which the caller read and checked). */
  void readAfterInput(DataInput in) throws IOException {
    long steps = in.readLong();
    double[][] values = new double[list.size()][];
    double[][] mm = new double[list.size()][];
    double[][] vv = new double[list.size()][];
    for (int i = 0; i < list.size(); i++) {
      int n = list.get(i).size();
      values[i] = new double[n];
      mm[i] = new double[n];
      vv[i] = new double[n];
      for (int k = 0; k < n; k++) {
        values[i][k] = in.readDouble();
        mm[i][k] = in.readDouble();
        vv[i][k] = in.readDouble();
      }
    }
    for (int i = 0; i < list.size(); i++) {
      System.arraycopy(values[i], 0, list.get(i).value().data, 0, values[i].length);
      System.arraycopy(mm[i], 0, m[i], 0, mm[i].length);
      System.arraycopy(vv[i], 0, v[i], 0, vv[i].length);
    }
    t = steps;
  }

  int hidden() {
    return hidden;
  }
}
