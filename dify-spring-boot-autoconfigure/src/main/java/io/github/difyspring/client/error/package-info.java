/**
 * The exceptions of the Dify clients, one per HTTP status family, plus stream, time-out,
 * connection and decoding failures.
 */
@NullMarked
package io.github.difyspring.client.error;

import org.jspecify.annotations.NullMarked;
