/**
 * What every Dify app offers: its description, parameters, feedback and annotations.
 */
@NullMarked
package io.github.difyspring.client.app;

import org.jspecify.annotations.NullMarked;
