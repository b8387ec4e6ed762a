/**
 * The {@code lda} model plugin: latent Dirichlet allocation
 * ({@link org.vi4j.models.lda.LdaModel}, Blei, Ng &amp; Jordan 2003) with its mean-field family
 * ({@link org.vi4j.models.lda.LdaGuide}), fitted by {@code cavi} (batch variational EM) or
 * {@code svi} (Hoffman, Blei &amp; Bach 2010) through
 * {@link org.vi4j.core.spi.ConditionallyConjugate}; a seeded synthetic corpus with its true topics
 * ({@link org.vi4j.models.lda.SyntheticCorpus}); and the scores of a fit — completion perplexity,
 * topic recovery, top words ({@link org.vi4j.models.lda.LdaEvaluation}).
 */
package org.vi4j.models.lda;
