/**
 * The events of a Dify stream, one record per event type, and the assembly of a streamed answer.
 */
@NullMarked
package io.github.difyspring.client.event;

import org.jspecify.annotations.NullMarked;
