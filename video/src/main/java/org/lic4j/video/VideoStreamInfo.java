package org.lic4j.video;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.function.Consumer;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;

/**
 * The structure of a lic4j video stream, read without a model and without decoding a frame, as
 * {@code org.lic4j.codec.StreamInfo} is for pictures: its headers, then each frame's place and
 * size, every chunk checksum and the footer checked on the way.
 */
public final class VideoStreamInfo {
  private VideoStreamInfo() {}

  /**
   * One frame as the stream stores it.
   *
   * @param number position in stream order, from 0
   * @param displayIndex position in display order
   * @param type intra, predicted or bidirectional
   * @param quality the frame's quality code (hundredths)
   * @param offset byte offset of its chunk
   * @param bytes bytes of its chunk: header, tiles, checksum
   * @param tiles tiles in the frame
   */
  public record Frame(long number, long displayIndex, FrameType type, int quality, long offset, long bytes,
      int tiles) {}

  /**
   * What a video stream says before its frames, with its length and whether it has an index.
   *
   * @param version the format version, e.g. "1.0"
   * @param sequence the stream and sequence headers
   * @param length bytes in the stream
   * @param hasIndex whether it ends with a seek index
   */
  public record Summary(String version, SequenceHeader sequence, long length, boolean hasIndex) {}

  /**
   * Reads the headers of the stream in {@code channel} and hands them to {@code header}, then each
   * frame's description to {@code frames} in stream order. Once this returns, the stream's
   * structure is intact; a fault is a {@link org.lic4j.bitstream.LicFormatException} naming
   * {@code resource}.
   */
  public static Summary read(SeekableByteChannel channel, String resource, Consumer<Summary> header,
      Consumer<Frame> frames) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(channel, resource);
    Summary summary = new Summary(reader.version().toString(), reader.sequence(), channel.size(), reader.hasIndex());
    header.accept(summary);
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      CodedFrame c = f.get();
      frames.accept(new Frame(c.number(), c.header().displayIndex(), c.header().type(), c.header().quality(),
          c.offset(), c.chunkLength(), c.tileCount()));
    }
    return summary;
  }
}
