/**
 * A Dify Service API for tests: {@link io.github.difyspring.test.DifyTestServer}, a real HTTP
 * server on loopback that plays scripted apps ({@link io.github.difyspring.test.ScriptedApp}) and
 * knowledge bases the way Dify's server code answers, records what it receives
 * ({@link io.github.difyspring.test.RecordedRequests}), and replays Dify's conformance transcripts
 * ({@link io.github.difyspring.test.DifyTranscript}); with {@link
 * io.github.difyspring.test.AutoConfigureDifyTestServer} for Spring Boot tests and {@link
 * io.github.difyspring.test.DifyTestServerExtension} for plain JUnit 5.
 */
@NullMarked
package io.github.difyspring.test;

import org.jspecify.annotations.NullMarked;
