/**
 * Symbols and distributions: our range coder, quantised CDF tables and the distributions
 * that learned codecs need. Only integers reach the coder.
 */
package org.lic4j.entropy;
