//go:build unix

package qr

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time of the whole process so far, user and system.
func cpuTime() time.Duration {
	var r syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
