package org.lic4j.video;

/**
 * The normative frequencies of the motion-vector tables (docs/video.md, "Motion vectors"), written
 * by {@code MotionBench fit} (test scope) from the motion fields of the shared clips street,
 * cockatoo, city and CiscoVT2people (first 20 frames each, both block sizes, the training
 * default estimator): see {@link MotionVectorCoding} for their order and meaning.
 */
final class MotionVectorTables {
  static final int[][] FREQUENCIES = {
    {1, 2, 9, 34, 105, 115, 219, 376, 610, 2581, 25029, 2359, 562, 330, 194, 98, 95, 35, 10, 2, 1, 1},
    {1, 2, 11, 48, 172, 369, 903, 1530, 1935, 5128, 12756, 5160, 1890, 1438, 849, 341, 172, 49, 10, 2, 1, 1},
    {1, 48, 274, 749, 1811, 2700, 2748, 1909, 1223, 1929, 6411, 1934, 1246, 1838, 2709, 2505, 1716, 705, 247, 62, 2, 1},
    {1, 1, 2, 14, 51, 44, 82, 136, 294, 1723, 28011, 1857, 318, 109, 60, 24, 24, 10, 4, 1, 1, 1},
    {1, 1, 2, 16, 85, 163, 491, 775, 1391, 5021, 16678, 5342, 1411, 802, 413, 109, 49, 13, 2, 1, 1, 1},
    {1, 9, 89, 506, 1361, 2179, 2616, 1557, 1209, 2344, 11540, 2267, 1015, 1403, 1841, 1448, 932, 320, 112, 17, 1, 1},
    {1, 3, 28, 87, 281, 256, 394, 592, 1106, 4123, 19484, 3880, 1087, 542, 338, 219, 218, 84, 37, 6, 1, 1},
    {1, 5, 23, 110, 334, 590, 1176, 1714, 2244, 5332, 10158, 5307, 2186, 1596, 1101, 486, 270, 98, 28, 7, 1, 1},
    {1, 66, 276, 1077, 2397, 3292, 3066, 1944, 1234, 1835, 4505, 1744, 1154, 1682, 2554, 2505, 1991, 1011, 343, 88, 2, 1},
  };

  private MotionVectorTables() {}
}
