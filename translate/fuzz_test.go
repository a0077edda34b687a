package translate

import (
	"context"
	"errors"
	"testing"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
)

// FuzzDetect checks that Detect never panics, that a kind's presentment
// agrees with the kind, and that Err, when set, is typed.
func FuzzDetect(f *testing.F) {
	for _, r := range detectRows {
		f.Add(r.raw)
	}
	f.Add("204567890123456789")
	f.Add("https://h/MPM/")
	f.Fuzz(func(t *testing.T, s string) {
		d := Detect(s)
		if d.Kind.String() == "" {
			t.Fatal("kind without a name")
		}
		if d.Err != nil && !errors.Is(d.Err, ErrInvalidCode) {
			t.Fatalf("untyped detection error %v", d.Err)
		}
		if d.Kind.Consumer() != (d.Presentment == PresentmentConsumer) {
			t.Fatalf("%v has presentment %v", d.Kind, d.Presentment)
		}
		if d.Kind != KindUnknown && d.Alternatives != 0 {
			t.Fatal("a named kind has alternatives")
		}
		want := map[wechat.Kind]Kind{wechat.KindCodeURL: KindWeChatCodeURL, wechat.KindNativeURL: KindWeChatNativeLink, wechat.KindPersonal: KindWeChatPersonal}
		if c, err := wechat.Parse(s); err == nil && want[c.Kind] != 0 && want[c.Kind] != d.Kind {
			k := want[c.Kind]
			t.Fatalf("wechat says %v, Detect %v", k, d.Kind)
		}
	})
}

// FuzzTranslate checks that Translate never panics on any scanned text and
// that every failure is a typed *Error.
func FuzzTranslate(f *testing.F) {
	for _, r := range detectRows {
		f.Add(r.raw, int64(12000))
	}
	for _, e := range loadCorpus(f) {
		f.Add(e.Payload, int64(100))
	}
	tr := newTranslator(f)
	f.Fuzz(func(t *testing.T, s string, minor int64) {
		for _, req := range []Request{
			{PayerScheme: "wechat", PayerCurrency: cny, Amount: fx.FromMinor(minor, krw)},
			{PayerScheme: "debit", PayerCurrency: krw},
		} {
			_, err := tr.Translate(context.Background(), s, req)
			var e *Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("untyped error %v", err)
			}
		}
	})
}
