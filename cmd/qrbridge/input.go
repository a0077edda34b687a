package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Input limits. A QR symbol holds at most 2,953 bytes (version 40, level
// L), so no scanned payload comes near maxPayload; a longer argument or
// line is refused, never cut. A batch (--jsonl) reads at most maxLines
// lines: past that the command stops, says so and exits 1.
const (
	maxPayload = 4096
	maxLines   = 1_000_000
)

// errMultiline reports standard input that holds more than one payload
// where one was expected.
var errMultiline = errors.New("standard input holds more than one line; use --jsonl for a batch")

// payloadArg returns the one payload among pos: the argument itself, or
// standard input for "-" (one line, its line ending removed).
func (e env) payloadArg(name string, pos []string) (string, error) {
	if len(pos) != 1 {
		return "", fmt.Errorf("%w: %s takes one payload argument (or - for standard input)", errUsage, name)
	}
	s := pos[0]
	if s == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxPayload+3))
		if err != nil {
			return "", err
		}
		b = trimEOL(b)
		if bytes.IndexByte(b, '\n') >= 0 {
			return "", errMultiline
		}
		s = string(b)
	}
	if len(s) > maxPayload {
		return "", errTooLong
	}
	return s, nil
}

// trimEOL removes one trailing "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// lineReader yields the lines of a batch, one per payload, without their
// line endings. A line over maxPayload bytes is reported, not cut or
// dropped: its text is discarded up to the end of the line.
type lineReader struct {
	r     *bufio.Reader
	n     int // lines read
	limit int // maxLines, or a test's smaller limit
}

func newLineReader(r io.Reader, limit int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), limit: limit}
}

// errBatchLimit reports a batch over its line limit.
type errBatchLimit int

func (n errBatchLimit) Error() string {
	return "input over " + strconv.Itoa(int(n)) + " lines refused: lines after " + strconv.Itoa(int(n)) + " not read"
}

// next returns the next line; tooLong is set for a line over maxPayload
// bytes. It returns io.EOF after the last line, and an errBatchLimit when
// the input goes on past the limit.
func (l *lineReader) next() (line []byte, tooLong bool, err error) {
	line, err = l.r.ReadSlice('\n')
	if len(line) == 0 && err == io.EOF {
		return nil, false, io.EOF
	}
	if l.n == l.limit {
		return nil, false, errBatchLimit(l.limit)
	}
	l.n++
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		_, err = l.r.ReadSlice('\n')
	}
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	line = trimEOL(line)
	if tooLong || len(line) > maxPayload {
		return nil, true, nil
	}
	return line, false, nil
}
