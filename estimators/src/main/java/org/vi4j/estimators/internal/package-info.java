/**
 * Helpers shared by the estimator plugins of this module; not API, may change without notice.
 */
package org.vi4j.estimators.internal;
