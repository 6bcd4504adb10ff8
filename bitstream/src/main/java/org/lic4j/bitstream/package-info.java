/**
 * The lic4j container: headers, length-prefixed checksummed chunks and the limits that guard
 * every length read from a stream. Knows bytes only.
 */
package org.lic4j.bitstream;
