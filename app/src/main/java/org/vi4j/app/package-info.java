/** vi4j's app module. */
package org.vi4j.app;
