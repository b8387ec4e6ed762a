package org.vi4j.core.random;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.SplittableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * {@link Rng} backed by Commons RNG's LXM generator {@code L64_X128_MIX} (Steele and Vigna,
 * "LXM: better splittable pseudorandom number generators (and almost as fast)", OOPSLA 2021):
 * a 64-bit LCG mixed with xoroshiro128, period 2<sup>64</sup>·(2<sup>128</sup>−1), 256 bits of
 * state, and splittable. Normal and exponential draws use the McFarland (2016) ziggurat samplers
 * of Commons RNG, bound once to the provider so a draw allocates nothing. Those samplers keep no
 * state of their own (each draw consumes whole {@code long}s from the provider and nothing is
 * cached between draws), so {@link #saveState()} need only save the provider.
 *
 * <p>Not thread-safe: give each thread its own {@link #split()}.
 */
final class LxmRng implements Rng {

  /** 2<sup>−53</sup>. */
  private static final double ULP_53 = 0x1.0p-53;

  private final SplittableUniformRandomProvider source;
  private final RestorableUniformRandomProvider restorable;
  private final ZigguratSampler.NormalizedGaussian gaussian;
  private final ZigguratSampler.Exponential exponential;

  private LxmRng(SplittableUniformRandomProvider source) {
    this.source = source;
    if (!(source instanceof RestorableUniformRandomProvider)) {
      throw new IllegalStateException(
          "LxmRng: provider " + source.getClass().getName() + " is not restorable");
    }
    this.restorable = (RestorableUniformRandomProvider) source;
    this.gaussian = ZigguratSampler.NormalizedGaussian.of(source);
    this.exponential = ZigguratSampler.Exponential.of(source);
  }

  /**
   * A generator whose state is expanded from {@code seed} by Commons RNG's seed conversion.
   *
   * @param seed any long
   * @return a new generator
   */
  static LxmRng seeded(long seed) {
    return new LxmRng((SplittableUniformRandomProvider) RandomSource.L64_X128_MIX.create(seed));
  }

  @Override
  public double nextDouble() {
    return source.nextDouble();
  }

  /** {@inheritDoc} Computed as (⌊u / 2<sup>11</sup>⌋ + ½)·2<sup>−53</sup> for 64 random bits u. */
  @Override
  public double nextOpenDouble() {
    return ((source.nextLong() >>> 11) + 0.5) * ULP_53;
  }

  @Override
  public long nextLong() {
    return source.nextLong();
  }

  @Override
  public int nextInt(int n) {
    if (!(n > 0)) {
      throw new IllegalArgumentException("Rng.nextInt: bound n must be > 0, got " + n);
    }
    return source.nextInt(n);
  }

  @Override
  public double nextGaussian() {
    return gaussian.sample();
  }

  @Override
  public double nextExponential() {
    return exponential.sample();
  }

  /** {@inheritDoc} The new generator is seeded from this one's output (LXM split). */
  @Override
  public Rng split() {
    return new LxmRng(source.split());
  }

  @Override
  public byte[] saveState() {
    return ((RandomProviderDefaultState) restorable.saveState()).getState();
  }

  @Override
  public void restore(byte[] state) {
    if (state == null) {
      throw new IllegalArgumentException("Rng.restore: state must not be null");
    }
    try {
      restorable.restoreState(new RandomProviderDefaultState(state.clone()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Rng.restore: not a saved L64_X128_MIX state (" + state.length + " bytes): "
              + e.getMessage(), e);
    }
  }
}
