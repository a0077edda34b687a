package wechat

import (
	"errors"
	"strings"
	"testing"
)

// TestParseV3ErrorBodyBound: an error answer of exactly maxBody bytes is
// read; one byte more is not (its code is then unknown).
func TestParseV3ErrorBodyBound(t *testing.T) {
	doc := `{"code":"PARAM_ERROR","message":"m"}`
	for _, tt := range []struct {
		size int
		code string
	}{{maxBody, "PARAM_ERROR"}, {maxBody + 1, ""}} {
		body := doc + strings.Repeat(" ", tt.size-len(doc))
		var re *ResultError
		if err := ParseV3Error(400, []byte(body)); !errors.As(err, &re) || re.Code != tt.code || re.HTTPStatus != 400 {
			t.Errorf("%d bytes: ParseV3Error = %v, want code %q", tt.size, err, tt.code)
		}
	}
}
