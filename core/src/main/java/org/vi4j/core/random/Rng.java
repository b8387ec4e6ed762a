package org.vi4j.core.random;

/**
 * A seeded, splittable source of randomness. The same seed gives the same stream on every run and
 * every platform; {@link #split()} gives a statistically independent stream (for a thread, a
 * particle block or a restart) and advances this one, so results do not depend on the thread count.
 *
 * <pre>{@code
 * Rng rng = Rng.seeded(42);
 * double z = rng.nextGaussian();
 * Rng worker = rng.split();     // independent stream for another thread
 * }</pre>
 *
 * <p>An {@code Rng} is not thread-safe: give each thread its own {@link #split()}.
 */
public interface Rng {

  /**
   * A generator seeded with {@code seed}: Commons RNG's LXM generator {@code L64_X128_MIX}
   * (Steele and Vigna, OOPSLA 2021; 256-bit state, period 2⁶⁴·(2¹²⁸ − 1), splittable), its state
   * expanded from the seed by SplitMix64, with ziggurat normal and exponential samplers. The stream
   * for a given seed is fixed (a test pins the first values of seed 42).
   *
   * @param seed any long
   * @return a new generator
   */
  static Rng seeded(long seed) {
    return Rngs.seeded(seed);
  }

  /** Uniform on [0, 1): a multiple of 2⁻⁵³ from the top 53 bits of one {@link #nextLong()}. */
  double nextDouble();

  /** Uniform on (0, 1): never returns 0, so {@code log(u)} is finite. */
  double nextOpenDouble();

  /** 64 uniform random bits. */
  long nextLong();

  /**
   * Uniform on {0, ..., n - 1}, without modulo bias.
   *
   * @throws IllegalArgumentException if {@code n <= 0}
   */
  int nextInt(int n);

  /** A standard normal draw. */
  double nextGaussian();

  /** A standard exponential draw (rate 1). */
  double nextExponential();

  /**
   * An independent generator, seeded from this one's output (which advances this one), so a fixed
   * sequence of splits from a fixed seed always gives the same streams.
   */
  Rng split();

  /** The full state, to resume the stream bit for bit with {@link #restore(byte[])}. */
  byte[] saveState();

  /**
   * Restores a state produced by {@link #saveState()} of a generator of the same kind; the stream
   * then continues exactly where it was saved.
   *
   * @throws IllegalArgumentException if {@code state} is null or not such a state
   */
  void restore(byte[] state);
}
