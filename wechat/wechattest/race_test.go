//go:build race

package wechattest_test

const raceEnabled = true
