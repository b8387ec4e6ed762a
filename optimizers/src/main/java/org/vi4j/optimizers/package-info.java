/** vi4j's optimizers module. */
package org.vi4j.optimizers;
