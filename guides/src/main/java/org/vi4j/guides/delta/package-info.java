/**
 * The {@code delta} guide: a point mass (MAP) per GLOBAL latent, stored on the unconstrained space
 * and pushed through the support's bijector; {@link org.vi4j.guides.delta.DeltaGuide} and its
 * provider.
 */
package org.vi4j.guides.delta;
