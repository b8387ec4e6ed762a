/**
 * Test helpers shared by every module through core's test jar: the seeded, console-silent test base
 * class and the finite-difference gradient check.
 */
package org.vi4j.core.testing;
