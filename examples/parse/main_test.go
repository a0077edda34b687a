package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunPrintsSpecExample(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(&out, specExample))
	got := out.String()
	assert.Contains(t, got, "payload: 248 characters, 260 bytes")
	assert.Contains(t, got, "  64.01  @131  最佳运输")
	assert.Contains(t, got, "merchant: BEST TRANSPORT, BEIJING (CN), MCC 4111")
	assert.Contains(t, got, "amount: 23.72 (ISO 4217 156), dynamic code")
}

func TestRunRefusesBadPayload(t *testing.T) {
	var out strings.Builder
	err := run(&out, specExample[:len(specExample)-1]+"B")
	require.Error(t, err)
	assert.Empty(t, out.String())
}
