package org.lic4j.codec;

import java.io.IOException;
import java.util.List;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;

/**
 * What a stream says about itself, read without a model: format version, header and chunk index.
 * Reading verifies every checksum, so an info that exists describes an intact stream.
 *
 * @param version the format version, e.g. "1.0"
 * @param header the header
 * @param chunks every chunk in stream order
 * @param length the stream's length in bytes
 */
public record StreamInfo(String version, StreamHeader header, List<ChunkEntry> chunks, long length) {

  /** Reads and checks {@code stream}; {@code resource} names it in errors. */
  public static StreamInfo read(byte[] stream, String resource) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, resource);
    reader.checkIntegrity();
    return new StreamInfo(reader.version().toString(), reader.header(), reader.chunks(), reader.length());
  }

  /** Stream bits per picture pixel. */
  public double bitsPerPixel() {
    return length * 8.0 / ((double) header.width() * header.height());
  }
}
