package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenCases are the outputs held in testdata/*.golden: every subcommand,
// text and JSON, success and refusal.
var goldenCases = []struct {
	name  string
	stdin string
	args  []string
}{
	{"help", "", []string{"help"}},
	{"decode-help", "", []string{"decode", "--help"}},
	{"decode-promptpay", "", []string{"decode", promptpay}},
	{"decode-spec", "", []string{"decode", "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"}},
	{"decode-vietqr-json", "", []string{"decode", "--json", "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"}},
	{"decode-cpm", "", []string{"decode", cpmB2}},
	{"decode-cpm-json", "", []string{"decode", "--json", cpmB2}},
	{"decode-zeropay-json", "", []string{"decode", "--json", zeroPay}},
	{"decode-wechat", "", []string{"decode", "134567890123456789"}},
	{"decode-crc-json", "", []string{"decode", "--json", promptpay[:len(promptpay)-1] + "0"}},
	{"decode-jsonl", promptpay + "\n" + cpmB2 + "\n\nnot a code\n" + strings.Repeat("9", maxPayload+1) + "\n" + zeroPay, []string{"decode", "--jsonl"}},
	{"lint-pix", "", []string{"lint", "--now", "2026-01-01T00:00:00Z", pixDeviant}},
	{"lint-pix-json", "", []string{"lint", "--json", "--now", "2026-01-01T00:00:00Z", pixDeviant}},
	{"lint-profile", "", []string{"lint", "--profile", "promptpay", promptpay}},
	{"lint-jsonl", promptpay + "\n" + pixDeviant + "\n" + zeroPay + "\n0002\n", []string{"lint", "--jsonl", "--now", "2026-01-01T00:00:00Z"}},
	{"encode", `{"objects":[{"tag":"00","value":"01"},{"tag":"01","value":"11"},{"tag":"29","objects":[{"tag":"00","value":"A000000677010111"},{"tag":"01","value":"0066801234567"}]},{"tag":"58","value":"TH"},{"tag":"53","value":"764"}]}`, []string{"encode", "--json", "-"}},
	{"encode-refused", `{"objects":[{"tag":"00","value":"01"},{"tag":"59","value":"A NAME FAR LONGER THAN TWENTY-FIVE"}]}`, []string{"encode", "--json", "-"}},
	{"render-term", "", []string{"render", "--term", "--level", "L", "00020101021153037645802TH6304A13A"}},
	{"render-size", "", []string{"render", promptpay, "--png", "-", "--size", "1000000000000"}},
	{"scan-help", "", []string{"scan", "--help"}},
	{"scan", "", []string{"scan", "testdata/promptpay.png"}},
	{"scan-json", "", []string{"scan", "--json", "testdata/promptpay.png", "testdata/decode-cpm.golden"}},
	{"version", "", []string{"--version"}},
	{"detect-wechat", "", []string{"detect", "134567890123456789"}},
	{"detect-ambiguous-json", "", []string{"detect", "--json", "201234567890123456"}},
	{"detect-jsonl", promptpay + "\n" + cpmB2 + "\nhttps://example.com/pay\n" + zeroPay + "\n" + promptpay[:len(promptpay)-1] + "0\n6212345678901234567\n", []string{"detect", "--jsonl"}},
	{"usage-bad-flag", "", []string{"lint", "--nope"}},
	{"translate-zeropay", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "12000"}},
	{"translate-promptpay", "", []string{"translate", promptpay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "100"}},
	{"translate-refused-json", "", []string{"translate", "--json", zeroPay, "--payer", "wechat", "--payer-currency", "CNY"}},
}

// TestGolden compares each case's exit status, standard output and
// standard error with testdata/<name>.golden; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.stdin, tc.args...)
			got := "$ qrbridge " + strings.Join(tc.args, " ") + "\nexit " + strconv.Itoa(code) +
				"\n--- stdout\n" + out + "--- stderr\n" + errOut
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}
