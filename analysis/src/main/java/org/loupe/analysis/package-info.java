/**
 * Analyses of a sample: top domains and URLs, tokenizer training and vocabulary reports, embeddings,
 * maps and clusters. Depends on the engine only; Smile stays internal.
 */
package org.loupe.analysis;
