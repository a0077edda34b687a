//go:build race

package emvco

const raceEnabled = true
