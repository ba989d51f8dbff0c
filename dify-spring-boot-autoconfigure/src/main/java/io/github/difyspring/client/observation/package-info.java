/**
 * Micrometer observations and meters of the Dify clients.
 */
@NullMarked
package io.github.difyspring.client.observation;

import org.jspecify.annotations.NullMarked;
