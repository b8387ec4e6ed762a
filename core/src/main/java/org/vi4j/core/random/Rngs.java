package org.vi4j.core.random;

/** Factory behind {@link Rng#seeded(long)}; keeps the implementation class out of the API. */
final class Rngs {

  private Rngs() {}

  /**
   * A {@link LxmRng} (Commons RNG {@code L64_X128_MIX}) whose 256-bit state is expanded from
   * {@code seed} by SplitMix64, as Commons RNG's seed conversion does.
   *
   * @param seed any long; equal seeds give equal streams on every run and platform
   * @return a new generator
   */
  static Rng seeded(long seed) {
    return LxmRng.seeded(seed);
  }
}
