/**
 * Tensors and ONNX Runtime: the model bundle's float graphs, and the integer scale network that
 * selects probability tables bit-exactly in Java.
 *
 * <p>Entry points: {@link org.lic4j.transforms.ModelBundle} loads and verifies a bundle
 * (docs/models.md) and hands out its CDF tables, gains and
 * {@link org.lic4j.transforms.IntegerScaleNetwork}; {@link org.lic4j.transforms.OnnxTransforms}
 * runs its float graphs. Only this package touches ONNX Runtime.
 */
package org.lic4j.transforms;
