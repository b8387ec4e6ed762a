/**
 * The {@code bernoulli-topic} model: K binary latent factors per document, z_j ~ Bernoulli(α), and
 * the document's words i.i.d. Categorical(softmax(f_θ(z))) with f_θ a linear map or an MLP; fitted
 * with the {@code amortized} guide (q(z | x) = Π_j Bernoulli(b_j), b = g_λ(x)) and the discrete-latent
 * estimators ({@code score-function}, {@code enumerate}, {@code gumbel-softmax}). Also the seeded
 * synthetic corpus drawn from it ({@link org.vi4j.models.bernoullitopic.BernoulliTopicData}) and the
 * matching of fitted to true factors ({@link org.vi4j.models.bernoullitopic.FactorMatching}).
 */
package org.vi4j.models.bernoullitopic;
