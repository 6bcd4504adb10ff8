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
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.ContainerWriter;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.conformance.ConformanceAccess;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.conformance.VideoConformanceAccess;

/**
 * The integer latents of every frame of a video stream, in stream order. An intra frame's tile
 * data is, by definition (docs/video.md, "Frame chunk"), the {@code TILE} data of an image stream
 * with the video's header as an image and the frame's quality; so each intra frame is rewrapped as
 * that image and parsed by the codec's own conformance hook ({@link ConformanceAccess#tileSymbols}).
 * A P frame's tiles (motion field and residual data) are parsed by the video module's hook ({@link
 * VideoConformanceAccess#predictedTiles}), with the P-frame model the stream names. No float graph
 * runs: the digests are the same on every machine. The video reader checks the container
 * (checksums, frame order) as it goes.
 */
final class VideoFrames {
  /** The manifest's name of an intra frame's type. */
  static final String INTRA = "I";
  /** The manifest's name of a P frame's type. */
  static final String PREDICTED = "P";

  private VideoFrames() {}

  /** One frame's type ({@link #INTRA} or {@link #PREDICTED}) and latent digest. */
  record Latents(String type, String sha256) {}

  /**
   * The type and latent digest ({@link Digests#latents} for an intra frame, {@link
   * Digests#predictedLatents} for a P frame) of each frame, in stream order.
   *
   * @param pFrameModel the stream's P-frame model, or null for a stream without P frames
   * @throws UnsupportedFeatureException for a P frame when {@code pFrameModel} is null, or a frame
   *     of another type
   */
  static List<Latents> latentDigests(ImageDecoder decoder, PFrameModel pFrameModel, byte[] stream, String resource)
      throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), resource);
    StreamHeader video = reader.sequence().stream();
    StreamHeader picture = video.toBuilder()
        .mediaKind(MediaKind.IMAGE)
        .frame(FrameType.INTRA, 0, 1)
        .build();
    List<Latents> digests = new ArrayList<>();
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      CodedFrame frame = f.get();
      String where = resource + " frame " + frame.number();
      if (frame.header().isIntra()) {
        byte[] image = asImage(picture.toBuilder().quality(frame.header().quality()).build(), frame);
        digests.add(new Latents(INTRA, Digests.latents(ConformanceAccess.tileSymbols(decoder, image, where))));
      } else if (frame.header().type() == FrameType.PREDICTED && pFrameModel != null) {
        digests.add(new Latents(PREDICTED, Digests.predictedLatents(
            VideoConformanceAccess.predictedTiles(pFrameModel, video, tiles(frame), where))));
      } else {
        throw new UnsupportedFeatureException("frame " + frame.number() + ": " + frame.header().type()
            + " frame, and the checker has no model for it", frame.offset(), resource);
      }
    }
    return digests;
  }

  private static List<byte[]> tiles(CodedFrame frame) {
    List<byte[]> tiles = new ArrayList<>(frame.tileCount());
    for (int t = 0; t < frame.tileCount(); t++) {
      tiles.add(frame.tileData(t));
    }
    return tiles;
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
