package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Found by Y4mReaderFuzzTest: a header line of one space split into no token (an index error). */
class Y4mBlankHeaderRegressionTest {
  @Test
  void aHeaderOfSpacesIsNotAY4mStream() {
    for (String header : new String[] {" \n", "  \n", "\n"}) {
      UserInputException e = assertThrows(UserInputException.class, () -> Y4mReader.open(
          new ByteArrayInputStream(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "x.y4m",
          Y4mLimits.DEFAULT, n -> { }));
      assertEquals("x.y4m: not a y4m stream (it does not start with YUV4MPEG2)", e.getMessage());
    }
  }
}
