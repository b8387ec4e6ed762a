/** vi4j's estimators module. */
package org.vi4j.estimators;
