package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTableIsCurrent fails when iso4217_table.go was edited by hand or
// iso4217.csv changed without running go generate ./fx.
func TestTableIsCurrent(t *testing.T) {
	f, err := os.Open("../../iso4217.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := read(f)
	require.NoError(t, err)
	want, err := render(rows)
	require.NoError(t, err)
	got, err := os.ReadFile("../../iso4217_table.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go generate ./fx")
}

func TestReadSkipsWithdrawnAndFunds(t *testing.T) {
	f, err := os.Open("../../iso4217.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := read(f)
	require.NoError(t, err)
	codes := map[string]int{}
	for _, r := range rows {
		codes[r.code] = r.minor
	}
	for _, gone := range []string{"DEM", "FRF", "BOV", "CLF", "USN", "XAU", "XDR", "XXX"} {
		assert.NotContains(t, codes, gone)
	}
	assert.Equal(t, 0, codes["KRW"])
	assert.Equal(t, 3, codes["KWD"])
}
