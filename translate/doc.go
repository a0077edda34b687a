// Package translate turns whatever a wallet or a terminal scanned into the
// payment that the other scheme can authorize: it names the code ([Detect]),
// reads it into one scheme-neutral [Intent], and builds the two legs of a
// cross-border payment with the quote between them ([Translator.Translate]),
// reporting every source field it mapped, defaulted or dropped.
//
// This is a stub: the full documentation lands with the Translator.
package translate
