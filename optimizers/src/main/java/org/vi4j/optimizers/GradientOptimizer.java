package org.vi4j.optimizers;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.Stateful;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.optimizers.schedule.LearningRateSchedule;

/**
 * The shared step of first-order optimizers: estimate the ELBO and its gradient, measure the
 * gradient, and apply a per-parameter update rule in place. Subclasses (SGD, Adam, Adagrad,
 * RMSprop, clipped Adam) only give the rule and its per-element state ("slots").
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.05);
 * for (...) {
 *   StepReport r = adam.step(problem, rng.split());       // θ and φ move up the ELBO
 *   if (!Double.isFinite(r.gradientNorm())) { ... the step changed nothing; handle it ... }
 *   problem = problem.next(batches.next());
 * }
 * }</pre>
 *
 * <p><strong>One step</strong>: {@code problem.zeroGrad()}, {@code estimator.estimate(...)} (which
 * adds +∇ELBO into each {@link Param#grad()}), the Euclidean norm ‖g‖ of the whole gradient over
 * θ and φ (computed with scaling, so huge finite gradients do not overflow), then for every
 * parameter the subclass's rule with step size η_t = {@code lr · schedule.rate(t)}, t the 0-based
 * number of updates applied so far. Optimizers <strong>ascend</strong>: x ← x + η_t · d(g).
 *
 * <p><strong>Non-finite gradients.</strong> If any gradient element is NaN or ±∞, the step applies
 * <em>no</em> update: parameter values, moments and the update count t stay as they were, and the
 * report's {@code gradientNorm} is NaN (some element NaN) or +∞, so the inference loop can detect
 * it and name the parameter. A non-finite ELBO value with finite gradients is not this class's
 * business: the update is applied and the loop, which snapshots parameters and this state through
 * {@link Stateful}, rolls back.
 *
 * <p><strong>Lifecycle: configure → step* → reset.</strong> The state (slots and t) is created on
 * the first {@link #step} from {@link Problem#parameters()} and is <em>bound</em> to those
 * {@link Param} objects (by identity): a problem with other parameters is an
 * {@link IllegalStateException} until {@link #reset()}. {@link #copy()} gives the same
 * configuration with no state.
 *
 * <p><strong>State format</strong> ({@link #writeState}, big-endian {@link DataOutput}):
 * <pre>
 * int    0x5649344F ("VI4O"), int format version 1
 * UTF    optimizer name (e.g. "adam")
 * int    number of settings, then per setting: UTF key, UTF value (doubles by Double.toString)
 * bool   has state
 * if has state:
 *   long t (updates applied)
 *   int  number of parameters; per parameter: UTF name, int rows, int cols, int slots,
 *        then slots × rows·cols doubles as raw IEEE-754 bits (slot-major)
 * </pre>
 * {@link #readState} refuses (IAE, nothing changed) another optimizer, other settings, or, when
 * this optimizer is bound, other parameter names or shapes. Read into an unbound optimizer (e.g. a
 * {@link #copy()}), the state waits for the next {@link #step}, which binds it to that problem's
 * parameters if names and shapes match, else throws {@link IllegalStateException}.
 *
 * <p><strong>Memory.</strong> In the steady state a step allocates only what the SPI makes it:
 * the estimator's {@link ElboEstimate} and the {@link StepReport} (both small records); the bound
 * parameters are checked against the stores' own lists (no {@link Problem#parameters()} list) and
 * the update loops run over cached arrays.
 *
 * <p>Not thread-safe.
 */
public abstract class GradientOptimizer implements Optimizer, Stateful {

  private static final int MAGIC = 0x5649344F; // "VI4O"
  private static final int FORMAT_VERSION = 1;

  private final String name;
  private final double lr;
  private final LearningRateSchedule schedule;
  private Map<String, String> settings;

  // ---- state: names == null means "no state yet"
  private String[] names;
  private int[] rows;
  private int[] cols;
  /** [parameter][slot][element]. */
  private double[][][] slots;
  /** The parameters the state belongs to; null while a read state waits for its first step. */
  private Param[] bound;
  private long t;

  /**
   * @param name the plugin name, for messages and the state header
   * @param lr the base learning rate, finite and &gt; 0
   * @param schedule the multiplier ρ_t of {@code lr}
   */
  protected GradientOptimizer(String name, double lr, LearningRateSchedule schedule) {
    this.name = Objects.requireNonNull(name, "name");
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(name + ": lr must be finite and > 0, got " + lr);
    }
    this.lr = lr;
    this.schedule = Objects.requireNonNull(schedule, () -> name + ": schedule must not be null");
  }

  // ------------------------------------------------------------------ what subclasses give

  /** Number of per-element state arrays per parameter (e.g. Adam: 2, m and v). */
  protected abstract int slotCount();

  /**
   * Fills a new parameter's slots with their initial values; the default leaves them zero.
   *
   * @param s the slots of one parameter, {@code slotCount()} arrays. Modified.
   */
  protected void initSlots(double[][] s) {
  }

  /**
   * Called once per applied update, before the per-parameter calls, with the 1-based update number
   * {@code k = t + 1} (for bias corrections and decays). Must not allocate.
   */
  protected void beginUpdate(long k) {
  }

  /**
   * Applies the rule to one parameter: x ← x + eta · d(g, s), ascending.
   *
   * @param x the parameter's values, first {@code n} elements. Modified.
   * @param g its gradient +∇ELBO, all finite. Not modified.
   * @param n number of elements
   * @param s its slots. Modified.
   * @param eta the step size η_t = lr · ρ_t of this update
   */
  protected abstract void update(double[] x, double[] g, int n, double[][] s, double eta);

  /**
   * The rule's own settings as exact strings, in a fixed order (not lr or the schedule, which
   * this class adds). Called once, lazily.
   *
   * @param out where to put them. Modified.
   */
  protected abstract void describe(Map<String, String> out);

  // ------------------------------------------------------------------ Optimizer

  @Override
  public final StepReport step(Problem problem, Rng rng) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(rng, "rng");
    Param[] ps = boundTo(problem) ? bound : bind(problem.parameters());
    problem.zeroGrad();
    ElboEstimate elbo = problem.estimator().estimate(problem.model(), problem.family(),
        problem.batch(), rng);
    double norm = gradientNorm(ps);
    if (Double.isFinite(norm)) {
      double eta = lr * schedule.rate(t);
      long k = t + 1;
      beginUpdate(k);
      for (int i = 0; i < ps.length; i++) {
        Param p = ps[i];
        update(p.value().data, p.grad().data, p.size(), slots[i], eta);
      }
      t = k;
    }
    return new StepReport(problem.step(), elbo, norm);
  }

  /**
   * Refuses a model and guide with no parameters at all: there would be nothing to update.
   */
  @Override
  public List<String> check(Model m, VariationalFamily q) {
    if (m.parameters().isEmpty() && q.parameters().isEmpty()) {
      return List.of("optimizer '" + name + "' has nothing to update: model '"
          + m.getClass().getSimpleName() + "' and guide '" + q.getClass().getSimpleName()
          + "' have no parameters");
    }
    return List.of();
  }

  @Override
  public final void reset() {
    names = null;
    rows = null;
    cols = null;
    slots = null;
    bound = null;
    t = 0;
  }

  @Override
  public abstract GradientOptimizer copy();

  // ------------------------------------------------------------------ accessors

  /** The plugin name, e.g. {@code "adam"}. */
  public final String name() {
    return name;
  }

  /** The base learning rate. */
  public final double learningRate() {
    return lr;
  }

  /** The schedule ρ_t that multiplies the learning rate. */
  public final LearningRateSchedule schedule() {
    return schedule;
  }

  /** Number of updates applied since the state was created (0 without state). */
  public final long updates() {
    return t;
  }

  /** True once a state exists (after a step, or after reading a saved state). */
  public final boolean hasState() {
    return names != null;
  }

  /** Every setting that must match for a saved state to be accepted: name, lr, schedule, rule. */
  public final Map<String, String> settings() {
    if (settings == null) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("lr", Double.toString(lr));
      describe(m);
      m.putAll(schedule.settings());
      settings = java.util.Collections.unmodifiableMap(m);
    }
    return settings;
  }

  @Override
  public String toString() {
    return name + settings();
  }

  // ------------------------------------------------------------------ binding

  /**
   * True if the state is bound to exactly the parameters of {@code problem} (θ then φ, by identity
   * and shape): the steady-state check, made on the stores' own lists without building
   * {@link Problem#parameters()}.
   */
  private boolean boundTo(Problem problem) {
    if (bound == null) {
      return false;
    }
    List<Param> theta = problem.model().parameters().params();
    List<Param> phi = problem.family().parameters().params();
    int nt = theta.size();
    if (nt + phi.size() != bound.length) {
      return false;
    }
    for (int i = 0; i < bound.length; i++) {
      Param p = i < nt ? theta.get(i) : phi.get(i - nt);
      if (p != bound[i] || p.rows() != rows[i] || p.cols() != cols[i]) {
        return false;
      }
    }
    return true;
  }

  private Param[] bind(List<Param> ps) {
    if (names == null) {
      int n = ps.size();
      Param[] b = new Param[n];
      String[] nm = new String[n];
      int[] r = new int[n];
      int[] c = new int[n];
      double[][][] s = new double[n][][];
      for (int i = 0; i < n; i++) {
        Param p = ps.get(i);
        b[i] = p;
        nm[i] = p.name();
        r[i] = p.rows();
        c[i] = p.cols();
        s[i] = new double[slotCount()][p.size()];
        initSlots(s[i]);
      }
      names = nm;
      rows = r;
      cols = c;
      slots = s;
      bound = b;
      t = 0;
      return b;
    }
    if (bound != null) {
      boolean same = ps.size() == bound.length;
      for (int i = 0; same && i < bound.length; i++) {
        Param p = ps.get(i);
        same = p == bound[i] && p.rows() == rows[i] && p.cols() == cols[i];
      }
      if (!same) {
        throw new IllegalStateException("optimizer '" + name + "' is bound to the parameters of "
            + "its first problem " + describeLayout() + "; this problem has " + describe(ps)
            + " (other objects or shapes). Call reset() first, or use copy() for another fit");
      }
      return bound;
    }
    // a state read by readState waits for parameters with its names and shapes
    String mismatch = layoutMismatch(names, rows, cols, ps);
    if (mismatch != null) {
      throw new IllegalStateException("optimizer '" + name + "': the state read earlier is for "
          + describeLayout() + ", but this problem has " + describe(ps) + ": " + mismatch
          + ". Call reset() to start afresh");
    }
    bound = ps.toArray(new Param[0]);
    return bound;
  }

  private String describeLayout() {
    List<String> l = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      l.add(names[i] + " " + rows[i] + "x" + cols[i]);
    }
    return l.toString();
  }

  private static String describe(List<Param> ps) {
    List<String> l = new ArrayList<>(ps.size());
    for (Param p : ps) {
      l.add(p.name() + " " + p.shape());
    }
    return l.toString();
  }

  /** The first difference between a saved layout and {@code ps}, or null if they match. */
  private static String layoutMismatch(String[] nm, int[] r, int[] c, List<Param> ps) {
    if (nm.length != ps.size()) {
      return nm.length + " parameters in the state, " + ps.size() + " here";
    }
    for (int i = 0; i < nm.length; i++) {
      Param p = ps.get(i);
      if (!nm[i].equals(p.name()) || r[i] != p.rows() || c[i] != p.cols()) {
        return "parameter " + i + " is '" + nm[i] + "' " + r[i] + "x" + c[i] + " in the state but '"
            + p.name() + "' " + p.shape() + " here";
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ gradient norm

  /**
   * ‖g‖₂ over all parameters, scaled by the largest |g_i| so that finite gradients never
   * overflow: NaN if any element is NaN, +∞ if any is ±∞ (and none NaN), else finite.
   */
  static double gradientNorm(Param[] ps) {
    double max = 0;
    boolean infinite = false;
    for (Param p : ps) {
      double[] g = p.grad().data;
      for (int k = 0, n = p.size(); k < n; k++) {
        double a = Math.abs(g[k]);
        if (!(a <= max)) {
          if (Double.isNaN(a)) {
            return Double.NaN;
          }
          if (a == Double.POSITIVE_INFINITY) {
            infinite = true;
          } else {
            max = a;
          }
        }
      }
    }
    if (infinite) {
      return Double.POSITIVE_INFINITY;
    }
    if (max == 0) {
      return 0;
    }
    double inv = 1.0 / max;
    double sum = 0;
    for (Param p : ps) {
      double[] g = p.grad().data;
      for (int k = 0, n = p.size(); k < n; k++) {
        double s = g[k] * inv;
        sum += s * s;
      }
    }
    return max * Math.sqrt(sum);
  }

  // ------------------------------------------------------------------ Stateful

  @Override
  public final void writeState(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(name);
    Map<String, String> s = settings();
    out.writeInt(s.size());
    for (Map.Entry<String, String> e : s.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.writeBoolean(names != null);
    if (names == null) {
      return;
    }
    out.writeLong(t);
    out.writeInt(names.length);
    for (int i = 0; i < names.length; i++) {
      out.writeUTF(names[i]);
      out.writeInt(rows[i]);
      out.writeInt(cols[i]);
      out.writeInt(slots[i].length);
      int n = rows[i] * cols[i];
      for (double[] slot : slots[i]) {
        for (int k = 0; k < n; k++) {
          out.writeLong(Double.doubleToRawLongBits(slot[k]));
        }
      }
    }
  }

  @Override
  public final void readState(DataInput in) throws IOException {
    String where = "optimizer '" + name + "' state";
    try {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException(where + ": not a vi4j optimizer state");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(where + ": format " + version + ", this vi4j reads "
            + FORMAT_VERSION);
      }
      String writer = in.readUTF();
      if (!writer.equals(name)) {
        throw new IllegalArgumentException(where + ": written by optimizer '" + writer
            + "', not '" + name + "'");
      }
      int count = in.readInt();
      Map<String, String> saved = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        saved.put(in.readUTF(), in.readUTF());
      }
      checkSettings(where, saved);
      if (!in.readBoolean()) {
        reset();
        return;
      }
      long savedT = in.readLong();
      if (savedT < 0) {
        throw new IllegalArgumentException(where + ": negative update count " + savedT);
      }
      int n = in.readInt();
      if (n < 0) {
        throw new IllegalArgumentException(where + ": negative parameter count " + n);
      }
      String[] nm = new String[n];
      int[] r = new int[n];
      int[] c = new int[n];
      double[][][] s = new double[n][][];
      for (int i = 0; i < n; i++) {
        nm[i] = in.readUTF();
        r[i] = in.readInt();
        c[i] = in.readInt();
        int k = in.readInt();
        if (k != slotCount()) {
          throw new IllegalArgumentException(where + ": parameter '" + nm[i] + "' has " + k
              + " state arrays, this configuration keeps " + slotCount());
        }
        if (r[i] <= 0 || c[i] <= 0 || (long) r[i] * c[i] > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException(where + ": parameter '" + nm[i] + "' has shape "
              + r[i] + "x" + c[i]);
        }
        s[i] = new double[k][r[i] * c[i]];
        for (double[] slot : s[i]) {
          for (int e = 0; e < slot.length; e++) {
            slot[e] = Double.longBitsToDouble(in.readLong());
          }
        }
      }
      if (bound != null) {
        String mismatch = layoutMismatch(nm, r, c, java.util.Arrays.asList(bound));
        if (mismatch != null) {
          throw new IllegalArgumentException(where + " does not fit the parameters this optimizer "
              + "is bound to: " + mismatch + " (call reset() first to read it for other parameters)");
        }
      }
      names = nm;
      rows = r;
      cols = c;
      slots = s;
      t = savedT;
      // bound stays as it was: null (the next step binds by name and shape) or checked above
    } catch (EOFException e) {
      throw new IllegalArgumentException(where + ": truncated", e);
    }
  }

  private void checkSettings(String where, Map<String, String> saved) {
    Map<String, String> mine = settings();
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, String> e : mine.entrySet()) {
      String theirs = saved.get(e.getKey());
      if (theirs == null) {
        diffs.add(e.getKey() + ": absent in the state, " + e.getValue() + " here");
      } else if (!theirs.equals(e.getValue())) {
        diffs.add(e.getKey() + ": " + theirs + " in the state, " + e.getValue() + " here");
      }
    }
    for (Map.Entry<String, String> e : saved.entrySet()) {
      if (!mine.containsKey(e.getKey())) {
        diffs.add(e.getKey() + ": " + e.getValue() + " in the state, absent here");
      }
    }
    if (!diffs.isEmpty()) {
      throw new IllegalArgumentException(where + " was written with other settings: "
          + String.join("; ", diffs));
    }
  }
}
