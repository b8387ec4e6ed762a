/**
 * The {@code iwae} estimator: the importance-weighted bound of Burda, Grosse &amp; Salakhutdinov
 * 2016 ("Importance Weighted Autoencoders", ICLR) with k samples per data row, for training and,
 * with large k in chunks, for estimating log p(x) on held-out data.
 */
package org.vi4j.estimators.iwae;
