package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.putI32;
import static org.lic4j.bitstream.container.ContainerFormat.putI64;
import static org.lic4j.bitstream.container.ContainerFormat.putU16;

import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.SequenceHeader;

/**
 * The byte layouts of docs/video.md ("Stream") in one place, for {@link VideoContainerWriter} and
 * {@link VideoContainerReader}: the video chunk types and the fixed parts of their payloads. The
 * framing around them (signature, header, chunk, footer) is {@link ContainerFormat}'s.
 */
final class VideoFormat {
  /**
   * The sequence chunk, mandatory, first after the header. Not in the image registry ({@link
   * ChunkType#registered()}): to an image reader it is an unknown mandatory chunk, so a video
   * stream is refused there as an unsupported feature, never misread as a picture.
   */
  static final ChunkType SEQUENCE = ChunkType.of("SEQH");
  /** One frame, mandatory. */
  static final ChunkType FRAME = ChunkType.of("FRAM");
  /** The seek index, optional (a reader that does not seek skips it), last before the footer. */
  static final ChunkType INDEX = ChunkType.of("indx");

  // SEQH payload offsets.
  static final int RATE_NUMERATOR = 0;
  static final int RATE_DENOMINATOR = 4;
  static final int FRAME_COUNT = 8;
  static final int MATRIX = 12;
  static final int RANGE = 13;
  static final int SITING = 14;
  static final int CHROMA_FORMAT = 15;
  /** SEQH payload length in format 1.0; newer minors may append fields. */
  static final int SEQUENCE_LENGTH = 16;
  /**
   * Format 1.1's SEQH extension, at {@link #SEQUENCE_LENGTH}: PredictionModelNameLength u8 (0 for
   * none), then, when not 0, the name and the model's 32-byte hash, as the header's model fields.
   */
  static final int PREDICTION_MODEL = SEQUENCE_LENGTH;

  // FRAM payload offsets.
  static final int FRAME_TYPE = 0;
  static final int REFERENCE_COUNT = 1;
  static final int QUALITY = 2;
  static final int DISPLAY_INDEX = 4;
  /** First reference; the tile lengths follow the references. */
  static final int REFERENCES = 8;
  /** Shortest FRAM payload: the fixed fields and one tile length. */
  static final int MIN_FRAME_LENGTH = REFERENCES + Integer.BYTES;

  /** Index entry: DisplayIndex u32, FrameNumber u32, FrameOffset u64. */
  static final int INDEX_ENTRY_LENGTH = 16;
  /** The index payload ends with EntryCount u32, so a reader finds the chunk from the footer. */
  static final int INDEX_COUNT_LENGTH = Integer.BYTES;

  private VideoFormat() {}

  static byte[] encodeSequence(SequenceHeader sequence) {
    ModelId prediction = sequence.predictionModel();
    byte[] name = prediction == null ? null : prediction.nameUtf8();
    // A 1.0 payload when there is no prediction model: all-intra streams stay format 1.0.
    byte[] payload = new byte[prediction == null ? SEQUENCE_LENGTH
        : SEQUENCE_LENGTH + 1 + name.length + ModelId.HASH_LENGTH];
    putI32(payload, RATE_NUMERATOR, (int) sequence.frameRate().numerator());
    putI32(payload, RATE_DENOMINATOR, (int) sequence.frameRate().denominator());
    putI32(payload, FRAME_COUNT, (int) sequence.frameCount());
    payload[MATRIX] = (byte) sequence.colour().matrix().code();
    payload[RANGE] = (byte) sequence.colour().range().code();
    payload[SITING] = (byte) sequence.colour().siting().code();
    payload[CHROMA_FORMAT] = (byte) sequence.colour().chromaFormat().code();
    if (prediction != null) {
      payload[PREDICTION_MODEL] = (byte) name.length;
      System.arraycopy(name, 0, payload, PREDICTION_MODEL + 1, name.length);
      System.arraycopy(prediction.sha256(), 0, payload, PREDICTION_MODEL + 1 + name.length, ModelId.HASH_LENGTH);
    }
    return payload;
  }

  /** The FRAM payload up to the tile data: fixed fields, references, tile lengths. */
  static byte[] encodeFrameHead(FrameHeader frame, int[] tileLengths) {
    int references = frame.references().size();
    byte[] head = new byte[frameHeadLength(references, tileLengths.length)];
    head[FRAME_TYPE] = (byte) frame.type().code();
    head[REFERENCE_COUNT] = (byte) references;
    putU16(head, QUALITY, frame.quality());
    putI32(head, DISPLAY_INDEX, (int) frame.displayIndex());
    int at = REFERENCES;
    for (long reference : frame.references()) {
      putI32(head, at, (int) reference);
      at += Integer.BYTES;
    }
    for (int length : tileLengths) {
      putI32(head, at, length);
      at += Integer.BYTES;
    }
    return head;
  }

  static int frameHeadLength(int references, int tiles) {
    return REFERENCES + Integer.BYTES * (references + tiles);
  }

  /** Length of the index payload for {@code entries} entries. */
  static long indexLength(long entries) {
    return entries * INDEX_ENTRY_LENGTH + INDEX_COUNT_LENGTH;
  }

  static void putIndexEntry(byte[] payload, int entry, long display, long number, long offset) {
    int at = entry * INDEX_ENTRY_LENGTH;
    putI32(payload, at, (int) display);
    putI32(payload, at + 4, (int) number);
    putI64(payload, at + 8, offset);
  }
}
