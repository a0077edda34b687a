package emvco

// decodeBlocks decodes nothing: decodeBase64's loop does all. (Deprecated
// with the rest of emvco's CPM support, which has moved to emvco/cpm.)
func decodeBlocks(dst []byte, s string) int { return 0 }
