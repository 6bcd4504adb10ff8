/** The image codec API: composes container, entropy coder and transforms. */
package org.lic4j.codec;
