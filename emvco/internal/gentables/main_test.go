package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTablesAreCurrent fails when tables_generated.go was edited by hand
// or a CSV changed without running go generate ./emvco.
func TestTablesAreCurrent(t *testing.T) {
	require.NoError(t, os.Chdir("../.."))
	countries, err := column("iso3166.csv", "alpha2")
	require.NoError(t, err)
	mccs, err := column("mcc.csv", "mcc")
	require.NoError(t, err)
	assert.Contains(t, countries, "NA", "Namibia read as text")
	assert.Len(t, countries, 249)
	want, err := render(countries, mccs)
	require.NoError(t, err)
	got, err := os.ReadFile("tables_generated.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go generate ./emvco")
}
