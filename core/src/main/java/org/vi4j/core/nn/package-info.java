/**
 * Neural-network building blocks on vi4j's autodiff: {@link org.vi4j.core.nn.Linear} layers whose
 * weights and biases are named {@link org.vi4j.core.autodiff.Param}s, element-wise
 * {@link org.vi4j.core.nn.Activation}s, seeded {@link org.vi4j.core.nn.Init}ialisation schemes and
 * an {@link org.vi4j.core.nn.Mlp} builder, shared by models (decoders) and guides (amortised
 * encoders).
 */
package org.vi4j.core.nn;
