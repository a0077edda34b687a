// Package testsuite is an example, not a library: its test file shows how a
// service's own test suite asserts on what qrbridge returns — parsed
// payloads, lint findings, translations and authorizations — with
// errors.Is and errors.As, never with error text. Copy from
// testsuite_test.go.
package testsuite
