/** vi4j's guides module. */
package org.vi4j.guides;
