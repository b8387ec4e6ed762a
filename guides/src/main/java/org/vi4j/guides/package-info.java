/**
 * vi4j's variational families ("guides"), one package per plugin, each a
 * {@link org.vi4j.core.plugin.GuideProvider} listed in
 * {@code META-INF/services/org.vi4j.core.plugin.GuideProvider}:
 *
 * <table>
 *   <caption>Guides</caption>
 *   <tr><th>name</th><th>supports</th><th>q per GLOBAL latent</th><th>parameters</th></tr>
 *   <tr><td>{@code mean-field-normal}</td><td>REAL</td><td>Π N(μ_j, σ_j²)</td>
 *       <td>{@code <latent>.loc}, {@code <latent>.scale_raw} (σ = softplus)</td></tr>
 *   <tr><td>{@code full-rank-normal}</td><td>REAL</td><td>N(μ, LLᵀ)</td>
 *       <td>{@code <latent>.loc}, {@code <latent>.scale_tril_raw}</td></tr>
 *   <tr><td>{@code log-normal}</td><td>POSITIVE</td><td>Π LogNormal(μ_j, σ_j²)</td>
 *       <td>{@code <latent>.loc}, {@code <latent>.scale_raw}</td></tr>
 *   <tr><td>{@code gamma}</td><td>POSITIVE</td><td>Π Gamma(α_j, β_j)</td>
 *       <td>{@code <latent>.log_shape}, {@code <latent>.log_rate}</td></tr>
 *   <tr><td>{@code truncated-normal}</td><td>POSITIVE</td><td>Π N(μ_j, σ_j²) on [ℓ, ∞)</td>
 *       <td>{@code <latent>.loc}, {@code <latent>.scale_raw}</td></tr>
 *   <tr><td>{@code delta}</td><td>REAL, POSITIVE, UNIT_INTERVAL, SIMPLEX</td><td>a point mass
 *       (MAP)</td><td>{@code <latent>.loc} (unconstrained)</td></tr>
 *   <tr><td>{@code auto}</td><td>REAL, POSITIVE, UNIT_INTERVAL, SIMPLEX</td><td>a Normal on the
 *       unconstrained space pushed through a bijector (ADVI)</td><td>{@code <latent>.loc},
 *       {@code <latent>.scale_raw} or {@code <latent>.scale_tril_raw}</td></tr>
 * </table>
 *
 * <p>All of them cover GLOBAL latents only and refuse a model with a LOCAL latent when they are
 * created (amortised guides for LOCAL latents come later). Shared plumbing lives in
 * {@link org.vi4j.guides.internal}.
 */
package org.vi4j.guides;
