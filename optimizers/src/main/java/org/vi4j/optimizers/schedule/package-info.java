/**
 * Learning-rate schedules for vi4j's gradient optimizers: constant, exponential decay ρ_t = γ^t and
 * the Robbins–Monro sequence ρ_t = (t + τ)^−κ of stochastic variational inference (Hoffman et al.
 * 2013). Every gradient optimizer takes one; its step size at update t is {@code lr · ρ_t}.
 * {@link org.vi4j.optimizers.schedule.ScheduleOptions} holds the options every gradient-optimizer
 * provider accepts ({@code schedule}, {@code gamma}, {@code tau}, {@code kappa}).
 */
package org.vi4j.optimizers.schedule;
