/** Reference bitstreams and the checks a conforming decoder must pass. */
package org.lic4j.conformance;
