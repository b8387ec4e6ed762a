/** vi4j's bench module. */
package org.vi4j.bench;
