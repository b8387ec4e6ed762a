/**
 * Plumbing shared by the guide plugins (not API): the GLOBAL-latent guide base class with its
 * create-time checks, the diagonal and Cholesky Gaussian blocks, noise and softplus helpers.
 */
package org.vi4j.guides.internal;
