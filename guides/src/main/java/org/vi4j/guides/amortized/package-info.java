/**
 * The {@code amortized} guide: an MLP encoder maps each data row x<sub>i</sub> to the parameters
 * of a per-row factor q(z<sub>i</sub> | x<sub>i</sub>) of a LOCAL latent block (the recognition
 * model of Kingma &amp; Welling 2014, "Auto-Encoding Variational Bayes").
 */
package org.vi4j.guides.amortized;
