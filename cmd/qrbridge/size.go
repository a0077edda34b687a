package main

import (
	"fmt"

	"github.com/qrbridge/qrbridge/qr"
)

// maxSize is the largest --size render accepts until package qr bounds
// its options itself (issue 13): 4096 pixels a side, a 16 Mpx image (16 MB
// as the paletted image qr renders), is more than any print or screen
// needs.
const maxSize = 4096

// checkSize refuses a size the qr package would panic on today, with its
// options error.
func checkSize(size int) error {
	if size < 0 || size > maxSize {
		return fmt.Errorf("--size %d: not between 0 and %d: %w", size, maxSize, qr.ErrOptions)
	}
	return nil
}
