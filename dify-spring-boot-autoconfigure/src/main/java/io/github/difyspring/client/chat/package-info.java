/**
 * The client of chat, agent and chatflow apps, with its requests, answers, conversations and
 * messages.
 */
@NullMarked
package io.github.difyspring.client.chat;

import org.jspecify.annotations.NullMarked;
