package org.vi4j.estimators.testing;

/** The fixed data and starting points the estimator tests share. */
public final class Fixtures {

  private Fixtures() {}

  /** n = 5 rows, d = 2, mean about (1.1, 0.94). */
  private static final double[][] DATA = {
      {1.2, 0.4}, {0.7, 1.5}, {1.9, 0.8}, {0.3, 1.1}, {1.4, 0.9}};
  public static final double SIGMA = 1.0;
  public static final double PRIOR_SCALE = 1.0;
  private static final double[] PRIOR_LOC = {0.1, -0.3};
  /** Away from the optimum, so every gradient component is clearly non-zero. */
  private static final double[] LOC = {-0.2, -0.4};
  private static final double[] LOG_SCALE = {-0.5, 0.2};

  /** The model, declaring its prior or not. */
  public static NormalNormalModel model(boolean declarePrior) {
    return new NormalNormalModel(copy(DATA), SIGMA, PRIOR_SCALE, PRIOR_LOC.clone(), declarePrior);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** The guide, reparameterizable or not. */
  public static MeanFieldNormalGuide guide(boolean reparameterizable) {
    return new MeanFieldNormalGuide(LOC.clone(), LOG_SCALE.clone(), reparameterizable);
  }
}
