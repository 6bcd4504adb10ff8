/**
 * The lic4j container: headers, length-prefixed checksummed chunks and the limits that guard
 * every length read from a stream. Knows bytes only; the format is specified in
 * {@code docs/bitstream.md}.
 *
 * <p>Write with {@link org.lic4j.bitstream.ContainerWriter}, read with {@link
 * org.lic4j.bitstream.ContainerReader}; a stream is described by a {@link
 * org.lic4j.bitstream.StreamHeader} and bounded on reading by {@link
 * org.lic4j.bitstream.ContainerLimits}. Damage of any kind surfaces as {@link
 * org.lic4j.bitstream.CorruptStreamException}.
 */
package org.lic4j.bitstream;
