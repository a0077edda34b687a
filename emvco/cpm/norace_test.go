//go:build !race

package cpm

const raceEnabled = false
