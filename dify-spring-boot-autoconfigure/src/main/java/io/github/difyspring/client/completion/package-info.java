/**
 * The client of completion (text generator) apps.
 */
@NullMarked
package io.github.difyspring.client.completion;

import org.jspecify.annotations.NullMarked;
