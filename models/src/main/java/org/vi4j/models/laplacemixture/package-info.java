/**
 * The {@code laplace-mixture} model plugin: a 1-D mixture of K Laplace components with the
 * assignments summed out ({@link org.vi4j.models.laplacemixture.LaplaceMixtureModel}), its
 * provider, the seeded experiment's data ({@link org.vi4j.models.laplacemixture.LaplaceMixtureData})
 * and a one-column CSV loader ({@link org.vi4j.models.laplacemixture.NumberColumn}). It is fitted
 * three ways: black-box VI ({@code auto} + {@code reparam} + {@code adam}), EM ({@code delta} +
 * {@code em}, through {@link org.vi4j.core.spi.PointUpdates}) and, as the Gaussian stand-in,
 * {@code gaussian-mixture} with {@code cavi}.
 */
package org.vi4j.models.laplacemixture;
