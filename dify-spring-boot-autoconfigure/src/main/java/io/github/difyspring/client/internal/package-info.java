/**
 * The HTTP transport the clients share; not part of the API.
 */
@NullMarked
package io.github.difyspring.client.internal;

import org.jspecify.annotations.NullMarked;
