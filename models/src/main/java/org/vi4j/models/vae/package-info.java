/**
 * The {@code vae} model: the generative half of a variational autoencoder (Kingma &amp; Welling
 * 2014, "Auto-Encoding Variational Bayes"), z<sub>i</sub> ~ N(0, I), x<sub>i</sub> | z<sub>i</sub>
 * ~ p<sub>θ</sub>(x | z) with an MLP decoder, fitted with the {@code amortized} guide and the
 * {@code reparam-analytic} (AEVB estimator B) or {@code iwae} estimators.
 */
package org.vi4j.models.vae;
