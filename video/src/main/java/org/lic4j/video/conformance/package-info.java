/**
 * Hooks for the conformance checker ({@code org.lic4j.conformance}), the only module this package
 * is exported to: a P frame's parsed integers (motion field and residual symbols), which are no
 * part of the video API.
 */
package org.lic4j.video.conformance;
