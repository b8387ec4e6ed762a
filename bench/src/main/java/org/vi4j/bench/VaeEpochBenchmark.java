package org.vi4j.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.Minibatches;
import org.vi4j.core.data.Idx;
import org.vi4j.core.data.Pixels;
import org.vi4j.core.linalg.Gemm;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Init;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.Problem;
import org.vi4j.estimators.iwae.IwaeEstimator;
import org.vi4j.estimators.reparamanalytic.ReparamAnalyticEstimator;
import org.vi4j.guides.amortized.AmortizedGuide;
import org.vi4j.models.vae.VaeModel;
import org.vi4j.optimizers.adam.Adam;

/**
 * Trains the Fashion-MNIST VAE and prints seconds per epoch, GC time per epoch (from the
 * JVM's GarbageCollectorMXBeans), heap and allocation per step, training and test ELBO per image,
 * and the test IWAE bound: 784-400-20 encoder and 20-400-784 decoder with tanh, Bernoulli decoder
 * on pixels binarised at 0.5 (x &gt; 0.5), batch 100, Adam lr 1e-3, softplus scale link, one sample
 * per image, closed-form KL (AEVB estimator B). {@code --init xavier-uniform} (default): Xavier-uniform
 * weights and zero biases; {@code --init lecun-uniform}: PyTorch's default {@code nn.Linear}
 * initialisation (the script's {@code --init default}).
 *
 * <pre>
 * java -Xmx1g -cp ... org.vi4j.bench.VaeEpochBenchmark [--data DIR] [--epochs 10] [--seed 1]
 *     [--iwae-k 100] [--iwae-big-k 5000] [--iwae-big-rows 1000]   (0 skips an IWAE run)
 *     [--init xavier-uniform|lecun-uniform]
 * </pre>
 * The same setting in PyTorch: {@code bench/vae/vae_pytorch.py}.
 */
public final class VaeEpochBenchmark {

  private VaeEpochBenchmark() {}

  public static void main(String[] args) throws Exception {
    String dir = "/usr/share/datasets/fashion-mnist";
    int epochs = 10;
    long seed = 1;
    int iwaeK = 100;
    int bigK = 0;
    int bigRows = 1000;
    int batchSize = 100;
    Init init = Init.XAVIER_UNIFORM;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--data": dir = args[i + 1]; break;
        case "--epochs": epochs = Integer.parseInt(args[i + 1]); break;
        case "--seed": seed = Long.parseLong(args[i + 1]); break;
        case "--iwae-k": iwaeK = Integer.parseInt(args[i + 1]); break;
        case "--iwae-big-k": bigK = Integer.parseInt(args[i + 1]); break;
        case "--iwae-big-rows": bigRows = Integer.parseInt(args[i + 1]); break;
        case "--init": init = Init.parse(args[i + 1]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i] + "; accepted: "
            + "--data --epochs --seed --iwae-k --iwae-big-k --iwae-big-rows --init");
      }
    }
    out("init %s, gemm %s, java %s, %d processors, max heap %d MB", init.label(), Gemm.defaultGemm().name(),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    long t0 = System.nanoTime();
    VaeModel model;
    {
      DMatrixRMaj train = load(Path.of(dir, "train-images-idx3-ubyte.gz"));
      model = VaeModel.builder(train).latentSize(20).hidden(400).activation(Activation.TANH)
          .init(init).seed(seed + 1).build();
    }
    DMatrixRMaj trainX = model.observed().value();
    DMatrixRMaj testX = load(Path.of(dir, "t10k-images-idx3-ubyte.gz"));
    out("loaded %d train, %d test images of %d pixels in %.1f s", trainX.numRows, testX.numRows,
        trainX.numCols, (System.nanoTime() - t0) * 1e-9);
    AmortizedGuide guide = AmortizedGuide.builder(model.latents(), model.features()).hidden(400)
        .activation(Activation.TANH).init(init).seed(seed).build();
    ReparamAnalyticEstimator estimator = new ReparamAnalyticEstimator(1);
    Adam adam = new Adam(1e-3);
    Minibatches stream = new Minibatches(trainX, batchSize);
    Rng batchRng = Rng.seeded(seed + 10);
    Rng stepRng = Rng.seeded(seed + 20);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long tid = Thread.currentThread().getId();
    List<Double> seconds = new ArrayList<>();
    out("epoch  seconds  gc_ms  gc_count  alloc_B/step  heap_used_MB  mean_step_elbo/img");
    for (int e = 1; e <= epochs; e++) {
      long gcMs0 = gcMillis();
      long gcN0 = gcCount();
      long alloc0 = threads.getThreadAllocatedBytes(tid);
      long s0 = System.nanoTime();
      double sum = 0;
      int steps = stream.batchesPerEpoch();
      for (int k = 0; k < steps; k++) {
        Batch b = stream.next(batchRng);
        ElboEstimate est = adam.step(new Problem(model, guide, estimator, b, k), stepRng).elbo();
        sum += est.value();
      }
      double sec = (System.nanoTime() - s0) * 1e-9;
      long alloc = (threads.getThreadAllocatedBytes(tid) - alloc0) / steps;
      seconds.add(sec);
      out("%5d  %7.3f  %5d  %8d  %12d  %12d  %.2f", e, sec, gcMillis() - gcMs0, gcCount() - gcN0,
          alloc, memory.getHeapMemoryUsage().getUsed() >> 20, sum / steps / trainX.numRows);
    }
    List<Double> sorted = new ArrayList<>(seconds);
    sorted.sort(null);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : 0.5 * (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2));
    out("median seconds per epoch: %.3f (epochs 2..: %s)", median, seconds.subList(1, seconds.size()));
    Rng evalRng = Rng.seeded(seed + 30);
    out("train ELBO per image (full pass, 1 sample): %.2f", elbo(model, guide, trainX, evalRng));
    out("test ELBO per image (full pass, 1 sample): %.2f", elbo(model, guide, testX, evalRng));
    IwaeEstimator iwae = new IwaeEstimator(1);
    if (iwaeK > 0) {
      long s = System.nanoTime();
      out("test IWAE bound per image, k = %d, %d images: %.2f (%.1f s)", iwaeK, testX.numRows,
          iwaeBound(iwae, model, guide, testX, testX.numRows, iwaeK, Math.min(iwaeK, 100), 25,
              evalRng), (System.nanoTime() - s) * 1e-9);
    }
    if (bigK > 0) {
      long s = System.nanoTime();
      out("test IWAE bound per image, k = %d, first %d images: %.2f (%.1f s)", bigK, bigRows,
          iwaeBound(iwae, model, guide, testX, bigRows, bigK, 500, 2, evalRng),
          (System.nanoTime() - s) * 1e-9);
    }
    out("peak heap after the run: %d MB (max %d MB)", memory.getHeapMemoryUsage().getUsed() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static DMatrixRMaj load(Path file) throws java.io.IOException {
    DMatrixRMaj x = Idx.read(file).toMatrix();
    Pixels.scaleInPlace(x, 255);
    Pixels.binarizeInPlace(x, 0.5);
    return x;
  }

  /** Mean ELBO per image over all rows, one sample each, in batches of 500 (no gradient kept). */
  private static double elbo(VaeModel m, AmortizedGuide q, DMatrixRMaj x, Rng rng) {
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    int b = 500;
    double total = 0;
    for (int start = 0; start < x.numRows; start += b) {
      Batch batch = slice(x, start, Math.min(b, x.numRows - start));
      total += est.estimate(m, q, batch, rng).value() / batch.total() * batch.size();
    }
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    return total / x.numRows;
  }

  private static double iwaeBound(IwaeEstimator iwae, VaeModel m, AmortizedGuide q, DMatrixRMaj x,
      int rows, int k, int chunk, int b, Rng rng) {
    double total = 0;
    for (int start = 0; start < rows; start += b) {
      Batch batch = slice(x, start, Math.min(b, rows - start));
      for (double v : iwae.logMarginal(m, q, batch, rng, k, chunk)) {
        total += v;
      }
    }
    return total / rows;
  }

  private static Batch slice(DMatrixRMaj x, int start, int n) {
    DMatrixRMaj rows = new DMatrixRMaj(n, x.numCols);
    System.arraycopy(x.data, start * x.numCols, rows.data, 0, n * x.numCols);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = start + i;
    }
    return Batch.of(Tensor.constant(rows), idx, x.numRows);
  }

  private static long gcMillis() {
    long t = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, gc.getCollectionTime());
    }
    return t;
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static void out(String fmt, Object... args) {
    System.out.println(String.format(Locale.ROOT, fmt, args));
  }
}
