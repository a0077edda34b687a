package emvco

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildSpecExample writes EMV MPM Annex B.7 field by field, in its own
// (non-canonical) order.
func buildSpecExample(b *Builder) {
	b.Add(TagPayloadFormat, "01").Add(TagPointOfInitiation, "12")
	b.Template(29, func(b *Builder) { b.Add(TagGUID, "D15600000000").Add(5, "A93FO3230Q") })
	b.Template(31, func(b *Builder) { b.Add(TagGUID, "D15600000001").Add(3, "12345678") })
	b.Add(TagMerchantCategoryCode, "4111").Add(TagCountryCode, "CN")
	b.Add(TagMerchantName, "BEST TRANSPORT").Add(TagMerchantCity, "BEIJING")
	b.Template(TagLanguageTemplate, func(b *Builder) {
		b.Add(TagLanguagePreference, "ZH").Add(TagAlternateName, "最佳运输").Add(TagAlternateCity, "北京")
	})
	b.Add(TagTransactionAmount, "23.72").Add(TagTransactionCurrency, "156").Add(TagTipIndicator, "01")
	b.Template(TagAdditionalData, func(b *Builder) {
		b.Add(TagStoreLabel, "1234").Add(TagCustomerLabel, "***").Add(TagTerminalLabel, "A6008667").Add(TagConsumerDataRequest, "ME")
	})
	b.Template(91, func(b *Builder) { b.Add(TagGUID, "A011223344998877").Add(7, "12345678") })
}

func buildPixExample(b *Builder) {
	b.Add(TagPayloadFormat, "01")
	b.Template(26, func(b *Builder) {
		b.Add(TagGUID, "br.gov.bcb.pix").Add(1, "123e4567-e12b-12d1-a456-426655440000")
	})
	b.Add(TagMerchantCategoryCode, "0000").Add(TagTransactionCurrency, "986").Add(TagCountryCode, "BR")
	b.Add(TagMerchantName, "Fulano de Tal").Add(TagMerchantCity, "BRASILIA")
	b.Template(TagAdditionalData, func(b *Builder) { b.Add(TagReferenceLabel, "***") })
}

func TestBuilderReproducesPublishedExamples(t *testing.T) {
	for name, tt := range map[string]struct {
		build func(*Builder)
		want  string
	}{
		"emvco annex b.7": {buildSpecExample, emvSpecExample},
		"bcb pix":         {buildPixExample, pixExample},
	} {
		t.Run(name, func(t *testing.T) {
			var b Builder
			tt.build(&b)
			got, err := b.Encode()
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := b.Encode()
			require.NoError(t, err)
			assert.Equal(t, got, again, "finishing twice appends the crc once")
		})
	}
}

func TestBuilderReset(t *testing.T) {
	var b Builder
	buildPixExample(&b)
	first, _ := b.Encode()
	b.Reset()
	buildPixExample(&b)
	second, err := b.Encode()
	require.NoError(t, err)
	assert.Equal(t, first, second)
}

// TestBuilderStringOwnsItsBytes holds Encode to its promise: the string it
// returns never changes, whatever the Builder does next.
func TestBuilderStringOwnsItsBytes(t *testing.T) {
	var b Builder
	buildPixExample(&b)
	s, err := b.Encode()
	require.NoError(t, err)
	again, err := b.Bytes()
	require.NoError(t, err)
	require.Equal(t, s, string(again))
	again[0] = 'X' // a copy: the string must not see it
	b.Reset()
	buildSpecExample(&b) // a longer payload over the same Builder
	_, err = b.Bytes()
	require.NoError(t, err)
	assert.Equal(t, pixExample, s)

	// Bytes without String keeps returning the Builder's own buffer.
	b.Reset()
	buildPixExample(&b)
	out1, _ := b.Bytes()
	out2, _ := b.Bytes()
	assert.Same(t, &out1[0], &out2[0])
}

func TestBuilderRefusals(t *testing.T) {
	long := strings.Repeat("A", 100)
	tests := []struct {
		name  string
		build func(*Builder)
		want  error
		path  string
	}{
		{"empty builder", func(b *Builder) {}, ErrMissing, "00"},
		{"first not 00", func(b *Builder) { b.Add(59, "X") }, ErrMissing, "00"},
		{"id over 99", func(b *Builder) { b.Add(0, "01").Add(100, "X") }, ErrSyntax, "??"},
		{"99 first", func(b *Builder) { b.Add(99, "X") }, ErrMissing, "00"}, // 99 is two digits
		{"duplicate 99", func(b *Builder) { b.Add(0, "01").Add(99, "A").Add(99, "B") }, ErrDuplicate, "99"},
		{"empty value", func(b *Builder) { b.Add(0, "01").Add(59, "") }, ErrLength, "59"},
		{"invalid utf-8", func(b *Builder) { b.Add(0, "01").Add(82, "A\xec") }, ErrSyntax, "82"},
		{"value over 99", func(b *Builder) { b.Add(0, "01").Add(81, long) }, ErrLength, "81"},
		{"duplicate root", func(b *Builder) { b.Add(0, "01").Add(59, "A").Add(59, "B") }, ErrDuplicate, "59"},
		// A merchant account's 01-99 have no field rules of their own: the
		// 1-99 character bound of every value (EMV MPM v1.1 §4.4.1) holds them.
		{"empty free sub-object", func(b *Builder) {
			b.Add(0, "01").Template(26, func(b *Builder) { b.Add(0, "com.example").Add(1, "") })
		}, ErrLength, "26.01"},
		{"free sub-object over 99", func(b *Builder) {
			b.Add(0, "01").Template(26, func(b *Builder) { b.Add(0, "com.example").Add(1, long) })
		}, ErrLength, "26.01"},
		{"caller crc", func(b *Builder) { b.Add(0, "01").Add(63, "ABCD") }, ErrFormat, "63"},
		{"rfu id", func(b *Builder) { b.Add(0, "01").Add(70, "x") }, ErrFormat, "70"},
		{"pfi letters", func(b *Builder) { b.Add(0, "0A") }, ErrFormat, "00"},
		{"initiation 13", func(b *Builder) { b.Add(0, "01").Add(1, "13") }, ErrFormat, "01"},
		{"mcc 3 digits", func(b *Builder) { b.Add(0, "01").Add(52, "411") }, ErrFormat, "52"},
		{"currency alpha", func(b *Builder) { b.Add(0, "01").Add(53, "KRW") }, ErrFormat, "53"},
		{"amount zero", func(b *Builder) { b.Add(0, "01").Add(54, "0.00") }, ErrFormat, "54"},
		{"country 3", func(b *Builder) { b.Add(0, "01").Add(58, "KOR") }, ErrFormat, "58"},
		{"non-ans name", func(b *Builder) { b.Add(0, "01").Add(59, "Maceió") }, ErrFormat, "59"},
		{"name 26", func(b *Builder) { b.Add(0, "01").Add(59, strings.Repeat("N", 26)) }, ErrLength, "59"},
		{"city 16", func(b *Builder) { b.Add(0, "01").Add(60, strings.Repeat("C", 16)) }, ErrLength, "60"},
		{"postal 11", func(b *Builder) { b.Add(0, "01").Add(61, strings.Repeat("1", 11)) }, ErrLength, "61"},
		{"tip 04", func(b *Builder) { b.Add(0, "01").Add(55, "04") }, ErrFormat, "55"},
		{"fee 56 without 55", func(b *Builder) { b.Add(0, "01").Add(56, "1.00") }, ErrFormat, "56"},
		{"55=02 without 56", func(b *Builder) { b.Add(0, "01").Add(55, "02") }, ErrFormat, "56"},
		{"57 without 55", func(b *Builder) { b.Add(0, "01").Add(57, "5") }, ErrFormat, "57"},
		{"rfu in 62", func(b *Builder) {
			b.Add(0, "01").Template(62, func(b *Builder) { b.Add(20, "x") })
		}, ErrFormat, "62.20"},
		{"55=03 with 56", func(b *Builder) { b.Add(0, "01").Add(55, "03").Add(56, "1").Add(57, "5") }, ErrFormat, "56"},
		{"percentage 100", func(b *Builder) { b.Add(0, "01").Add(55, "03").Add(57, "100") }, ErrFormat, "57"},
		{"template on primitive id", func(b *Builder) {
			b.Add(0, "01").Template(15, func(b *Builder) { b.Add(0, "x") })
		}, ErrFormat, "15"},
		{"empty template", func(b *Builder) { b.Add(0, "01").Template(62, func(*Builder) {}) }, ErrLength, "62"},
		{"template over 99", func(b *Builder) {
			b.Add(0, "01").Template(80, func(b *Builder) { b.Add(0, "com.example").Add(1, strings.Repeat("x", 90)) })
		}, ErrLength, "80"},
		{"duplicate sub id apart", func(b *Builder) {
			b.Add(0, "01").Template(62, func(b *Builder) { b.Add(5, "a").Add(7, "b").Add(5, "c") })
		}, ErrDuplicate, "62.05"},
		{"duplicate root apart", func(b *Builder) { b.Add(0, "01").Add(59, "A").Add(60, "B").Add(59, "C") }, ErrDuplicate, "59"},
		{"duplicate 63 inside a template", func(b *Builder) { // 62.63 is not the crc
			b.Add(0, "01").Template(62, func(b *Builder) { b.Add(63, "a").Add(63, "b") })
		}, ErrDuplicate, "62.63"},
		{"duplicate sub id", func(b *Builder) {
			b.Add(0, "01").Template(62, func(b *Builder) { b.Add(5, "a").Add(5, "b") })
		}, ErrDuplicate, "62.05"},
		{"62 sub non-ans", func(b *Builder) {
			b.Add(0, "01").Template(62, func(b *Builder) { b.Add(5, "né") })
		}, ErrFormat, "62.05"},
		{"62.11 two chars", func(b *Builder) {
			b.Add(0, "01").Template(62, func(b *Builder) { b.Add(11, "40") })
		}, ErrFormat, "62.11"},
		{"guid 33 in an unreserved template", func(b *Builder) {
			b.Add(0, "01").Template(80, func(b *Builder) { b.Add(0, strings.Repeat("g", 33)) })
		}, ErrLength, "80.00"},
		{"guid 33", func(b *Builder) {
			b.Add(0, "01").Template(26, func(b *Builder) { b.Add(0, strings.Repeat("g", 33)) })
		}, ErrLength, "26.00"},
		{"64 without 01", func(b *Builder) {
			b.Add(0, "01").Template(64, func(b *Builder) { b.Add(0, "ko") })
		}, ErrMissing, "64"},
		{"64 name 26", func(b *Builder) {
			b.Add(0, "01").Template(64, func(b *Builder) { b.Add(0, "ko").Add(1, strings.Repeat("가", 26)) })
		}, ErrLength, "64.01"},
		{"raw 62 not tlv", func(b *Builder) { b.Add(0, "01").Add(62, "hello") }, ErrSyntax, "62"},
		{"raw 62 repeating an id apart", func(b *Builder) { b.Add(0, "01").Add(62, "0503ABC0703XYZ0503DEF") }, ErrDuplicate, "62"},
		{"raw 62 repeating an id 64 apart", func(b *Builder) { b.Add(0, "01").Add(62, "0103ABC6503XYZ0103DEF") }, ErrDuplicate, "62"},
		{"too deep", func(b *Builder) {
			b.Add(0, "01").Template(38, func(b *Builder) {
				b.Template(1, func(b *Builder) { b.Template(0, func(b *Builder) { b.Add(0, "x") }) })
			})
		}, ErrFormat, "38.01.00"},
		{"add after finish", func(b *Builder) {
			b.Add(0, "01").Add(2, "4321")
			_, _ = b.Bytes()
			b.Add(59, "late")
		}, ErrTrailingData, "59"},
		{"finished inside a template", func(b *Builder) {
			b.Add(0, "01").Template(38, func(b *Builder) {
				b.Template(1, func(b *Builder) { b.Add(0, "970436"); _, _ = b.Encode() })
			})
		}, ErrSyntax, "38.01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			tt.build(&b)
			b.Add(59, "sticky") // later calls must not replace the first error
			out, err := b.Bytes()
			require.Error(t, err)
			assert.Nil(t, out)
			assert.ErrorIs(t, err, tt.want)
			var be *BuildError
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tt.path, be.Path)
		})
	}
}

// TestBuilderAcceptances: what the Builder must write, next to what it
// refuses; each output parses back to the values given.
func TestBuilderAcceptances(t *testing.T) {
	tests := []struct {
		name  string
		build func(*Builder)
		path  string // a path to read back
		want  string
	}{
		{"template without guid", func(b *Builder) {
			b.Template(26, func(b *Builder) { b.Add(1, "acct") })
		}, "26.01", "acct"},
		{"unreserved 99 (KHQR)", func(b *Builder) {
			b.Template(99, func(b *Builder) { b.Add(0, "1700000000000") })
		}, "99.00", "1700000000000"},
		{"opaque 99", func(b *Builder) { b.Add(99, "opaque") }, "99", "opaque"},
		{"fixed fee that looks like a tip", func(b *Builder) { b.Add(55, "02").Add(56, "03") }, "56", "03"},
		{"percentage fee", func(b *Builder) { b.Add(55, "03").Add(57, "02") }, "57", "02"},
		{"prompt for a tip", func(b *Builder) { b.Add(55, "01") }, "55", "01"},
		{"55 inside a template is not a tip", func(b *Builder) {
			b.Template(62, func(b *Builder) { b.Add(55, "02") })
		}, "62.55", "02"},
		{"63 inside a template is not the crc", func(b *Builder) {
			b.Template(62, func(b *Builder) { b.Add(63, "x") })
		}, "62.63", "x"},
		{"62.00 (QR Ph)", func(b *Builder) {
			b.Template(62, func(b *Builder) { b.Add(0, "ph.ppmi.qrph") })
		}, "62.00", "ph.ppmi.qrph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			b.Add(TagPayloadFormat, "01")
			tt.build(&b)
			s, err := b.Encode()
			require.NoError(t, err)
			p, err := Parse(s)
			require.NoError(t, err)
			got, ok := p.Lookup(tt.path)
			assert.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestBuilderLongPayload builds past the Builder's own 304 bytes, so that
// the buffer grows onto the heap, and again after Reset.
func TestBuilderLongPayload(t *testing.T) {
	var b Builder
	for range 2 {
		b.Reset()
		b.Add(TagPayloadFormat, "01")
		for id := Tag(80); id <= 85; id++ {
			b.Add(id, strings.Repeat(id.String(), 40))
		}
		s, err := b.Encode()
		require.NoError(t, err)
		require.Greater(t, len(s), smallCap)
		p, err := Parse(s)
		require.NoError(t, err)
		v, _ := p.Lookup("85")
		assert.Equal(t, strings.Repeat("85", 40), v)
		assert.Equal(t, s, b.String())
	}
}

// TestEditKeepsWhatTheReaderAccepted: objects copied from a parsed payload
// are not held to the Builder's rules, so a payload the lenient reader
// accepted re-encodes as it was.
func TestEditKeepsWhatTheReaderAccepted(t *testing.T) {
	for name, body := range map[string]string{
		"64 without 01":          minimal + "64060002ko",
		"rfu 70":                 minimal + "7003xyz",
		"rfu 62.20":              minimal + "62072003xyz",
		"55 reserved":            minimal + "550209",
		"56 without 55":          minimal + "56031.5",
		"01 reserved":            minimal + "010210",
		"over-long 59":           minimal + "5928" + strings.Repeat("N", 28),
		"guid of 33 chars":       minimal + "2637" + "0033" + strings.Repeat("g", 33),
		"pfi 02 (DuitNow)":       "000202" + minimal[6:],
		"non-ans 64.00 code":     minimal + "64130002가나0103가나다",
		"rfu 64.63, not the crc": minimal + "64170002ko0102가나6301x",
	} {
		t.Run(name, func(t *testing.T) {
			in := withCRC(body)
			p, err := Parse(in)
			require.NoError(t, err)
			out, err := p.Edit().Encode()
			require.NoError(t, err)
			assert.Equal(t, in, out)
			out, err = p.Edit().Set("54", "1.00").Encode()
			require.NoError(t, err)
			assert.Contains(t, out, "54041.00")
		})
	}
}

func TestBuilderNestedTemplate(t *testing.T) {
	var b Builder
	b.Add(0, "01").Add(1, "11")
	b.Template(38, func(b *Builder) {
		b.Add(TagGUID, "A000000727")
		b.Template(1, func(b *Builder) { b.Add(0, "970436").Add(1, "1234567890") })
		b.Add(2, "QRIBFTTA")
	})
	b.Add(53, "704").Add(58, "VN")
	s, err := b.Encode()
	require.NoError(t, err)
	p, err := Parse(s)
	require.NoError(t, err)
	bin, _ := p.Lookup("38.01.00")
	assert.Equal(t, "970436", bin)
}

func TestEditStaticToDynamic(t *testing.T) {
	p, err := Parse(pixExample)
	require.NoError(t, err)
	q, err := p.Edit().Set("54", "12.50").Set("01", "12").Set("62.05", "TX123").Payload()
	require.NoError(t, err)
	assert.Equal(t, InitiationDynamic, q.Initiation())
	amt, _ := q.Amount()
	assert.Equal(t, "12.50", amt)
	ad, _ := q.AdditionalData()
	assert.Equal(t, "TX123", ad.ReferenceLabel())
	want := "000201" + "010212" + "26580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000" +
		"52040000" + "5303986" + "540512.50" + "5802BR" + "5913Fulano de Tal" + "6008BRASILIA" + "62090505TX123"
	assert.Equal(t, withCRC(want), q.String(), "01 after 00, 54 after 53, 62.05 replaced")
	assert.Equal(t, pixExample, p.String(), "the original is untouched")
}

func TestEditCases(t *testing.T) {
	p, err := Parse(emvSpecExample)
	require.NoError(t, err)
	tests := []struct {
		name  string
		edit  func(*Editor) *Editor
		check func(*testing.T, *Payload)
	}{
		{"delete sub", func(e *Editor) *Editor { return e.Delete("62.06") }, func(t *testing.T, q *Payload) {
			_, ok := q.Lookup("62.06")
			assert.False(t, ok)
			v, _ := q.Lookup("62.07")
			assert.Equal(t, "A6008667", v)
		}},
		{"delete last sub removes template", func(e *Editor) *Editor {
			return e.Delete("91.00").Delete("91.07")
		}, func(t *testing.T, q *Payload) {
			_, ok := q.Object(91)
			assert.False(t, ok)
		}},
		{"new template", func(e *Editor) *Editor { return e.Set("80.00", "com.example").Set("80.01", "x") },
			func(t *testing.T, q *Payload) {
				v, _ := q.Lookup("80.01")
				assert.Equal(t, "x", v)
				var last []Tag
				for o := range q.Objects() {
					last = append(last, o.ID())
				}
				assert.Equal(t, []Tag{62, 80, 91, 63}, last[len(last)-4:], "80 before 91")
			}},
		{"delete sub of an absent template", func(e *Editor) *Editor { return e.Delete("80.01") }, func(t *testing.T, q *Payload) {
			assert.Equal(t, emvSpecExample, q.String())
		}},
		{"delete sub of a primitive", func(e *Editor) *Editor { return e.Delete("59.01") }, func(t *testing.T, q *Payload) {
			assert.Equal(t, emvSpecExample, q.String())
		}},
		{"keep non-ans copied", func(e *Editor) *Editor { return e.Set("54", "1") }, func(t *testing.T, q *Payload) {
			l, _ := q.Language()
			assert.Equal(t, "最佳运输", l.Name)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tt.edit(p.Edit()).Payload()
			require.NoError(t, err)
			tt.check(t, q)
		})
	}
}

func TestEditRefusals(t *testing.T) {
	p, err := Parse(emvSpecExample)
	require.NoError(t, err)
	tests := []struct {
		name string
		edit func(*Editor) *Editor
		want error
		path string
	}{
		{"bad path", func(e *Editor) *Editor { return e.Set("5", "x") }, ErrSyntax, "5"},
		{"bad root element", func(e *Editor) *Editor { return e.Set("5x.01", "x") }, ErrSyntax, "5x.01"},
		{"bad sub element", func(e *Editor) *Editor { return e.Set("62.0x", "x") }, ErrSyntax, "62.0x"},
		{"bad separator", func(e *Editor) *Editor { return e.Delete("62-05") }, ErrSyntax, "62-05"},
		{"edit crc", func(e *Editor) *Editor { return e.Set("63", "0000") }, ErrFormat, "63"},
		{"delete pfi", func(e *Editor) *Editor { return e.Delete("00") }, ErrFormat, "00"},
		{"sub of primitive", func(e *Editor) *Editor { return e.Set("59.01", "x") }, ErrFormat, "59.01"},
		{"set invalid amount", func(e *Editor) *Editor { return e.Set("54", "1,00") }, ErrFormat, "54"},
		{"set non-ans name", func(e *Editor) *Editor { return e.Set("59", "北京") }, ErrFormat, "59"},
		{"sticky", func(e *Editor) *Editor { return e.Set("5", "x").Set("54", "1") }, ErrSyntax, "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.edit(p.Edit()).Payload()
			require.ErrorIs(t, err, tt.want)
			var be *BuildError
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tt.path, be.Path)
		})
	}
}
