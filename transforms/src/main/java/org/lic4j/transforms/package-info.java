/**
 * Tensors and ONNX Runtime: the model bundle's float graphs, and the integer scale network that
 * selects probability tables bit-exactly in Java.
 */
package org.lic4j.transforms;
