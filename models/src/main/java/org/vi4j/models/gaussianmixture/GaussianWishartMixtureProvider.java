package org.vi4j.models.gaussianmixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.data.CsvMatrix;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/**
 * Provides {@link GaussianWishartMixtureModel} as {@value #NAME}.
 *
 * <pre>{@code
 * Model m = plugins.createModel("gaussian-mixture-mv", Options.empty().with("k", 10)
 *     .with("data", "points.csv"));
 * // vi4j run --model gaussian-mixture-mv --guide gaussian-mixture-mv \
 * //     --estimator gaussian-mixture-mv-elbo --optimizer cavi --data points.csv --set model.k=10
 * }</pre>
 *
 * <p><strong>Options.</strong> {@code k} = K (default {@value #DEFAULT_K}); {@code data} a CSV
 * file of N rows of D comma-separated numbers, no header, gzipped or not ({@link CsvMatrix}: a row
 * with another column count or a non-number is refused with its line); empty: the seeded 2-D
 * experiment's 300 training points ({@link GaussianClustersData}) with {@code seed} (default
 * {@value GaussianClustersData#SEED}). Priors (Bishop's notation), each defaulting to the
 * data-relative value of {@link GaussianWishartMixture#defaultPriors}: {@code alpha0} (0: 1/K),
 * {@code beta0} (1), {@code nu0} (0: D + 1), {@code m0} (empty: the data mean; else D
 * comma-separated numbers) and {@code w0} (empty: (ν0 Σ / K²)⁻¹ with Σ the data covariance, so
 * E[Λ] = ν0 W0 = K² Σ⁻¹ whatever ν0; else D rows separated by ';' of D comma-separated numbers,
 * symmetric positive definite). A prior of the wrong dimension or a W0 that is not symmetric
 * positive definite is refused, naming the option. The random start is the guide's
 * ({@link GaussianWishartMixtureGuideProvider}, option {@code seed}).
 */
public final class GaussianWishartMixtureProvider implements ModelProvider {

  /** The plugin name. */
  public static final String NAME = GaussianWishartMixtureModel.NAME;
  /** The default K. */
  public static final int DEFAULT_K = 6;

  /** K. */
  public static final OptionSpec<Integer> K = OptionSpec.integer("k", DEFAULT_K,
      "number of components K").satisfying(k -> k >= 2, ">= 2");
  /** The data file. */
  public static final OptionSpec<String> DATA = OptionSpec.string("data", "",
      "CSV file, N rows of D comma-separated numbers (no header); empty: the seeded 2-D experiment");
  /** The experiment's seed when no file is given. */
  public static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed",
      GaussianClustersData.SEED, "seed of the generated 2-D experiment (when data is empty)");
  /** α0; 0 means 1/K. */
  public static final OptionSpec<Double> ALPHA0 = OptionSpec.real("alpha0", 0.0,
      "Dirichlet concentration per component (0: 1/K)").nonNegative()
      .satisfying(Double::isFinite, "finite");
  /** β0. */
  public static final OptionSpec<Double> BETA0 = OptionSpec.real("beta0", 1.0,
      "prior precision multiplier of the means").positive().satisfying(Double::isFinite, "finite");
  /** ν0; 0 means D + 1. */
  public static final OptionSpec<Double> NU0 = OptionSpec.real("nu0", 0.0,
      "Wishart degrees of freedom, > D - 1 (0: D + 1)").nonNegative()
      .satisfying(Double::isFinite, "finite");
  /** m0; empty means the data mean. */
  public static final OptionSpec<String> M0 = OptionSpec.string("m0", "",
      "prior mean of the means: D comma-separated numbers (empty: the data mean)");
  /** W0; empty means the data-relative default. */
  public static final OptionSpec<String> W0 = OptionSpec.string("w0", "",
      "Wishart scale: D rows separated by ';' of D comma-separated numbers, symmetric positive "
          + "definite (empty: (nu0 * data covariance / K^2)^-1)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "multivariate conjugate Bayesian Gaussian mixture (Normal-Wishart components, Bishop "
        + "PRML 10.2); CAVI, closed-form ELBO";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(K, DATA, SEED, ALPHA0, BETA0, NU0, M0, W0);
  }

  @Override
  public Model create(Options options) {
    String file = options.get(DATA).strip();
    double[][] x = file.isEmpty() ? GaussianClustersData.experiment(options.get(SEED)).train()
        : read(Path.of(file));
    int d = x[0].length;
    String source = file.isEmpty() ? "the generated experiment" : "data file " + file;
    int k = options.get(K);
    GaussianWishartMixture.Priors def = GaussianWishartMixture.defaultPriors(x, k);
    double alpha0 = options.get(ALPHA0) > 0 ? options.get(ALPHA0) : 1.0 / k;
    double nu0 = options.get(NU0) > 0 ? options.get(NU0) : def.nu0();
    if (!(nu0 > d - 1)) {
      throw new IllegalArgumentException("Model '" + NAME + "': option nu0 = " + nu0
          + " is not accepted; must be > D - 1 = " + (d - 1) + " (D from " + source + ")");
    }
    double[] m0 = options.get(M0).isBlank() ? def.m0() : parseRow(options.get(M0), "m0", d, source);
    double[][] w0;
    if (options.get(W0).isBlank()) {
      w0 = new double[d][d];                      // (ν_def Σ/K²)⁻¹ → (ν0 Σ/K²)⁻¹: keep E[Λ] = K² Σ⁻¹
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          w0[i][j] = def.w0()[i][j] * def.nu0() / nu0;
        }
      }
    } else {
      w0 = parseMatrix(options.get(W0), d, source);
    }
    try {
      return new GaussianWishartMixtureModel(x, k,
          new GaussianWishartMixture.Priors(alpha0, m0, options.get(BETA0), nu0, w0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + (options.get(W0).isBlank() ? ""
          : " (option w0 = '" + options.get(W0) + "')"), e);
    }
  }

  /** The CSV matrix in {@code file}, as rows. */
  static double[][] read(Path file) {
    DMatrixRMaj m;
    try {
      m = CsvMatrix.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Model '" + NAME + "': cannot read data file " + file + ": "
          + e.getMessage(), e);
    }
    double[][] x = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) {
      System.arraycopy(m.data, i * m.numCols, x[i], 0, m.numCols);
    }
    return x;
  }

  private static double[] parseRow(String text, String option, int d, String source) {
    String[] parts = text.split(",", -1);
    if (parts.length != d) {
      throw new IllegalArgumentException("Model '" + NAME + "': option " + option + " = '" + text
          + "' has " + parts.length + " values, but " + source + " has D = " + d
          + " columns; accepted: D comma-separated numbers");
    }
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      try {
        v[j] = Double.parseDouble(parts[j].strip());
      } catch (NumberFormatException e) {
        v[j] = Double.NaN;
      }
      if (!Double.isFinite(v[j])) {
        throw new IllegalArgumentException("Model '" + NAME + "': option " + option + " = '" + text
            + "': value " + (j + 1) + " '" + parts[j].strip() + "' is not a finite number");
      }
    }
    return v;
  }

  private static double[][] parseMatrix(String text, int d, String source) {
    String[] rows = text.split(";", -1);
    if (rows.length != d) {
      throw new IllegalArgumentException("Model '" + NAME + "': option w0 = '" + text + "' has "
          + rows.length + " rows, but " + source + " has D = " + d + " columns; accepted: D rows "
          + "separated by ';' of D comma-separated numbers");
    }
    double[][] w = new double[d][];
    for (int i = 0; i < d; i++) {
      w[i] = parseRow(rows[i], "w0 (row " + (i + 1) + ")", d, source);
    }
    return w;
  }
}
