/** vi4j's models module. */
package org.vi4j.models;
