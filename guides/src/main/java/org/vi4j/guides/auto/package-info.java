/**
 * The {@code auto} guide (ADVI, Kucukelbir et al. 2017): a Normal on the unconstrained space of
 * each GLOBAL latent, pushed onto its support through the support's bijector;
 * {@link org.vi4j.guides.auto.AutoGuide} and its provider.
 */
package org.vi4j.guides.auto;
