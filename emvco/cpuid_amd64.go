//go:build amd64 && !purego

package emvco

// cpuid1ECX returns ECX of CPUID leaf 1. Its only caller is the CPM base64
// assembly (cpm_base64_amd64.go), which is being removed with CPM's move
// to emvco/cpm; this file and cpuid_amd64.s go with it.
func cpuid1ECX() uint32
