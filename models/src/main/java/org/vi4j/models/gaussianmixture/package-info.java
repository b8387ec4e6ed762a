/**
 * The {@code gaussian-mixture} model plugin: the conjugate Bayesian Gaussian mixture in one
 * dimension ({@link org.vi4j.models.gaussianmixture.GaussianMixtureModel}, Bishop 2006, PRML §10.2;
 * Blei, Kucukelbir &amp; McAuliffe 2017, §3) with closed-form coordinate-ascent updates, its
 * model-specific mean-field family ({@link org.vi4j.models.gaussianmixture.GaussianMixtureGuide})
 * and the closed-form ELBO as an estimator that {@code cavi} reports after each sweep
 * ({@link org.vi4j.models.gaussianmixture.GaussianMixtureElbo}).
 *
 * <p>The multivariate mixture with Normal–Wishart components is the plugin triple
 * {@code gaussian-mixture-mv}: the model
 * ({@link org.vi4j.models.gaussianmixture.GaussianWishartMixtureModel}), its family
 * ({@link org.vi4j.models.gaussianmixture.GaussianWishartMixtureGuide}) and the closed-form ELBO
 * {@code gaussian-mixture-mv-elbo}
 * ({@link org.vi4j.models.gaussianmixture.GaussianWishartMixtureElbo}), over the CAVI engine
 * {@link org.vi4j.models.gaussianmixture.GaussianWishartMixture} (Bishop's equations); its seeded
 * 2-D experiment is {@link org.vi4j.models.gaussianmixture.GaussianClustersData}.
 */
package org.vi4j.models.gaussianmixture;
