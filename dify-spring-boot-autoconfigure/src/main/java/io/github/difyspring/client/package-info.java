/**
 * The Dify clients without Spring Boot: apps and their options, the client registry and its
 * connection pool, and the types every client shares (usage, message metadata, workflow runs).
 */
@NullMarked
package io.github.difyspring.client;

import org.jspecify.annotations.NullMarked;
