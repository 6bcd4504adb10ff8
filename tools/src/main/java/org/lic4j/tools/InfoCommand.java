package org.lic4j.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.StreamInfo;
import org.lic4j.media.LicFiles;
import org.lic4j.media.VideoFiles;
import org.lic4j.video.VideoStreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "info", mixinStandardHelpOptions = true, description = {"Describe a lic4j stream: header, model, size, metadata (ICC, EXIF orientation, XMP), chunks; checks every"
    + " checksum.",
    "A video (.licv): size, rate, colour, frames, and the bytes and type of each frame."})
final class InfoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "A .lic or .licv stream.")
  Path file;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    PrintStream out = root.out();
    if (VideoFiles.isLicv(file)) {
      return video(out);
    }
    byte[] stream = LicFiles.read(file);
    StreamInfo info = StreamInfo.read(stream, file.toString());
    StreamHeader h = info.header();
    out.println("file:        " + file);
    out.println("format:      lic4j " + info.version());
    out.println("media:       " + h.mediaKind().toString().toLowerCase(Locale.ROOT) + ", frame " + h.frameType().toString().toLowerCase(Locale.ROOT)
        + " #" + h.frameIndex() + ", gop " + h.gopLength());
    out.println("picture:     " + h.width() + "x" + h.height() + " " + h.colourFormat() + " " + h.bitDepth() + "-bit");
    out.println("model:       " + h.model().name() + " sha256 " + h.model().sha256Hex());
    out.printf("quality:     %.2f%n", h.quality() / 100.0);
    out.println("tiles:       " + h.tileColumns() + "x" + h.tileRows() + " of " + h.tiles().tileWidth() + "x"
        + h.tiles().tileHeight() + ", overlap " + h.tiles().overlap());
    out.printf("size:        %d bytes, %.4f bpp%n", info.length(), info.bitsPerPixel());
    PictureMetadata metadata = PictureMetadata.read(stream, file.toString());
    out.println("metadata:    " + (metadata.isEmpty() ? "none" : describe(metadata)));
    out.println("chunks:      " + info.chunks().size());
    for (ChunkEntry c : info.chunks()) {
      out.printf("  %-4s offset %10d  length %10d%s%n", c.type().name(), c.offset(), c.length(),
          c.tileIndex() >= 0 ? "  tile " + c.tileIndex() : "");
    }
    out.println("checksums:   ok");
    return Failures.OK;
  }

  /** One line: each part's size, the ICC profile's description, the Exif orientation. */
  private static String describe(PictureMetadata m) {
    StringBuilder s = new StringBuilder();
    byte[] icc = m.iccProfile();
    if (icc != null) {
      String name = m.iccDescription();
      s.append("ICC ").append(icc.length).append(" bytes").append(name == null ? "" : " (\"" + name + "\")");
    }
    byte[] exif = m.exif();
    if (exif != null) {
      s.append(s.length() > 0 ? ", " : "").append("EXIF ").append(exif.length).append(" bytes");
      s.append(m.orientation() == 0 ? " (no orientation)" : " (orientation " + m.orientation() + ")");
    }
    byte[] xmp = m.xmp();
    if (xmp != null) {
      s.append(s.length() > 0 ? ", " : "").append("XMP ").append(xmp.length).append(" bytes");
    }
    return s.toString();
  }

  /** The sequence header, then one line per frame as the frames are read and checked. */
  private int video(PrintStream out) throws IOException {
    long[] totals = new long[2];
    double[] pixels = new double[1];
    VideoStreamInfo.Summary v = VideoFiles.describe(file, s -> {
      SequenceHeader q = s.sequence();
      StreamHeader h = q.stream();
      pixels[0] = (double) q.width() * q.height();
      SourceColour c = q.colour();
      out.println("file:        " + file);
      out.println("format:      lic4j " + s.version());
      out.println("media:       video, gop " + q.gopLength() + (s.hasIndex() ? ", seek index" : ", no seek index"));
      out.println("picture:     " + q.width() + "x" + q.height() + " " + h.colourFormat() + " " + h.bitDepth() + "-bit");
      out.printf("rate:        %s fps (%.3f)%n", q.frameRate(), q.frameRate().perSecond());
      out.println("source:      " + c.chromaFormat() + ", matrix " + c.matrix() + ", range " + c.range() + ", siting "
          + c.siting());
      out.println("frames:      " + (q.hasFrameCount() ? Long.toString(q.frameCount()) : "not declared"));
      out.println("model:       " + h.model().name() + " sha256 " + h.model().sha256Hex());
      if (q.hasPredictionModel()) {
        out.println("P frames:    " + q.predictionModel().name() + " sha256 " + q.predictionModel().sha256Hex());
      }
      out.printf("quality:     %.2f%n", h.quality() / 100.0);
      out.println("tiles:       " + h.tileColumns() + "x" + h.tileRows() + " of " + h.tiles().tileWidth() + "x"
          + h.tiles().tileHeight() + ", overlap " + h.tiles().overlap());
      out.printf("  %6s %7s %-5s %7s %10s %10s %8s%n", "frame", "display", "type", "quality", "offset", "bytes", "bpp");
    }, f -> {
      totals[0]++;
      totals[1] += f.bytes();
      out.printf("  %6d %7d %-5s %7.2f %10d %10d %8.4f%n", f.number(), f.displayIndex(),
          f.type().toString().toLowerCase(Locale.ROOT), f.quality() / 100.0, f.offset(), f.bytes(),
          f.bytes() * 8.0 / pixels[0]);
    });
    SequenceHeader q = v.sequence();
    double seconds = totals[0] / q.frameRate().perSecond();
    out.printf("size:        %d bytes, %d frames, %.3f s, %.4f bpp, %.0f kbit/s%n", v.length(), totals[0], seconds,
        v.length() * 8.0 / (pixels[0] * Math.max(1, totals[0])), seconds > 0 ? v.length() * 8.0 / seconds / 1000 : 0.0);
    out.println("checksums:   ok");
    return Failures.OK;
  }
}
