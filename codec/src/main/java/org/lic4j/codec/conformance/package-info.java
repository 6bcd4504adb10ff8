/**
 * Hooks for the conformance checker ({@code org.lic4j.conformance}), the only module this package
 * is exported to: parsed symbols, which are no part of the codec's API.
 */
package org.lic4j.codec.conformance;
