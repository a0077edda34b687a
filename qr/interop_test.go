package qr

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// interopPayloads is every payload of the corpora there are: the valid
// ones of emvco/testdata/corpus.json, and all of the shared corpus
// (../shared/testdata/emvco-corpus.json and external/emvco-corpus-more.json)
// when QRBRIDGE_EXTERNAL points there.
func interopPayloads(t *testing.T) []string {
	out := corpusPayloads(t)
	seen := map[string]bool{}
	for _, p := range out {
		seen[p] = true
	}
	if dir := os.Getenv("QRBRIDGE_EXTERNAL"); dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join("..", dir)
		}
		for _, f := range []string{filepath.Join(dir, "..", "emvco-corpus.json"), filepath.Join(dir, "emvco-corpus-more.json")} {
			b, err := os.ReadFile(f)
			if err != nil {
				continue // as available
			}
			var c []struct {
				Payload string `json:"payload"`
			}
			require.NoError(t, json.Unmarshal(b, &c), f)
			for _, e := range c {
				if e.Payload != "" && !seen[e.Payload] {
					seen[e.Payload] = true
					out = append(out, e.Payload)
				}
			}
		}
	}
	return out
}

// zbarimg returns the path of zbarimg, or "" when the test must skip it.
func zbarimg(t *testing.T) string {
	path, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("QRBRIDGE_REQUIRE_ZBAR") == "1" {
			t.Fatal("QRBRIDGE_REQUIRE_ZBAR=1 but zbarimg is not installed (apt-get install zbar-tools)")
		}
		t.Log("zbarimg is not installed: symbols are checked by our decoder only")
		return ""
	}
	return path
}

// TestLogoInterop: every symbol Encode returns for a corpus payload, with
// no logo, the default logo and a 15% logo it may shrink, is read back
// byte for byte by our decoder and by ZBar, an independent decoder; a
// logo Encode refuses is refused with a LogoError.
func TestLogoInterop(t *testing.T) {
	if testing.Short() {
		t.Skip("about 250 symbols through zbarimg")
	}
	payloads := interopPayloads(t)
	require.GreaterOrEqual(t, len(payloads), 58)
	zbar := zbarimg(t)
	dir := t.TempDir()
	variants := []struct {
		name string
		o    Options
	}{
		{"no logo", Options{}},
		{"default logo", Options{Logo: testLogo()}},
		{"15% logo, shrink", Options{Logo: testLogo(), LogoPercent: 15, LogoShrink: true}},
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, v := range variants {
		for i, p := range payloads {
			s, err := Encode(p, v.o)
			if err != nil {
				assert.ErrorIs(t, err, ErrLogoTooLarge, "%s: %.40s", v.name, p)
				continue
			}
			png, err := s.PNG()
			require.NoError(t, err)
			res, err := DecodeBytes(png)
			if assert.NoError(t, err, "%s: %.40s", v.name, p) {
				assert.Equal(t, p, res.Text, v.name)
				assert.Equal(t, []byte(p), res.Raw, v.name)
			}
			if zbar == "" {
				continue
			}
			file := filepath.Join(dir, v.name+"-"+strconv.Itoa(i)+".png")
			require.NoError(t, os.WriteFile(file, png, 0o644))
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				out, err := exec.Command(zbar, "-q", "--raw", file).Output()
				got := string(bytes.TrimSuffix(out, []byte("\n")))
				assert.True(t, err == nil && got == p, "zbarimg, %s, version %d, logo %d%%: %.40s: %v", v.name, s.Version(), s.opts.LogoPercent, p, err)
			}()
		}
	}
	wg.Wait()
}
