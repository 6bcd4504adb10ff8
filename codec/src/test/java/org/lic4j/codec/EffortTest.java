package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The effort levels of EncodeParams: their documented recipe of refinement steps. */
class EffortTest {
  @Test
  void levelsMapToTheDocumentedRefinementSteps() {
    int[] documented = {0, 1, 2, 3, 4, 6, 8, 12, 18, 25};
    assertEquals(EncodeParams.MAX_EFFORT + 1, documented.length);
    for (int level = 0; level <= EncodeParams.MAX_EFFORT; level++) {
      assertEquals(documented[level], EncodeParams.refinementSteps(level), "effort " + level);
    }
  }

  @Test
  void zeroIsThePlainEncoderAndTheTopIsTheRecommendedRefinement() {
    assertEquals(0, EncodeParams.refinementSteps(0));
    assertEquals(EncodeParams.RECOMMENDED_REFINE_ITERATIONS, EncodeParams.refinementSteps(EncodeParams.MAX_EFFORT));
    for (int level = 1; level <= EncodeParams.MAX_EFFORT; level++) {
      assertTrue(EncodeParams.refinementSteps(level) > EncodeParams.refinementSteps(level - 1),
          "effort " + level + " refines more than " + (level - 1));
    }
  }

  @Test
  void withEffortKeepsTheRestOfTheRequest() {
    EncodeParams p = EncodeParams.quality(40).withTiles(512, 128).withEffort(5);
    assertEquals(new EncodeParams(40, 0, 512, 128, 6), p);
    assertEquals(0, p.withEffort(0).refineIterations());
  }

  @Test
  void theDefaultIsALevel() {
    assertTrue(EncodeParams.DEFAULT_EFFORT >= 0 && EncodeParams.DEFAULT_EFFORT <= EncodeParams.MAX_EFFORT);
  }

  @Test
  void refusesLevelsOutsideTheRange() {
    for (int level : new int[] {-1, EncodeParams.MAX_EFFORT + 1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EncodeParams.quality(75).withEffort(level));
      assertEquals("effort must be in 0..9, got " + level, e.getMessage());
    }
  }
}
