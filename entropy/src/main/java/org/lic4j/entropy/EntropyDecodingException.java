package org.lic4j.entropy;

import java.io.IOException;

/**
 * A coded symbol stream is corrupt: truncated, extended, or not what the encoder writes for these
 * tables. The message names the reason and the byte offset relative to the start of the stream, e.g.
 * {@code "truncated: needs a 16-bit word at offset=1234 (stream length 1234)"}; the caller adds the
 * resource when it wraps or reports it.
 *
 * <p>An internal detail of the coder: {@code entropy} knows nothing of containers, so this is not
 * one of the stream exceptions of {@code org.lic4j.bitstream}. The codec converts it, where it
 * parses a tile, into a {@code CorruptStreamException} with the resource and the tile data's
 * offset in the stream; it never reaches the codec's callers.
 */
public final class EntropyDecodingException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public EntropyDecodingException(String reason, long offset) {
    super(reason + ": offset=" + offset);
    this.offset = offset;
  }

  /** Byte offset, relative to the start of the coded stream, where the problem was found. */
  public long offset() {
    return offset;
  }
}
