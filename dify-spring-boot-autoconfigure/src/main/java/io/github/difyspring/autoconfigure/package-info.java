/**
 * Spring Boot auto-configuration of the Dify clients: the {@code dify.*} properties, one client
 * bean per configured app, failure analysis of bad properties, health, observation and runtime
 * hints.
 */
@NullMarked
package io.github.difyspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
