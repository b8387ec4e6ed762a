package org.vi4j.app.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Exponential;
import org.vi4j.core.distributions.Gamma;
import org.vi4j.core.distributions.LogNormal;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.TruncatedNormal;

/**
 * A {@link Distribution}'s family, parameters and moments as a JSON-ready map.
 *
 * <pre>{@code
 * Describe.distribution(Gamma.of(2, 3), 1, false);
 * // {family=Gamma, shape=[2.0], rate=[3.0], mean=[0.667], sd=[0.471]}
 * }</pre>
 *
 * <p>Known families get their parameters by name (Gamma: shape, rate; TruncatedNormal: loc, scale,
 * lower; LogNormal and Normal: loc, scale; Exponential: rate); every family gets mean and sd.
 * Values are arrays of the block's size (a parameter that broadcasts is repeated), or plain numbers
 * when {@code scalar} is set and the block has one element.
 */
final class Describe {

  private Describe() {}

  /**
   * @param d the distribution, parameter shape {@code 1 x size} after broadcasting
   * @param size the block's size
   * @param scalar write one-element values as plain numbers
   */
  static Map<String, Object> distribution(Distribution d, int size, boolean scalar) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", d.name());
    if (d instanceof Gamma g) {
      m.put("shape", values(g.shape(), size, scalar));
      m.put("rate", values(g.rate(), size, scalar));
    } else if (d instanceof TruncatedNormal t) {
      m.put("loc", values(t.loc(), size, scalar));
      m.put("scale", values(t.scale(), size, scalar));
      m.put("lower", t.lower());
    } else if (d instanceof LogNormal l) {
      m.put("loc", values(l.loc(), size, scalar));
      m.put("scale", values(l.scale(), size, scalar));
    } else if (d instanceof Normal n) {
      m.put("loc", values(n.loc(), size, scalar));
      m.put("scale", values(n.scale(), size, scalar));
    } else if (d instanceof Exponential e) {
      m.put("rate", values(e.rate(), size, scalar));
    }
    m.put("mean", values(d.mean(), size, scalar));
    double[] sd = broadcast(d.variance(), size);
    for (int i = 0; i < sd.length; i++) {
      sd[i] = Math.sqrt(sd[i]);
    }
    m.put("sd", scalar && size == 1 ? (Object) sd[0] : sd);
    return m;
  }

  /** A tensor's values repeated to {@code size} if it holds one value. */
  static double[] broadcast(Tensor t, int size) {
    double[] v = t.toArray();
    if (v.length == size) {
      return v;
    }
    if (v.length == 1) {
      double[] out = new double[size];
      java.util.Arrays.fill(out, v[0]);
      return out;
    }
    throw new IllegalArgumentException("report: a distribution parameter of shape " + t.shape()
        + " does not broadcast to a block of " + size + " values");
  }

  private static Object values(Tensor t, int size, boolean scalar) {
    double[] v = broadcast(t, size);
    return scalar && size == 1 ? (Object) v[0] : v;
  }

  /** {value, standard_error, particles} of an ELBO estimate. */
  static Map<String, Object> estimate(double value, double standardError, Integer particles) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", value);
    m.put("standard_error", standardError);
    if (particles != null) {
      m.put("particles", particles);
    }
    return m;
  }
}
