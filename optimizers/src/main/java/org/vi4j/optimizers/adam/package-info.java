/** The {@code adam} optimizer plugin: Adam (Kingma &amp; Ba 2015), {@link org.vi4j.optimizers.adam.Adam}. */
package org.vi4j.optimizers.adam;
