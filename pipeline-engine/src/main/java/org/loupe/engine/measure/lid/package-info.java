/**
 * Language identification with fastText models, read and evaluated in pure Java.
 *
 * <p>Loupe's language filter has to give the same language and score as datatrove's, which runs fastText's
 * {@code lid.176} model through fastText's Python binding. {@link org.loupe.engine.measure.lid.FastTextModel}
 * reads fastText's binary model format (including the quantized {@code .ftz} form) and repeats fastText's
 * prediction step by step in float32; {@link org.loupe.engine.measure.lid.LanguageIdentifier} adds datatrove's
 * preprocessing and label naming. No native code, no dependency on the module that ships the model file.
 */
package org.loupe.engine.measure.lid;
