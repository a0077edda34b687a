package profile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/cpm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The external cases are other projects' test data. They are never
// copied here: the test reads the folder named by QRBRIDGE_EXTERNAL, which
// CI sets to ../shared/testdata/external.

// peerCase is one case of peer-cases.json. Expect is "valid" or
// "invalid"; Fields maps a tag path to the value the peer's suite asserts;
// Now, when set, is the clock the peer's test ran at (for expiry rules);
// Disputed, when set, says why the peer's own expectation is wrong.
type peerCase struct {
	Payload  string            `json:"payload"`
	Repo     string            `json:"source_repo"`
	Path     string            `json:"source_path"`
	Expect   string            `json:"expect"`
	Fields   map[string]string `json:"fields"`
	Now      string            `json:"now"`
	Disputed string            `json:"expect_disputed"`
}

// moreCase is one labelled payload of emvco-corpus-more.json.
type moreCase struct {
	Payload string `json:"payload"`
	Scheme  string `json:"scheme"`
	Valid   bool   `json:"valid"`
	Source  string `json:"source"`
}

func externalDir(t *testing.T) string {
	dir := os.Getenv("QRBRIDGE_EXTERNAL")
	if dir == "" {
		t.Skip("QRBRIDGE_EXTERNAL is unset: set it to the folder of other projects' test cases (CI: ../shared/testdata/external)")
	}
	return dir
}

func readExternal(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(externalDir(t), name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

// verdict is what qrbridge makes of an external payload: "" when it
// agrees with the expectation, else why not.
func verdict(payload string, valid bool, fields map[string]string, now time.Time) string {
	if strings.HasPrefix(payload, "hQVDUFY") {
		return cpmVerdict(payload, valid)
	}
	p, err := emvco.Parse(payload)
	if err != nil {
		if valid {
			return "refused: " + err.Error()
		}
		return ""
	}
	r := Default()
	r.Now = func() time.Time { return now }
	fs := r.Linter().Lint(p)
	if !valid {
		if emvco.HasErrors(fs) {
			return ""
		}
		return "accepted without an error finding"
	}
	var problems []string
	if p.String() != payload {
		problems = append(problems, "does not re-encode byte for byte")
	}
	for _, path := range slices.Sorted(mapKeys(fields)) {
		if got, ok := p.Lookup(path); !ok || got != fields[path] {
			problems = append(problems, "field "+path+" = "+quote(got, ok)+", want "+quote(fields[path], true))
		}
	}
	for _, f := range fs {
		if f.Severity == emvco.SeverityError {
			problems = append(problems, "error finding "+f.Rule+" at "+f.Path)
		}
	}
	return strings.Join(problems, "; ")
}

func cpmVerdict(payload string, valid bool) string {
	c, err := cpm.Parse(payload)
	switch {
	case valid && err != nil:
		return "refused: " + err.Error()
	case valid && c.Text() != payload:
		return "does not re-encode byte for byte"
	case !valid && err == nil:
		return "accepted"
	}
	return ""
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func quote(s string, ok bool) string {
	if !ok {
		return "(absent)"
	}
	return `"` + s + `"`
}

// TestExternalPeerCases runs every case of peer-cases.json: a valid case
// parses, re-encodes byte for byte, has every asserted field and draws no
// error finding; an invalid one is refused or draws an error finding; a
// disputed one is skipped.
func TestExternalPeerCases(t *testing.T) {
	var cases []peerCase
	readExternal(t, "peer-cases.json", &cases)
	require.NotEmpty(t, cases)
	checked, disputed := 0, 0
	for i, c := range cases {
		if c.Disputed != "" || peerDisputed[c.Repo+" "+c.Path] != "" {
			disputed++
			continue
		}
		now := testNow
		if c.Now != "" {
			var err error
			now, err = time.Parse(time.RFC3339, c.Now)
			require.NoError(t, err, "case %d", i)
		}
		require.Contains(t, []string{"valid", "invalid"}, c.Expect, "case %d", i)
		checked++
		if why := verdict(c.Payload, c.Expect == "valid", c.Fields, now); why != "" {
			t.Errorf("case %d (%s %s), expected %s: %s", i, c.Repo, c.Path, c.Expect, why)
		}
	}
	t.Logf("checked %d peer cases (%d disputed ones skipped)", checked, disputed)
}

// peerDisputed adds to the disputes of peer-cases.json, by source, the
// cases whose expectation the specification contradicts in the same way
// as disputes the file itself records. It is empty: every undisputed case
// is qrbridge's to get right.
var peerDisputed = map[string]string{}

// moreDisputed lists the labels of emvco-corpus-more.json that the
// specifications contradict, as peer-cases.json's expect_disputed does for
// its cases: the payload's CRC object and its source name the case, the
// value says why qrbridge's error finding is right. Nothing of the
// payloads themselves is copied here.
var moreDisputed = map[string]string{
	"63044220 mvallim/emv-qrcode src/test/java/com/emv/qrcode/decoder/mpm/DecoderMpmTest.java":   "a decoder's test fixture: 62.09 is the consumer data request, ans ..3 of A, M, E (EMV MPM v1.1 Table 3.7) and holds tuvxy; 62.50.00 is not a GUID (§4.7.11.2); 56 beside 55 = 01 (§4.7.5.2)",
	"63046325 mvallim/emv-qrcode README.md":                                                      "a README sample: 62.09 is the consumer data request, letters A, M, E only (EMV MPM v1.1 Table 3.7), and holds tuv; 62.50.00 is not a GUID (§4.7.11.2)",
	"6304B4F6 stone-payments/ex-pix-brcode test/ex_pix_brcode/decoder_test.exs":                  "60 is ans (EMV MPM v1.1 Table 3.6) and holds BRASÍLIA; the language template 64 (Table 3.8) is where accented text belongs, as peer-cases.json disputes Khmer in 59",
	"6304780E maythiwat/promptparse src/index.test.ts":                                           "a generator's test input: a PromptPay biller ID (30.01) is the 13-digit tax ID and a 2-digit suffix, 15 digits (BOT Thai QR Code Standard, bill payment); this one has 13",
	"63049414 purnama/spring-qris src/test/java/id/purnama/qris/SpringQrisApplicationTests.java": "26.00 = 00 and 62.99.00 = 00 are not GUIDs (EMV MPM v1.1 §4.7.11.2), as peer-cases.json disputes for the same forms",
	"63049635 sunary/qris README.md":                                                             "the generator omits 52 (mandatory, EMV MPM v1.1 Table 3.6) and the QRIS national repository template 51, as peer-cases.json disputes for the same repository",
}

// moreKey names a corpus case for moreDisputed.
func moreKey(c moreCase) string {
	crc := c.Payload
	if len(crc) > 8 {
		crc = crc[len(crc)-8:]
	}
	return crc + " " + c.Source
}

// TestExternalCorpusMore runs the labelled payloads of
// emvco-corpus-more.json, MPM and CPM, by the same measure; the disputed
// labels of moreDisputed are skipped.
func TestExternalCorpusMore(t *testing.T) {
	var cases []moreCase
	readExternal(t, "emvco-corpus-more.json", &cases)
	require.NotEmpty(t, cases)
	checked, used := 0, map[string]bool{}
	for i, c := range cases {
		if _, disputed := moreDisputed[moreKey(c)]; disputed {
			used[moreKey(c)] = true
			continue
		}
		checked++
		if why := verdict(c.Payload, c.Valid, nil, testNow); why != "" {
			t.Errorf("case %d (%s, %s), valid=%v: %s", i, c.Scheme, c.Source, c.Valid, why)
		}
	}
	for k := range moreDisputed {
		assert.True(t, used[k], "disputed case %q is not in the file", k)
	}
	t.Logf("checked %d more corpus payloads (%d disputed ones skipped)", checked, len(used))
}
