package wechat

import (
	"net/url"
	"strings"
)

// queryValue returns the value of name in a raw query. It refuses a name
// given twice, since a signed URL must be unambiguous. The value is a
// substring of query unless it is percent-encoded.
func queryValue(query, name string) (string, bool, error) {
	var value string
	found := false
	for rest := query; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		k, v, _ := strings.Cut(pair, "=")
		if k != name {
			continue
		}
		if found {
			return "", false, paramErr(name, ErrFormat)
		}
		found = true
		var err error
		if value, err = unescape(v); err != nil {
			return "", false, paramErr(name, ErrSyntax)
		}
	}
	return value, found, nil
}

func hasParam(query, name string) bool {
	_, ok, _ := queryValue(query, name)
	return ok
}

func unescape(v string) (string, error) {
	if !strings.ContainsAny(v, "%+") {
		return v, nil
	}
	return url.QueryUnescape(v)
}

func queryEscape(v string) string { return url.QueryEscape(v) }
