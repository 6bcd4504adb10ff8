package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.bitstream.container.Samples.RESOURCE;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.VersionTooNewException;
import org.lic4j.bitstream.VersionTooOldException;


/**
 * The reader contract, run against every way of opening a stream: round trip, detection of every
 * single-byte corruption and every truncation, version negotiation, unknown chunks, limits.
 */
abstract class AbstractContainerReaderTest {
  /** Every exception message: reason, offset, resource. */
  private static final Pattern MESSAGE =
      Pattern.compile("(?s).+: offset=\\d+ \\(resource=" + Pattern.quote(RESOURCE) + "\\)");
  private static final int MAX_REPORTED_FAILURES = 20;

  /** Opens {@code stream} the way the subclass tests. */
  abstract ContainerReader open(byte[] stream, String resource, ContainerLimits limits)
      throws IOException;

  /** Opens, reads every payload and checks integrity: all a source can defer. */
  final ContainerReader readAll(byte[] stream, ContainerLimits limits) throws IOException {
    ContainerReader reader = open(stream, RESOURCE, limits);
    for (ChunkEntry entry : reader.chunks()) {
      reader.readPayload(entry);
    }
    reader.checkIntegrity();
    return reader;
  }

  final ContainerReader readAll(byte[] stream) throws IOException {
    return readAll(stream, ContainerLimits.DEFAULT);
  }

  // ---- round trip ----

  @Test
  void roundTrip() throws IOException {
    byte[] stream = Samples.stream();
    ContainerReader reader = readAll(stream);

    assertEquals(FormatVersion.CURRENT, reader.version());
    assertEquals(Samples.header(), reader.header());
    assertEquals(stream.length, reader.length());
    assertEquals(RESOURCE, reader.resource());
    for (int i = 0; i < reader.header().tileCount(); i++) {
      ChunkEntry tile = reader.tile(i).orElseThrow();
      assertEquals(i, tile.tileIndex());
      assertArrayEquals(Samples.tileData(i), reader.readData(tile), "tile " + i);
    }
    assertArrayEquals(Samples.alphaData(4), reader.readData(reader.alpha(4).orElseThrow()));
    assertFalse(reader.alpha(0).isPresent());
    assertArrayEquals(Samples.ICC, reader.readData(reader.chunks(ChunkType.ICCP).get(0)));
    assertArrayEquals(Samples.TEXT, reader.readPayload(reader.chunks(ChunkType.TEXT).get(0)));
    assertEquals(6, reader.chunks(ChunkType.TILE).size());
  }

  @Test
  void indexTilesTheStreamInOrder() throws IOException {
    byte[] stream = Samples.stream();
    ContainerReader reader = open(stream, RESOURCE, ContainerLimits.DEFAULT);
    List<ChunkEntry> chunks = reader.chunks();
    assertEquals(ChunkType.ICCP, chunks.get(0).type());
    assertEquals(Samples.PRIVATE_OPTIONAL, chunks.get(chunks.size() - 1).type());
    long expected = chunks.get(0).offset();
    for (ChunkEntry entry : chunks) {
      assertEquals(expected, entry.offset());
      expected = entry.end();
    }
    assertEquals(stream.length - ContainerFormat.FOOTER_LENGTH, expected);
    ChunkEntry tile5 = reader.tile(5).orElseThrow();
    assertEquals(4 + Samples.tileData(5).length, tile5.length());
    byte[] direct = Arrays.copyOfRange(stream, (int) tile5.payloadOffset() + tile5.prefixLength(),
        (int) tile5.payloadOffset() + tile5.length());
    assertArrayEquals(Samples.tileData(5), direct);
  }

  @Test
  void foreignEntryIsRefused() throws IOException {
    ContainerReader reader = open(Samples.stream(), RESOURCE, ContainerLimits.DEFAULT);
    ChunkEntry real = reader.tile(1).orElseThrow();
    ChunkEntry forged = new ChunkEntry(real.type(), real.offset(), real.length() + 1, 1);
    assertThrows(IllegalArgumentException.class, () -> reader.readPayload(forged));
    assertThrows(IndexOutOfBoundsException.class, () -> reader.tile(6));
  }

  // ---- corruption and truncation ----

  /** Detected, and never mistaken for truncation: the intact footer says the stream is whole. */
  @Test
  void everySingleByteCorruptionIsDetected() {
    byte[] stream = Samples.stream();
    assertTrue(stream.length >= 200 && stream.length <= 1000, "sample is " + stream.length);
    Random random = new Random(20261128);
    List<String> failures = new ArrayList<>();
    for (int at = 0; at < stream.length; at++) {
      int[] masks = {1, 2, 4, 8, 16, 32, 64, 128, 0xFF, 1 + random.nextInt(255)};
      for (int mask : masks) {
        byte[] damaged = stream.clone();
        damaged[at] ^= (byte) mask;
        expectCorrupt(damaged, "byte " + at + " ^ 0x" + Integer.toHexString(mask), false,
            failures);
      }
    }
    assertNoFailures(failures);
  }

  @Test
  void everyTruncationIsDetectedAsTruncation() {
    byte[] stream = Samples.stream();
    List<String> failures = new ArrayList<>();
    for (int length = 0; length < stream.length; length++) {
      expectCorrupt(Arrays.copyOf(stream, length), "first " + length + " bytes", true, failures);
    }
    assertNoFailures(failures);
  }

  @Test
  void extensionIsDetected() {
    byte[] stream = Samples.stream();
    byte[] twice = new byte[stream.length * 2];
    System.arraycopy(stream, 0, twice, 0, stream.length);
    System.arraycopy(stream, 0, twice, stream.length, stream.length);
    for (byte[] extended : List.of(Arrays.copyOf(stream, stream.length + 1), twice)) {
      CorruptStreamException e =
          assertThrows(CorruptStreamException.class, () -> readAll(extended));
      assertTrue(e.reason().startsWith("extended"), e.getMessage());
      assertEquals(stream.length, e.offset());
    }
  }

  @Test
  void droppedChunkIsDetectedByTheFooter() throws IOException {
    byte[] stream = Samples.stream();
    ChunkEntry text =
        open(stream, RESOURCE, ContainerLimits.DEFAULT).chunks(ChunkType.TEXT).get(0);
    ByteArrayOutputStream spliced = new ByteArrayOutputStream();
    spliced.write(stream, 0, (int) text.offset());
    spliced.write(stream, (int) text.end(), stream.length - (int) text.end());
    CorruptStreamException e =
        assertThrows(CorruptStreamException.class, () -> readAll(spliced.toByteArray()));
    assertTrue(e.reason().contains("chunks lost or spliced"), e.getMessage());
  }

  @Test
  void messageNamesReasonOffsetAndResource() {
    byte[] stream = Samples.stream();
    int lengthField = ContainerFormat.HEADER_BODY_OFFSET
        + HeaderCodec.FIXED_LENGTH + Samples.MODEL.nameUtf8().length + 4 + 4;
    byte[] damaged = RawStream.patch(stream, lengthField, 4, 0xFFFF_FFFFL);
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(damaged));
    assertEquals("bad chunk length 4294967295 for 'iccp' (limit maxChunkLength=268435456): offset="
        + lengthField + " (resource=sample.lic)", e.getMessage());
    assertEquals(lengthField, e.offset());
    assertEquals(RESOURCE, e.resource());
  }

  private void expectCorrupt(byte[] damaged, String what, boolean truncated, List<String> failures) {
    try {
      readAll(damaged);
      failures.add(what + ": read without error");
    } catch (CorruptStreamException e) {
      if (!MESSAGE.matcher(e.getMessage()).matches()) {
        failures.add(what + ": message without offset and resource: " + e.getMessage());
      } else if (truncated != e.reason().startsWith("truncated")) {
        failures.add(what + (truncated ? ": truncation reported as " : ": reported as ")
            + e.getMessage());
      }
    } catch (Exception | AssertionError e) {
      failures.add(what + ": " + e);
    }
  }

  private static void assertNoFailures(List<String> failures) {
    assertTrue(failures.isEmpty(), failures.size() + " undetected or mis-typed, e.g.\n"
        + String.join("\n", failures.subList(0, Math.min(failures.size(), MAX_REPORTED_FAILURES))));
  }

  /**
   * Streams whose checksums are recomputed after damage, so the checks behind them run: header
   * bodies with random bytes and random chunk sequences. Only the reader's exception types may
   * come out.
   */
  @Test
  void damageBehindValidChecksumsRaisesOnlyTypedExceptions() {
    Random random = new Random(7);
    byte[] body = RawStream.body(Samples.header());
    String[] types = {"TILE", "ALPH", "FOOT", "iccp", "text", "zzzz", "ZZZZ", "T1LE", "1ABC"};
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < 1500; round++) {
      byte[] mutated = Arrays.copyOf(body, random.nextInt(8) == 0
          ? random.nextInt(body.length + 8) : body.length);
      for (int k = random.nextInt(4); k >= 0; k--) {
        if (mutated.length > 0) {
          mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
      }
      RawStream raw = RawStream.start(1, random.nextInt(3), mutated);
      for (int c = random.nextInt(5); c > 0; c--) {
        byte[] payload = new byte[random.nextInt(10)];
        random.nextBytes(payload);
        if (payload.length >= 4 && random.nextBoolean()) {
          payload = RawStream.patch(payload, 0, 4, random.nextInt(8));
        }
        raw.chunk(types[random.nextInt(types.length)], payload);
      }
      byte[] stream = random.nextInt(10) == 0 ? raw.unfinished() : raw.finish();
      try {
        readAll(stream);
      } catch (CorruptStreamException | UnsupportedFeatureException expected) {
        if (!MESSAGE.matcher(expected.getMessage()).matches()) {
          failures.add("round " + round + ": " + expected.getMessage());
        }
      } catch (Exception | AssertionError e) {
        failures.add("round " + round + ": " + e);
      }
    }
    assertNoFailures(failures);
  }

  // ---- versions ----

  @Test
  void newerMinorVersionIsRead() throws IOException {
    byte[] extended = concat(RawStream.body(Samples.header()), new byte[] {9, 8, 7, 6});
    byte[] stream = RawStream.start(1, 7, extended)
        .tile(0, new byte[] {1, 2, 3})
        .chunk("newc", new byte[] {5})
        .finish();
    ContainerReader reader = readAll(stream);
    assertEquals(new FormatVersion(1, 7), reader.version());
    assertEquals(Samples.header(), reader.header());
    assertArrayEquals(new byte[] {1, 2, 3}, reader.readData(reader.tile(0).orElseThrow()));
  }

  @Test
  void newerMajorVersionIsRejectedWithTheSupportedRange() {
    byte[] stream = RawStream.start(2, 0, RawStream.body(Samples.header())).finish();
    VersionTooNewException e =
        assertThrows(VersionTooNewException.class, () -> readAll(stream));
    assertEquals(new FormatVersion(2, 0), e.found());
    assertEquals(FormatVersion.OLDEST_SUPPORTED, e.oldestSupported());
    assertEquals(FormatVersion.NEWEST_SUPPORTED, e.newestSupported());
    assertEquals("format version 2.0 is too new: this reader supports 1.0 to 1.255"
        + " (resource=sample.lic)", e.getMessage());
  }

  @Test
  void olderVersionIsRejectedWithTheSupportedRange() {
    byte[] stream = RawStream.start(0, 9, RawStream.body(Samples.header())).finish();
    VersionTooOldException e =
        assertThrows(VersionTooOldException.class, () -> readAll(stream));
    assertEquals(new FormatVersion(0, 9), e.found());
    assertTrue(e.getMessage().contains("supports 1.0 to 1.255"), e.getMessage());
  }

  @Test
  void damagedVersionByteIsCorruptionNotAVersionProblem() {
    byte[] stream = Samples.stream();
    stream[ContainerFormat.MAJOR_OFFSET] = 2;
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertTrue(e.reason().startsWith("header checksum mismatch"), e.getMessage());
  }

  @Test
  void headerExtensionInFormat10IsCorrupt() {
    byte[] extended = concat(RawStream.body(Samples.header()), new byte[] {0});
    byte[] stream = RawStream.start(1, 0, extended).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertEquals(ContainerFormat.HEADER_LENGTH_OFFSET, e.offset());
  }

  // ---- unknown chunks ----

  @Test
  void unknownOptionalChunkIsSkipped() throws IOException {
    byte[] stream = RawStream.start(Samples.header())
        .chunk("zzzz", new byte[100])
        .tile(3, new byte[] {7})
        .chunk("q123", new byte[0])
        .finish();
    ContainerReader reader = readAll(stream);
    assertArrayEquals(new byte[] {7}, reader.readData(reader.tile(3).orElseThrow()));
    assertEquals(3, reader.chunks().size());
    assertFalse(reader.chunks().get(0).type().isRegistered());
  }

  @Test
  void unknownMandatoryChunkIsRejected() {
    RawStream start = RawStream.start(Samples.header()).tile(0, new byte[] {1});
    long offset = start.unfinished().length;
    byte[] stream = start.chunk("ZZZZ", new byte[] {1, 2}).finish();
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> readAll(stream));
    assertEquals(offset, e.offset());
    assertTrue(e.getMessage().startsWith("unknown mandatory chunk type 'ZZZZ'"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(resource=sample.lic)"), e.getMessage());
  }

  @Test
  void invalidChunkTypeIsCorrupt() {
    for (String type : new String[] {"TI E", "1ILE", "TIL\u00e9", "\0\0\0\0"}) {
      byte[] stream = RawStream.start(Samples.header()).chunk(type, new byte[] {0}).finish();
      CorruptStreamException e =
          assertThrows(CorruptStreamException.class, () -> readAll(stream), type);
      assertTrue(e.reason().startsWith("bad chunk type"), e.getMessage());
    }
  }

  // ---- chunk rules ----

  @Test
  void tileIndexOutOfRangeIsCorrupt() {
    byte[] stream = RawStream.start(Samples.header()).tile(6, new byte[0]).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertTrue(e.reason().startsWith("tile index 6 out of range 0..5"), e.getMessage());
  }

  @Test
  void secondChunkForATileIsCorrupt() {
    byte[] stream =
        RawStream.start(Samples.header()).tile(2, new byte[0]).tile(2, new byte[1]).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertTrue(e.reason().startsWith("second 'TILE' chunk for tile 2"), e.getMessage());
  }

  @Test
  void tileChunkWithoutIndexIsCorrupt() {
    byte[] stream = RawStream.start(Samples.header()).chunk("TILE", new byte[3]).finish();
    assertThrows(CorruptStreamException.class, () -> readAll(stream));
  }

  @Test
  void alphaChunkWithoutAlphaIsCorrupt() {
    StreamHeader rgb = Samples.header().toBuilder().colourFormat(ColourFormat.RGB).build();
    byte[] stream = RawStream.start(rgb).chunk("ALPH", new byte[4]).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertTrue(e.reason().contains("'ALPH' chunk in a RGB stream"), e.getMessage());
  }

  @Test
  void streamWithoutChunksIsValid() throws IOException {
    byte[] stream = RawStream.start(Samples.header()).finish();
    ContainerReader reader = readAll(stream);
    assertTrue(reader.chunks().isEmpty());
    assertFalse(reader.tile(0).isPresent());
  }

  @Test
  void footerWithWrongLengthIsCorrupt() {
    byte[] stream = RawStream.start(Samples.header()).chunk("FOOT", new byte[13]).unfinished();
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertTrue(e.reason().startsWith("bad footer length 13"), e.getMessage());
  }

  // ---- limits ----

  @Test
  void hugeDimensionsAreRejectedBeforeAllocation() throws IOException {
    StreamHeader huge = Samples.header().toBuilder().size(65_535, 65_535).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(bytes, huge, ContainerLimits.MAXIMUM)) {
      writer.finish();
    }
    byte[] stream = bytes.toByteArray();
    assertTrue(stream.length < 200);
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertEquals("width 65535 exceeds limit maxWidth=32768", e.reason());
    assertEquals(ContainerFormat.HEADER_BODY_OFFSET + 4, e.offset());
    assertTrue(Allocation.bytesAllocatedBy(() -> readAll(stream)) < 256 * 1024);

    ContainerLimits wide = ContainerLimits.DEFAULT.withMaxWidth(65_535).withMaxHeight(65_535);
    e = assertThrows(CorruptStreamException.class, () -> readAll(stream, wide));
    assertTrue(e.reason().contains("exceeds limit maxPixels=268435456"), e.getMessage());
    ContainerReader reader = readAll(stream, ContainerLimits.MAXIMUM);
    assertEquals(65_535, reader.header().width());
  }

  @Test
  void hugeChunkLengthIsRejectedBeforeAllocation() {
    byte[] stream = RawStream.start(Samples.header())
        .append(new byte[] {'T', 'I', 'L', 'E', 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0})
        .append(new byte[] {0, 0, 0, 1, 2, 3})
        .unfinished();
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> readAll(stream));
    assertTrue(e.reason().startsWith("bad chunk length 2147483632 for 'TILE' (limit"),
        e.getMessage());

    // Within raised limits the length is believed, but only until the data runs out.
    ContainerLimits raised = ContainerLimits.DEFAULT.withMaxChunkLength(0x7FFF_FFF0);
    e = assertThrows(CorruptStreamException.class, () -> readAll(stream, raised));
    assertTrue(e.reason().startsWith("truncated: chunk 'TILE' of 2147483632 bytes"),
        e.getMessage());
    assertTrue(Allocation.bytesAllocatedBy(() -> readAll(stream, raised)) < 256 * 1024);
  }

  @Test
  void chunkCountIsLimited() throws IOException {
    StreamHeader oneTile = Samples.header().toBuilder().tiles(TileLayout.square(512)).build();
    RawStream raw = RawStream.start(oneTile);
    for (int i = 0; i < 5; i++) {
      raw.chunk("abcd", new byte[0]);
    }
    byte[] stream = raw.finish();
    assertEquals(5, readAll(stream, ContainerLimits.DEFAULT.withMaxChunkCount(6)).chunks().size());
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> readAll(stream, ContainerLimits.DEFAULT.withMaxChunkCount(4)));
    assertTrue(e.reason().startsWith("more than 4 chunks"), e.getMessage());
  }

  @Test
  void tileCountIsLimited() {
    byte[] stream = RawStream.start(Samples.header()).finish();
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> readAll(stream, ContainerLimits.DEFAULT.withMaxChunkCount(5)));
    assertEquals("tile count 6 exceeds limit maxChunkCount=5", e.reason());
  }

  @Test
  void chunkLengthLimitAppliesToEveryChunk() {
    byte[] stream = Samples.stream();
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> readAll(stream, ContainerLimits.DEFAULT.withMaxChunkLength(24)));
    assertTrue(e.reason().startsWith("bad chunk length 25 for 'iccp'"), e.getMessage());
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
