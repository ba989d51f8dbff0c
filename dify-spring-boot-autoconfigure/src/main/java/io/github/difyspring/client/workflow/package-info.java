/**
 * The client of workflow apps and the run operations of workflow and chatflow apps: runs, logs,
 * pauses and human input.
 */
@NullMarked
package io.github.difyspring.client.workflow;

import org.jspecify.annotations.NullMarked;
