/**
 * The {@code gumbel-softmax} estimator: pathwise gradients through the binary Concrete relaxation
 * of Bernoulli latents (Jang, Gu &amp; Poole 2017; Maddison, Mnih &amp; Teh 2017), optionally
 * straight-through (Bengio, Léonard &amp; Courville 2013). Biased; the KL to the prior is analytic.
 */
package org.vi4j.estimators.gumbelsoftmax;
