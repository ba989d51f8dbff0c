/**
 * Files sent to and received from Dify: uploads, downloads, speech and transcription.
 */
@NullMarked
package io.github.difyspring.client.file;

import org.jspecify.annotations.NullMarked;
