package org.lic4j.codec.conformance;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.lic4j.codec.ImageDecoder;

/**
 * What a conformance checker needs of the codec beyond its API: the integer latents a decoder
 * parses, which every conforming decoder must reproduce exactly (docs/conformance.md). This package
 * is exported to {@code org.lic4j.conformance} alone, so that applications see no such hook on
 * {@link ImageDecoder}.
 *
 * <p>The decoder installs its side when its class is initialised, as the JDK's internal
 * {@code SharedSecrets} do: a decoder that exists has installed it.
 */
public final class ConformanceAccess {
  /** The decoder's side: the symbols of every tile of a stream, in tile index order. */
  @FunctionalInterface
  public interface SymbolParser {
    List<TileSymbols> parse(ImageDecoder decoder, byte[] stream, String resource) throws IOException;
  }

  private static volatile SymbolParser parser;

  private ConformanceAccess() {}

  /** Called once, by {@link ImageDecoder}'s static initialiser; a second call fails. */
  public static synchronized void install(SymbolParser decoderSide) {
    if (parser != null) {
      throw new IllegalStateException("the decoder's symbol parser is installed already");
    }
    parser = Objects.requireNonNull(decoderSide, "decoderSide");
  }

  /**
   * The integer latents of every tile of {@code stream}, in tile index order: z symbols, residuals
   * and scale indexes. Only the container, the entropy tables and the integer scale network take
   * part; no float graph runs, so the result is the same on every machine and execution provider.
   *
   * @param resource names the stream in error messages
   */
  public static List<TileSymbols> tileSymbols(ImageDecoder decoder, byte[] stream, String resource)
      throws IOException {
    Objects.requireNonNull(decoder, "decoder");
    return parser.parse(decoder, stream, resource);
  }
}
