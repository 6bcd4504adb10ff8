package org.lic4j.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;

/**
 * Video files for the command line: which inputs are y4m video (by name or by their
 * {@code YUV4MPEG2 } signature), which outputs are lic4j video streams ({@code .licv}), and a
 * model-free walk over a {@code .licv} file's frames for {@code lic4j info}.
 */
public final class VideoFiles {
  /** The suffix of a lic4j video stream. */
  public static final String LICV_SUFFIX = "licv";
  /** The suffix of a y4m file. */
  public static final String Y4M_SUFFIX = "y4m";
  private static final byte[] Y4M_SIGNATURE = (Y4mReader.SIGNATURE + " ").getBytes(StandardCharsets.US_ASCII);

  private VideoFiles() {}

  /** Whether {@code p} is named {@code *.licv}. */
  public static boolean isLicv(Path p) {
    return Inputs.hasSuffix(p, LICV_SUFFIX);
  }

  /** Whether {@code in}, a regular file, is y4m: named {@code *.y4m}, or starting with the signature. */
  public static boolean isY4m(Path in) throws IOException {
    if (Inputs.hasSuffix(in, Y4M_SUFFIX)) {
      return true;
    }
    if (!Files.isRegularFile(in)) {
      return false;
    }
    byte[] head = new byte[Y4M_SIGNATURE.length];
    int n;
    try (InputStream s = Files.newInputStream(in)) {
      n = s.readNBytes(head, 0, head.length);
    }
    return n == head.length && Arrays.equals(head, Y4M_SIGNATURE);
  }

  /**
   * Whether the stream starts with the y4m signature; leaves it where it was. {@code in} must
   * support mark and reset (a {@link BufferedInputStream}).
   */
  public static boolean startsWithY4m(InputStream in) throws IOException {
    in.mark(Y4M_SIGNATURE.length);
    byte[] head = in.readNBytes(Y4M_SIGNATURE.length);
    in.reset();
    return Arrays.equals(head, Y4M_SIGNATURE);
  }

  /**
   * One frame as a video stream stores it, without decoding it.
   *
   * @param number position in stream order, from 0
   * @param displayIndex position in display order
   * @param type intra, predicted or bidirectional
   * @param quality the frame's quality code (hundredths)
   * @param offset byte offset of its chunk
   * @param bytes bytes of its chunk: header, tiles, checksum
   * @param tiles tiles in the frame
   */
  public record FrameSummary(long number, long displayIndex, FrameType type, int quality, long offset, long bytes,
      int tiles) {}

  /**
   * A video stream's description: what it says before its frames, and its length and index.
   *
   * @param version the format version, e.g. "1.0"
   * @param sequence the stream and sequence headers
   * @param length bytes in the file
   * @param hasIndex whether it ends with a seek index
   */
  public record VideoSummary(String version, SequenceHeader sequence, long length, boolean hasIndex) {}

  /**
   * Reads the headers of the video stream in {@code file}, then hands each frame's summary to
   * {@code frames} in stream order, checking every chunk checksum and the footer as it goes: once
   * this returns, the stream's structure is intact. Needs no model.
   *
   * <p>The container reader is {@code org.lic4j.bitstream.container}, exported to the codecs
   * alone; this class path module reaches it because the command line runs on the class path.
   * It belongs in a model-free {@code VideoStreamInfo} of the video module, as {@code StreamInfo}
   * is for pictures; until then this is its one user outside the codecs.
   */
  public static VideoSummary describe(Path file, Consumer<VideoSummary> header, Consumer<FrameSummary> frames)
      throws IOException {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + ": is a directory, not a lic4j video stream", false);
    }
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(file + ": no such file", false);
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      VideoContainerReader reader = VideoContainerReader.open(channel, file.toString());
      VideoSummary summary = new VideoSummary(reader.version().toString(), reader.sequence(), channel.size(),
          reader.hasIndex());
      header.accept(summary);
      for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
        CodedFrame c = f.get();
        frames.accept(new FrameSummary(c.number(), c.header().displayIndex(), c.header().type(), c.header().quality(),
            c.offset(), c.chunkLength(), c.tileCount()));
      }
      return summary;
    }
  }
}
