package org.lic4j.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.ContainerWriter;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.conformance.ConformanceAccess;

/**
 * The integer latents of every frame of a video stream, in stream order. An intra frame's tile
 * data is, by definition (docs/video.md, "Frame chunk"), the {@code TILE} data of an image stream
 * with the video's header as an image and the frame's quality; so each frame is rewrapped as that
 * image and parsed by the codec's own conformance hook ({@link ConformanceAccess#tileSymbols}).
 * No float graph runs: the digests are the same on every machine. The video reader checks the
 * container (checksums, frame order) as it goes.
 */
final class VideoFrames {
  private VideoFrames() {}

  /** The latent digest ({@link Digests#latents}) of each frame, in stream order. */
  static List<String> latentDigests(ImageDecoder decoder, byte[] stream, String resource) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), resource);
    StreamHeader picture = reader.sequence().stream().toBuilder()
        .mediaKind(MediaKind.IMAGE)
        .frame(FrameType.INTRA, 0, 1)
        .build();
    List<String> digests = new ArrayList<>();
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      CodedFrame frame = f.get();
      byte[] image = asImage(picture.toBuilder().quality(frame.header().quality()).build(), frame);
      digests.add(Digests.latents(ConformanceAccess.tileSymbols(decoder, image,
          resource + " frame " + frame.number())));
    }
    return digests;
  }

  /** Frame {@code frame}'s tiles as the image stream of header {@code picture}. */
  private static byte[] asImage(StreamHeader picture, CodedFrame frame) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(out, picture)) {
      for (int t = 0; t < frame.tileCount(); t++) {
        writer.writeTile(t, frame.tileData(t));
      }
      writer.finish();
    }
    return out.toByteArray();
  }
}
