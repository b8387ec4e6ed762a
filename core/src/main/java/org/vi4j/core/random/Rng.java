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

  /** A generator seeded with {@code seed}. */
  static Rng seeded(long seed) {
    return Rngs.seeded(seed);
  }

  /** Uniform on [0, 1). */
  double nextDouble();

  /** Uniform on (0, 1): never returns 0, so {@code log(u)} is finite. */
  double nextOpenDouble();

  /** 64 uniform random bits. */
  long nextLong();

  /** Uniform on {0, ..., n - 1}; {@code n > 0}. */
  int nextInt(int n);

  /** A standard normal draw. */
  double nextGaussian();

  /** A standard exponential draw (rate 1). */
  double nextExponential();

  /** An independent generator; advances this one. */
  Rng split();

  /** The full state, to resume the stream bit for bit with {@link #restore(byte[])}. */
  byte[] saveState();

  /** Restores a state produced by {@link #saveState()} of a generator of the same kind. */
  void restore(byte[] state);
}
