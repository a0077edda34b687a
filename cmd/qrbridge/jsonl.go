package main

import (
	"bufio"
	"encoding/json"
	"io"
)

// record is the answer to one line of a batch (--jsonl). Line counts from
// 1; Input echoes the line, except that a code a consumer presents, which
// pays for whoever holds it, is masked (see maskInput). Kind is the code's
// identifier, Schemes the national schemes of an EMVCo payload, Findings
// (lint) its conformance findings, and Encoded the payload as the library
// writes it back (EMVCo MPM: byte for byte the input).
type record struct {
	Line     int        `json:"line"`
	Input    string     `json:"input"`
	OK       bool       `json:"ok"`
	Error    *errorInfo `json:"error,omitempty"`
	Kind     string     `json:"kind"`
	Schemes  []scheme   `json:"schemes"`
	Findings []finding  `json:"findings,omitempty"`
	Encoded  string     `json:"encoded,omitempty"`
}

// batch answers every line of standard input with one JSON object, in
// order, through answer; a line over maxPayload bytes is answered with an
// error object. It stops with an error past the line limit.
func (e env) batch(answer func(line string, r *record)) error {
	lines := newLineReader(e.stdin, e.lineLimit())
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for {
		line, tooLong, err := lines.next()
		if err == io.EOF {
			return w.Flush()
		}
		if err != nil {
			w.Flush()
			return err
		}
		r := record{Line: lines.n, Schemes: []scheme{}}
		switch s := string(line); {
		case tooLong:
			r.Kind, r.Error = "unknown", info(errTooLong)
		default:
			answer(s, &r)
			r.Input = maskInput(s, r.Kind)
		}
		if err := enc.Encode(&r); err != nil {
			return err
		}
	}
}

// lineLimit is the batch line limit: maxLines unless a test lowered it.
func (e env) lineLimit() int {
	if e.maxLines > 0 {
		return e.maxLines
	}
	return maxLines
}
