package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.codec.StreamInfo;
import org.lic4j.media.LicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a lic4j stream: header, model, size, chunks; checks every checksum.")
final class InfoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "A .lic stream.")
  Path file;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    PrintStream out = root.out();
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
    out.println("chunks:      " + info.chunks().size());
    for (ChunkEntry c : info.chunks()) {
      out.printf("  %-4s offset %10d  length %10d%s%n", c.type().name(), c.offset(), c.length(),
          c.tileIndex() >= 0 ? "  tile " + c.tileIndex() : "");
    }
    out.println("checksums:   ok");
    return Failures.OK;
  }
}
