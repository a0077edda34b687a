package main

import (
	"fmt"

	"github.com/qrbridge/qrbridge/qr"
)

// maxSize is the largest --size render accepts until package qr bounds
// its options itself (issue 13): 1<<14 pixels a side is 268 Mpx of
// PNG, far past any print or screen.
const maxSize = 1 << 14

// checkSize refuses a size the qr package would panic on today, with its
// options error.
func checkSize(size int) error {
	if size < 0 || size > maxSize {
		return fmt.Errorf("--size %d: not between 0 and %d: %w", size, maxSize, qr.ErrOptions)
	}
	return nil
}
