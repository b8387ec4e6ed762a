/** Seeded, splittable random numbers and the samplers vi4j's distributions draw from. */
package org.vi4j.core.random;
