//go:build race

package cpm

const raceEnabled = true
