package org.vi4j.core.inference;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.diagnostics.ParetoSmoothing;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FitListener;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.Stateful;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference loop: runs steps of an {@link Optimizer} over minibatches until a stopping rule
 * holds, guards against divergence, averages iterates, checkpoints, and evaluates the fit.
 *
 * <pre>{@code
 * FitResult fit = Inference.builder()
 *     .model(model).guide(guide).estimator(estimator).optimizer(optimizer)
 *     .stopAfterSteps(5_000).averageLast(0.2).seed(42)
 *     .build().run();
 * fit.elbo();                       // value ± standard error, from 1,000 fresh particles
 * fit.parameter("rate.shape");
 * }</pre>
 *
 * <p><strong>Steps.</strong> Each step takes the next minibatch (B rows shuffled each epoch, scale
 * N/B; the whole data set by default), asks the optimizer for one update, and records the ELBO
 * estimate the update was computed at.
 *
 * <p><strong>Stopping.</strong> A step limit ({@link Builder#stopAfterSteps}), a wall-clock budget
 * ({@link Builder#maxSeconds}) and, if enabled, Stan ADVI's convergence rule ({@link
 * Builder#convergence}); {@link FitResult#stopReason()} says which held.
 *
 * <p><strong>Divergence guard.</strong> Before each step the parameters and the optimizer's and
 * estimator's {@link Stateful} state are snapshotted. A step whose ELBO, any gradient or any
 * parameter comes out non-finite is rejected: everything goes back to the snapshot and the next
 * step draws a new batch and new noise. After {@link Builder#maxBadSteps} consecutive rejected steps
 * (default 5) the run stops with a {@link DivergenceException} naming the first parameter that went
 * non-finite and the step; the parameters then hold the last good values.
 *
 * <p><strong>Averaging.</strong> With {@link Builder#averageLast}(f), the parameters of the last
 * fraction f of the step limit are averaged (Polyak–Ruppert) in the space they are stored in, which
 * for vi4j's guides is the unconstrained one (log shape, softplus-raw scale, ...); the fit ends at
 * the average and also reports the last iterate.
 *
 * <p><strong>Checkpoints.</strong> With {@link Builder#checkpointEvery}, the complete state
 * (parameters, optimizer and estimator state, every random stream, the batch order, the averages
 * and the convergence window) is written atomically every K steps; {@link Builder#resumeFrom}
 * continues such a run so that it ends bit for bit where the uninterrupted run would.
 *
 * <p>Not thread-safe; the parts must not be shared with another running fit.
 */
public final class Inference {

  private static final Logger LOG = LoggerFactory.getLogger(Inference.class);
  private static final int CHECKPOINT_MAGIC = 0x56344A43; // "V4JC"
  private static final int CHECKPOINT_VERSION = 1;

  /** Default Stan ADVI values: evaluate every 100 steps, tolerance 0.01. */
  public static final int DEFAULT_EVAL_EVERY = 100;
  public static final double DEFAULT_TOL_REL_OBJ = 0.01;
  /** Particles of the final ELBO evaluation. */
  public static final int DEFAULT_EVAL_PARTICLES = 1000;
  /** Particles of each convergence evaluation (Stan's {@code eval_elbo} default is 100). */
  public static final int DEFAULT_CONVERGENCE_PARTICLES = 100;
  public static final int DEFAULT_MAX_BAD_STEPS = 5;

  private final Model model;
  private final VariationalFamily guide;
  private final GradientEstimator estimator;
  private final Optimizer optimizer;
  private final Tensor data;
  private final int batchSize;
  private final long maxSteps;
  private final double maxSeconds;
  private final boolean convergence;
  private final int evalEvery;
  private final double tolRelObj;
  private final int convergenceParticles;
  private final double averageLast;
  private final long seed;
  private final int maxBadSteps;
  private final int evalParticles;
  private final List<FitListener> listeners;
  private final long checkpointEvery;
  private final Path checkpoint;
  private final Path resumeFrom;
  private final double logEverySeconds;

  private Inference(Builder b) {
    this.model = b.model;
    this.guide = b.guide;
    this.estimator = b.estimator;
    this.optimizer = b.optimizer;
    this.data = b.data;
    this.batchSize = b.batchSize;
    this.maxSteps = b.maxSteps;
    this.maxSeconds = b.maxSeconds;
    this.convergence = b.convergence;
    this.evalEvery = b.evalEvery;
    this.tolRelObj = b.tolRelObj;
    this.convergenceParticles = b.convergenceParticles;
    this.averageLast = b.averageLast;
    this.seed = b.seed;
    this.maxBadSteps = b.maxBadSteps;
    this.evalParticles = b.evalParticles;
    this.listeners = List.copyOf(b.listeners);
    this.checkpointEvery = b.checkpointEvery;
    this.checkpoint = b.checkpoint;
    this.resumeFrom = b.resumeFrom;
    this.logEverySeconds = b.logEverySeconds;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The mutable state of one run; kept together so checkpoints can write and read all of it. */
  private final class RunState {
    final Rng batchRng;
    final Rng stepRng;
    final Rng evalRng;
    final Minibatches batches;
    final ConvergenceMonitor monitor;
    final double[] averageSum;
    /** First step whose iterate is averaged (from the step limit and averageLast). */
    final long averageFrom;
    long averaged;
    long step;
    long rejected;

    RunState() {
      Rng root = Rng.seeded(seed);
      batchRng = root.split();
      stepRng = root.split();
      evalRng = root.split();
      batches = new Minibatches(data, batchSize);
      monitor = convergence ? new ConvergenceMonitor(tolRelObj, maxSteps, evalEvery) : null;
      averageSum = averageLast > 0 ? new double[totalLength()] : null;
      averageFrom = averageLast > 0 ? (long) Math.floor((1 - averageLast) * maxSteps)
          : Long.MAX_VALUE;
    }
  }

  /**
   * Runs the fit.
   *
   * @throws IllegalArgumentException if the parts cannot work together (all problems at once)
   * @throws DivergenceException after too many consecutive non-finite steps
   */
  public FitResult run() {
    checkCompatibility();
    RunState s = new RunState();
    if (resumeFrom != null) {
      readCheckpoint(resumeFrom, s);
      LOG.info("resumed from {} at step {}", resumeFrom, s.step);
    }
    long startStep = s.step;
    long t0 = System.nanoTime();
    PrimitiveTrace trace = new PrimitiveTrace();
    Snapshot snap = new Snapshot();
    Problem first = Problem.start(model, guide, estimator, Batch.full(data));
    for (FitListener l : listeners) {
      l.onStart(first);
    }
    if (convergence && s.step == 0) {
      s.monitor.record(evaluation(s, convergenceParticles).elbo().value());
    }
    StopReason reason = null;
    int consecutiveBad = 0;
    long firstBadStep = -1;
    String firstBadName = null;
    long lastLog = t0;
    while (reason == null) {
      if (s.step >= maxSteps) {
        reason = StopReason.MAX_STEPS;
        break;
      }
      double elapsed = (System.nanoTime() - t0) * 1e-9;
      if (elapsed >= maxSeconds) {
        reason = StopReason.TIME_BUDGET;
        break;
      }
      Batch batch = s.batches.next(s.batchRng);
      Problem problem = new Problem(model, guide, estimator, batch, s.step);
      snap.take();
      StepReport report;
      String bad;
      try {
        report = optimizer.step(problem, s.stepRng);
        bad = findNonFinite(report);
      } catch (org.vi4j.core.distributions.DistributionException e) {
        report = null;
        bad = "a distribution parameter (" + e.getMessage() + ")";
      }
      if (bad != null) {
        snap.restore();
        s.rejected++;
        if (consecutiveBad == 0) {
          firstBadStep = s.step;
          firstBadName = bad;
        }
        consecutiveBad++;
        LOG.warn("step {} rejected: {} went non-finite; parameters restored", s.step, bad);
        if (consecutiveBad >= maxBadSteps) {
          for (FitListener l : listeners) {
            l.onEnd(s.step);
          }
          FitResult partial = result(trace, null, null, StopReason.DIVERGED, s, t0, null);
          throw new DivergenceException("The run diverged: " + consecutiveBad
              + " consecutive steps went non-finite, the first at step " + firstBadStep + " in "
              + firstBadName + ". The parameters hold the last good values (step " + s.step
              + "); try a smaller learning rate or more particles.", firstBadStep, firstBadName,
              partial);
        }
        continue;
      }
      consecutiveBad = 0;
      double seconds = (System.nanoTime() - t0) * 1e-9;
      trace.add(s.step, report.elbo().value(), seconds);
      if (s.step >= s.averageFrom) {
        accumulateAverage(s);
      }
      for (FitListener l : listeners) {
        l.onStep(report);
      }
      s.step++;
      if (checkpointEvery > 0 && s.step % checkpointEvery == 0) {
        writeCheckpoint(checkpoint, s);
      }
      if (convergence && s.step % evalEvery == 0) {
        reason = s.monitor.record(evaluation(s, convergenceParticles).elbo().value());
      }
      long now = System.nanoTime();
      if ((now - lastLog) * 1e-9 >= logEverySeconds) {
        lastLog = now;
        LOG.info("step {}: elbo {} ({} steps/s)", s.step, report.elbo().value(),
            String.format(java.util.Locale.ROOT, "%.1f", (s.step - startStep) / seconds));
      }
    }
    for (FitListener l : listeners) {
      l.onEnd(s.step); // stepping is over; the final evaluation follows
    }
    if (checkpoint != null && (s.step % checkpointEvery != 0)) {
      writeCheckpoint(checkpoint, s); // the state to resume from: before averaging replaces it
    }
    Map<String, double[]> lastIterate = parameterMap();
    ElboEvaluation.Result lastEval = null;
    if (s.averaged > 0) {
      lastEval = finalEvaluation(s);
      setAverage(s);
    }
    ElboEvaluation.Result finalEval = finalEvaluation(s);
    FitResult fit = result(trace, finalEval, lastEval == null ? finalEval : lastEval, reason, s, t0,
        lastIterate);
    LOG.info("stopped after {} steps ({}): elbo {} ± {}, {}", fit.steps(), reason,
        fit.elbo().value(), fit.elbo().standardError(), fit.psis());
    return fit;
  }

  /**
   * The ELBO at the current parameters: in closed form where the model has one for this guide
   * ({@link ClosedFormElbo}; standard error 0, no k̂); otherwise from fresh draws:
   * {@link #evalParticles} particles over the
   * whole data set, or — for a model with LOCAL latents, whose draws grow with the rows — by chunks
   * of rows with max(2, evalParticles / N) particles per row ({@link
   * ElboEvaluation#evaluateByRows}).
   */
  private ElboEvaluation.Result finalEvaluation(RunState s) {
    return evaluation(s, evalParticles);
  }

  private ElboEvaluation.Result evaluation(RunState s, int particles) {
    java.util.OptionalDouble exact = model.as(ClosedFormElbo.class)
        .map(c -> c.closedFormElbo(guide)).orElse(java.util.OptionalDouble.empty());
    if (exact.isPresent()) {
      return ElboEvaluation.exact(exact.getAsDouble());
    }
    if (model.latents().hasLocal()) {
      int perRow = Math.max(2, particles / data.rows()); // 2: a standard error needs a spread
      return ElboEvaluation.evaluateByRows(model, guide, data, s.evalRng, perRow);
    }
    return ElboEvaluation.evaluate(model, guide, Batch.full(data), s.evalRng, particles);
  }

  private FitResult result(PrimitiveTrace trace, ElboEvaluation.Result eval,
      ElboEvaluation.Result lastEval, StopReason reason, RunState s, long t0,
      Map<String, double[]> lastIterate) {
    Map<String, double[]> params = parameterMap();
    ElboEstimate elbo = eval == null ? new ElboEstimate(Double.NaN, Double.NaN, 1) : eval.elbo();
    ElboEstimate last = lastEval == null ? elbo : lastEval.elbo();
    ParetoSmoothing.Result psis = eval == null ? new ParetoSmoothing.Result(Double.NaN, 0, 0)
        : eval.psis();
    return new FitResult(trace.toTrace(), elbo, last, params,
        lastIterate == null ? params : lastIterate, reason, s.step, s.rejected,
        (System.nanoTime() - t0) * 1e-9, s.averaged, psis);
  }

  // ------------------------------------------------------------------ compatibility

  private void checkCompatibility() {
    List<String> problems = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    model.latents().latents().forEach(l -> {
      if (!guide.supports().contains(l.support())) {
        unsupported.add("latent " + l.describe() + " is outside what guide "
            + guide.getClass().getSimpleName() + " supports " + guide.supports());
      }
    });
    problems.addAll(unsupported);
    problems.addAll(estimator.check(model, guide));
    problems.addAll(optimizer.check(model, guide));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("These parts cannot fit together:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  // ------------------------------------------------------------------ divergence guard

  /** The first non-finite thing of a step (a gradient, then a value, then the ELBO), or null. */
  private String findNonFinite(StepReport report) {
    String g = firstNonFinite("model", model.parameters(), true);
    if (g == null) {
      g = firstNonFinite("guide", guide.parameters(), true);
    }
    if (g != null) {
      return "the gradient of " + g;
    }
    String v = firstNonFinite("model", model.parameters(), false);
    if (v == null) {
      v = firstNonFinite("guide", guide.parameters(), false);
    }
    if (v != null) {
      return v;
    }
    return Double.isFinite(report.elbo().value()) ? null : "the ELBO";
  }

  private static String firstNonFinite(String owner, ParamStore ps, boolean gradient) {
    List<Param> list = ps.params();
    for (int i = 0; i < list.size(); i++) {
      Param p = list.get(i);
      double[] d = gradient ? p.grad().data : p.value().data;
      for (int k = 0, n = p.size(); k < n; k++) {
        if (!Double.isFinite(d[k])) {
          return owner + " parameter '" + p.name() + "'";
        }
      }
    }
    return null;
  }

  /** Parameter values and Stateful state, taken before a step and restored if it goes bad. */
  private final class Snapshot {
    private final double[] modelValues = new double[model.parameters().totalLength()];
    private final double[] guideValues = new double[guide.parameters().totalLength()];
    private final StateBuffer optimizerState = new StateBuffer();
    private final StateBuffer estimatorState = new StateBuffer();

    void take() {
      model.parameters().copyValuesTo(modelValues);
      guide.parameters().copyValuesTo(guideValues);
      try {
        if (optimizer instanceof Stateful st) {
          st.writeState(optimizerState.clear());
        }
        if (estimator instanceof Stateful st) {
          st.writeState(estimatorState.clear());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void restore() {
      model.parameters().copyValuesFrom(modelValues);
      guide.parameters().copyValuesFrom(guideValues);
      try {
        if (optimizer instanceof Stateful st) {
          st.readState(optimizerState.rewind());
        }
        if (estimator instanceof Stateful st) {
          st.readState(estimatorState.rewind());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ------------------------------------------------------------------ averaging

  private int totalLength() {
    return model.parameters().totalLength() + guide.parameters().totalLength();
  }

  private void accumulateAverage(RunState s) {
    double[] sum = s.averageSum;
    int k = 0;
    for (ParamStore ps : List.of(model.parameters(), guide.parameters())) {
      for (Param p : ps.params()) {
        double[] v = p.value().data;
        for (int i = 0, n = p.size(); i < n; i++) {
          sum[k++] += v[i];
        }
      }
    }
    s.averaged++;
  }

  private void setAverage(RunState s) {
    double[] sum = s.averageSum;
    int k = 0;
    for (ParamStore ps : List.of(model.parameters(), guide.parameters())) {
      for (Param p : ps.params()) {
        double[] v = p.value().data;
        for (int i = 0, n = p.size(); i < n; i++) {
          v[i] = sum[k++] / s.averaged;
        }
      }
    }
  }

  private Map<String, double[]> parameterMap() {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (Param p : guide.parameters().params()) {
      m.put(p.name(), p.toArray());
    }
    for (Param p : model.parameters().params()) {
      m.put("model." + p.name(), p.toArray());
    }
    return m;
  }

  // ------------------------------------------------------------------ checkpoints

  private String fingerprint() {
    return model.getClass().getName() + "|" + guide.getClass().getName() + "|"
        + estimator.getClass().getName() + "|" + optimizer.getClass().getName() + "|" + seed + "|"
        + data.rows() + "x" + data.cols() + "|" + batchSize + "|" + averageLast;
  }

  private void writeCheckpoint(Path file, RunState s) {
    StateBuffer buf = new StateBuffer();
    try {
      buf.writeInt(CHECKPOINT_MAGIC);
      buf.writeInt(CHECKPOINT_VERSION);
      buf.writeUTF(fingerprint());
      buf.writeLong(s.step);
      buf.writeLong(s.rejected);
      buf.writeLong(s.averaged);
      section(buf, out -> model.parameters().write(out));
      section(buf, out -> guide.parameters().write(out));
      buf.writeBoolean(optimizer instanceof Stateful);
      if (optimizer instanceof Stateful st) {
        st.writeState(buf);
      }
      buf.writeBoolean(estimator instanceof Stateful);
      if (estimator instanceof Stateful st) {
        st.writeState(buf);
      }
      for (Rng r : List.of(s.batchRng, s.stepRng, s.evalRng)) {
        byte[] state = r.saveState();
        buf.writeInt(state.length);
        buf.write(state);
      }
      s.batches.writeState(buf);
      buf.writeBoolean(s.monitor != null);
      if (s.monitor != null) {
        s.monitor.writeState(buf);
      }
      buf.writeBoolean(s.averageSum != null);
      if (s.averageSum != null) {
        buf.writeLong(s.averageFrom);
        buf.writeInt(s.averageSum.length);
        for (double v : s.averageSum) {
          buf.writeDouble(v);
        }
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, buf.toByteArray());
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write checkpoint " + file, e);
    }
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** A length-prefixed section written by a stream-based writer. */
  private static void section(StateBuffer buf, Writer w) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    w.write(bytes);
    buf.writeInt(bytes.size());
    buf.write(bytes.toByteArray());
  }

  private static InputStream readSection(StateBuffer buf) throws IOException {
    byte[] b = new byte[buf.readInt()];
    buf.readFully(b);
    return new java.io.ByteArrayInputStream(b);
  }

  private void readCheckpoint(Path file, RunState s) {
    String where = "checkpoint " + file;
    try {
      StateBuffer buf = new StateBuffer().load(Files.readAllBytes(file));
      if (buf.readInt() != CHECKPOINT_MAGIC) {
        throw new IllegalArgumentException(where + ": not a vi4j checkpoint");
      }
      int version = buf.readInt();
      if (version != CHECKPOINT_VERSION) {
        throw new IllegalArgumentException(where + ": format " + version + ", this vi4j reads "
            + CHECKPOINT_VERSION);
      }
      String saved = buf.readUTF();
      if (!saved.equals(fingerprint())) {
        throw new IllegalArgumentException(where + " was written by a different run set-up:\n  "
            + saved + "\nthis run is\n  " + fingerprint());
      }
      s.step = buf.readLong();
      s.rejected = buf.readLong();
      s.averaged = buf.readLong();
      model.parameters().read(readSection(buf), where + " (model parameters)");
      guide.parameters().read(readSection(buf), where + " (guide parameters)");
      if (buf.readBoolean() && optimizer instanceof Stateful st) {
        st.readState(buf);
      }
      if (buf.readBoolean() && estimator instanceof Stateful st) {
        st.readState(buf);
      }
      for (Rng r : List.of(s.batchRng, s.stepRng, s.evalRng)) {
        byte[] state = new byte[buf.readInt()];
        buf.readFully(state);
        r.restore(state);
      }
      s.batches.readState(buf);
      if (buf.readBoolean() && s.monitor != null) {
        s.monitor.readState(buf);
      }
      if (buf.readBoolean() && s.averageSum != null) {
        long savedFrom = buf.readLong();
        int n = buf.readInt();
        for (int i = 0; i < n; i++) {
          s.averageSum[i] = buf.readDouble();
        }
        if (savedFrom != s.averageFrom) {
          // The saved run averaged over another window (another step limit): its sums do not
          // belong to this run's window, which starts afresh.
          Arrays.fill(s.averageSum, 0.0);
          s.averaged = 0;
          LOG.info("{}: averaging window moved from step {} to {}; averages start afresh", where,
              savedFrom, s.averageFrom);
        }
      }
    } catch (java.io.EOFException e) {
      throw new IllegalArgumentException(where + " is truncated", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + where, e);
    }
  }

  /** A trace that grows without boxing. */
  private static final class PrimitiveTrace {
    long[] steps = new long[1024];
    double[] elbos = new double[1024];
    double[] seconds = new double[1024];
    int size;

    void add(long step, double elbo, double t) {
      if (size == steps.length) {
        steps = Arrays.copyOf(steps, 2 * size);
        elbos = Arrays.copyOf(elbos, 2 * size);
        seconds = Arrays.copyOf(seconds, 2 * size);
      }
      steps[size] = step;
      elbos[size] = elbo;
      seconds[size] = t;
      size++;
    }

    FitResult.Trace toTrace() {
      return new FitResult.Trace(Arrays.copyOf(steps, size), Arrays.copyOf(elbos, size),
          Arrays.copyOf(seconds, size));
    }
  }

  /**
   * Configures an {@link Inference}. Required: model, guide, estimator, optimizer, and a stopping
   * rule (a step limit or a time budget). Data: {@link #data} or the model's {@link ObservedData}.
   */
  public static final class Builder {
    private Model model;
    private VariationalFamily guide;
    private GradientEstimator estimator;
    private Optimizer optimizer;
    private Tensor data;
    private int batchSize = Integer.MAX_VALUE;
    private long maxSteps = Long.MAX_VALUE;
    private double maxSeconds = Double.POSITIVE_INFINITY;
    private boolean convergence;
    private int evalEvery = DEFAULT_EVAL_EVERY;
    private double tolRelObj = DEFAULT_TOL_REL_OBJ;
    private int convergenceParticles = DEFAULT_CONVERGENCE_PARTICLES;
    private double averageLast;
    private long seed = 42;
    private int maxBadSteps = DEFAULT_MAX_BAD_STEPS;
    private int evalParticles = DEFAULT_EVAL_PARTICLES;
    private final List<FitListener> listeners = new ArrayList<>();
    private long checkpointEvery;
    private Path checkpoint;
    private Path resumeFrom;
    private double logEverySeconds = 5.0;

    private Builder() {}

    public Builder model(Model m) {
      this.model = Objects.requireNonNull(m, "model");
      return this;
    }

    public Builder guide(VariationalFamily q) {
      this.guide = Objects.requireNonNull(q, "guide");
      return this;
    }

    public Builder estimator(GradientEstimator e) {
      this.estimator = Objects.requireNonNull(e, "estimator");
      return this;
    }

    public Builder optimizer(Optimizer o) {
      this.optimizer = Objects.requireNonNull(o, "optimizer");
      return this;
    }

    /** The data set, N x F (a constant); defaults to the model's {@link ObservedData}. */
    public Builder data(Tensor d) {
      this.data = Objects.requireNonNull(d, "data");
      return this;
    }

    /** Minibatch size B; default: the whole data set every step. */
    public Builder batchSize(int b) {
      if (b <= 0) {
        throw new IllegalArgumentException("batchSize must be positive, got " + b);
      }
      this.batchSize = b;
      return this;
    }

    /** Stop after this many (accepted) steps. */
    public Builder stopAfterSteps(long n) {
      if (n <= 0) {
        throw new IllegalArgumentException("stopAfterSteps must be positive, got " + n);
      }
      this.maxSteps = n;
      return this;
    }

    /** Stop when this much wall time has passed. */
    public Builder maxSeconds(double s) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("maxSeconds must be positive, got " + s);
      }
      this.maxSeconds = s;
      return this;
    }

    /** Enables Stan ADVI's convergence rule with its defaults (every 100 steps, tolerance 0.01). */
    public Builder convergence() {
      return convergence(DEFAULT_EVAL_EVERY, DEFAULT_TOL_REL_OBJ);
    }

    /** Enables Stan ADVI's convergence rule. */
    public Builder convergence(int evalEvery, double tolRelObj) {
      if (evalEvery <= 0) {
        throw new IllegalArgumentException("evalEvery must be positive, got " + evalEvery);
      }
      if (!(tolRelObj > 0)) {
        throw new IllegalArgumentException("tolRelObj must be positive, got " + tolRelObj);
      }
      this.convergence = true;
      this.evalEvery = evalEvery;
      this.tolRelObj = tolRelObj;
      return this;
    }

    /** Particles of each convergence evaluation (default 100). */
    public Builder convergenceParticles(int n) {
      if (n < 2) {
        throw new IllegalArgumentException("convergenceParticles must be at least 2, got " + n);
      }
      this.convergenceParticles = n;
      return this;
    }

    /** Polyak–Ruppert averaging over the last fraction f in (0, 1] of the step limit. */
    public Builder averageLast(double f) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("averageLast must be in (0, 1], got " + f);
      }
      this.averageLast = f;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Consecutive rejected steps before the run stops as diverged (default 5). */
    public Builder maxBadSteps(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("maxBadSteps must be positive, got " + n);
      }
      this.maxBadSteps = n;
      return this;
    }

    /** Particles of the final ELBO evaluation (default 1,000). */
    public Builder evalParticles(int n) {
      if (n < 5) {
        throw new IllegalArgumentException("evalParticles must be at least 5, got " + n);
      }
      this.evalParticles = n;
      return this;
    }

    public Builder listener(FitListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /**
   * Writes a checkpoint to {@code file} (atomically) every {@code k} steps and when the run stops
   * (with the last iterate, before averaging replaces it), so {@link #resumeFrom} can continue it.
   */
    public Builder checkpointEvery(long k, Path file) {
      if (k <= 0) {
        throw new IllegalArgumentException("checkpointEvery must be positive, got " + k);
      }
      this.checkpointEvery = k;
      this.checkpoint = Objects.requireNonNull(file, "checkpoint file");
      return this;
    }

    /** Continues the run saved in {@code file} (same parts, seed and settings). */
    public Builder resumeFrom(Path file) {
      this.resumeFrom = Objects.requireNonNull(file, "resume file");
      return this;
    }

    /** How often the loop logs its progress (default every 5 s). */
    public Builder logEverySeconds(double s) {
      this.logEverySeconds = s;
      return this;
    }

    /** Checks that every required part and a stopping rule are present. */
    public Inference build() {
      List<String> missing = new ArrayList<>();
      if (model == null) {
        missing.add("model");
      }
      if (guide == null) {
        missing.add("guide");
      }
      if (estimator == null) {
        missing.add("estimator");
      }
      if (optimizer == null) {
        missing.add("optimizer");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("Inference.builder(): missing " + missing);
      }
      if (maxSteps == Long.MAX_VALUE && maxSeconds == Double.POSITIVE_INFINITY) {
        throw new IllegalStateException("Inference.builder(): give a stopping rule: stopAfterSteps "
            + "or maxSeconds (convergence alone may never hold)");
      }
      if (averageLast > 0 && maxSteps == Long.MAX_VALUE) {
        throw new IllegalStateException("averageLast needs stopAfterSteps: the window is a fraction "
            + "of the step limit");
      }
      if (data == null) {
        data = model.as(ObservedData.class).map(ObservedData::observed)
            .orElse(Tensor.zeros(1, 1));
      }
      return new Inference(this);
    }
  }
}
