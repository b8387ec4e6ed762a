/**
 * The {@code score-function} estimator: REINFORCE / black-box variational inference with a
 * baseline (Williams 1992; Paisley, Blei &amp; Jordan 2012; Ranganath, Gerrish &amp; Blei 2014;
 * Mnih &amp; Gregor 2014; Kool, van Hoof &amp; Welling 2019 for the leave-one-out baseline).
 */
package org.vi4j.estimators.scorefunction;
