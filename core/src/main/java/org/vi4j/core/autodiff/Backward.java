package org.vi4j.core.autodiff;

/**
 * The backward step of one op: reads {@code out.grad} and the inputs saved on {@code out}, and
 * <em>adds</em> into the gradients of those inputs that {@linkplain Tensor#requiresGrad() need one}.
 * Implementations are stateless singletons, so recording an op allocates nothing.
 */
@FunctionalInterface
interface Backward {
  void apply(Tensor out);
}
