package emvco

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Published examples used throughout the tests.
const (
	// emvSpecExample is EMV MPM v1.1 Annex B.7 (CRC A13A verified).
	emvSpecExample = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"
	// pixExample is the static-key example of the BCB "Manual de Padrões
	// para Iniciação do Pix" (BR Code), 137 bytes.
	pixExample = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
)

// withCRC completes body with "6304" and its correct CRC.
func withCRC(body string) string {
	body += "6304"
	return string(appendCRCHex([]byte(body), crcString(body)))
}

// minimal is the smallest body the strict reader accepts.
const minimal = "000201" + "0208VISA4321"

func TestParseRefusals(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   error
		path   string
		offset int
	}{
		{"empty", "", ErrSyntax, "", 0},
		{"only a wrong crc object", "63040000", ErrCRC, "63", 4},
		{"one character", "0", ErrMissing, "00", 0},
		{"only 00", "00", ErrLength, "00", 0},
		{"only 0002", "0002", ErrLength, "00", 0},
		// The bound is 65535 bytes, so that node offsets fit in 16 bits:
		// literal lengths, not maxPayload, so that the bound itself is held.
		{"longer than any payload", strings.Repeat("x", 1<<16), ErrLength, "", 1<<16 - 1},
		{"as long as a payload can be", strings.Repeat("x", 1<<16-1), ErrMissing, "00", 0},
		{"only whitespace", " \r\n", ErrSyntax, "", 0},
		{"first object not 00", withCRC("0102110002010208VISA4321"), ErrMissing, "00", 0},
		{"payload format not 2 long", withCRC("0003010" + "0208VISA4321"), ErrLength, "00", 0},
		{"non-numeric id", withCRC(minimal + "5X02AB"), ErrSyntax, "", 18},
		{"non-numeric length", withCRC(minimal + "590XAB"), ErrSyntax, "59", 18},
		{"length 00", withCRC(minimal + "5900"), ErrLength, "59", 18},
		{"value past the end", minimal + "5999ABC", ErrLength, "59", 18},
		{"truncated header", minimal + "590", ErrSyntax, "", 18},
		{"missing crc", minimal + "5903ABC", ErrMissing, "63", 25},
		{"crc value missing", minimal + "6304", ErrLength, "63", 18},
		{"crc not hex", minimal + "6304WXYZ", ErrCRC, "63", 22},
		{"crc wrong length", minimal + "6303ABC", ErrLength, "63", 18},
		{"crc mismatch", minimal + "63040000", ErrCRC, "63", 22},
		{"crc lowercase", strings.ToLower(withCRC(minimal)[:26]) + strings.ToLower(withCRC(minimal)[26:]), ErrCRC, "63", 22},
		{"crc not last", withCRC(minimal+"63041234") + "", ErrTrailingData, "63", 26},
		{"data after crc", withCRC(minimal) + "XY", ErrTrailingData, "63", 26},
		{"duplicate root id", withCRC(minimal + "5903ABC5903DEF"), ErrDuplicate, "59", 25},
		{"duplicate sub id", withCRC(minimal + "62140503ABC0503DEF"), ErrDuplicate, "62.05", 29},
		{"duplicate sub id apart", withCRC(minimal + "62210503ABC0703XYZ0503DEF"), ErrDuplicate, "62.05", 36},
		{"duplicate sub ids 64 apart", withCRC(minimal + "62210103ABC6503XYZ0103DEF"), ErrDuplicate, "62.01", 36},
		{"duplicate root id apart", withCRC(minimal + "5903ABC6003XYZ5903DEF"), ErrDuplicate, "59", 32},
		{"62 content not tlv", withCRC(minimal + "6205hello"), ErrSyntax, "62", 22},
		{"26 sub value overruns", withCRC(minimal + "26060009AB"), ErrLength, "26.00", 22},
		{"64 zero-length sub", withCRC(minimal + "64100002ZH0100"), ErrLength, "64.01", 28},
		{"invalid utf-8", withCRC(minimal + "5903A\xffB"), ErrSyntax, "59", 18},
		{"pfi not digits", withCRC("0002AB0208VISA4321"), ErrFormat, "00", 0},
		{"the first of two bad fields", withCRC("0002AB0208VISA4321" + "5203411"), ErrFormat, "00", 0},
		{"the first of two bad fields, later", withCRC(minimal + "5203411" + "5803KKK"), ErrFormat, "52", 18},
		{"initiation one digit", withCRC(minimal + "01011"), ErrFormat, "01", 18},
		{"initiation letters", withCRC(minimal + "01021A"), ErrFormat, "01", 18},
		{"initiation 3 digits", withCRC(minimal + "0103111"), ErrFormat, "01", 18},
		{"mcc 3 digits", withCRC(minimal + "5203411"), ErrFormat, "52", 18},
		{"mcc letters", withCRC(minimal + "5204x121"), ErrFormat, "52", 18},
		{"currency 4 digits", withCRC(minimal + "53041560"), ErrFormat, "53", 18},
		{"country 3 chars", withCRC(minimal + "5803KKH"), ErrFormat, "58", 18},
		{"country 1 char", withCRC(minimal + "5801K"), ErrFormat, "58", 18},
		{"currency 2 digits", withCRC(minimal + "530241"), ErrFormat, "53", 18},
		{"mcc 5 digits", withCRC(minimal + "520541111"), ErrFormat, "52", 18},
		{"amount zero", withCRC(minimal + "54040.00"), ErrFormat, "54", 18},
		{"amount comma", withCRC(minimal + "540598,73"), ErrFormat, "54", 18},
		{"amount two dots", withCRC(minimal + "54051.2.3"), ErrFormat, "54", 18},
		{"amount leading dot", withCRC(minimal + "5403.50"), ErrFormat, "54", 18},
		{"amount 14 chars", withCRC(minimal + "541412345678901234"), ErrFormat, "54", 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.in)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tt.want)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.path, pe.Path, "path")
			assert.Equal(t, tt.offset, pe.Offset, "offset")
			assert.True(t, strings.HasPrefix(err.Error(), "emvco: "), err.Error())
		})
	}
}

func TestParseAcceptances(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(*testing.T, *Payload)
	}{
		{"pfi 02 (DuitNow)", "000202" + "0208VISA4321", func(t *testing.T, p *Payload) {
			assert.Equal(t, "02", p.PayloadFormat())
		}},
		{"no 52 59 60 (PromptPay)", minimal + "5303764" + "5802TH", func(t *testing.T, p *Payload) {
			assert.Equal(t, "", p.MerchantName())
			assert.Equal(t, "764", p.Currency())
		}},
		{"over-long 59", minimal + "5928Leone Parise Vieira da Silva", func(t *testing.T, p *Payload) {
			assert.Equal(t, "Leone Parise Vieira da Silva", p.MerchantName())
		}},
		{"non-ans 60", minimal + "6006Maceió", func(t *testing.T, p *Payload) {
			assert.Equal(t, "Maceió", p.MerchantCity())
		}},
		{"sub-id 00 in 62 (QR Ph)", minimal + "62260012ph.ppmi.qrph0506REF123", func(t *testing.T, p *Payload) {
			v, ok := p.Lookup("62.00")
			assert.True(t, ok)
			assert.Equal(t, "ph.ppmi.qrph", v)
		}},
		{"guid-less template 30", minimal + "30130109123456789", func(t *testing.T, p *Payload) {
			var got []MerchantAccount
			for ma := range p.MerchantAccounts() {
				got = append(got, ma)
			}
			require.Len(t, got, 2)
			assert.Equal(t, "", got[1].GUID)
			assert.True(t, got[1].Object.IsTemplate())
		}},
		{"primitive 15 that looks like tlv (Laos)", minimal + "1531" + "2031041800520446JDBMSZZXE44BFS0", func(t *testing.T, p *Payload) {
			o, ok := p.Object(15)
			require.True(t, ok)
			assert.False(t, o.IsTemplate())
			_, ok = p.Lookup("15.20")
			assert.False(t, ok)
		}},
		{"opaque unreserved 81 (TrueMoney)", minimal + "8110hello12345", func(t *testing.T, p *Payload) {
			o, _ := p.Object(81)
			assert.False(t, o.IsTemplate())
			assert.Equal(t, "hello12345", o.Value())
		}},
		{"tlv unreserved 91", minimal + "91100006abcdef", func(t *testing.T, p *Payload) {
			v, ok := p.Lookup("91.00")
			assert.True(t, ok)
			assert.Equal(t, "abcdef", v)
		}},
		{"reserved initiation 10 (VNPay)", minimal + "010210", func(t *testing.T, p *Payload) {
			assert.Equal(t, InitiationReserved, p.Initiation())
			v, _ := p.Lookup("01")
			assert.Equal(t, "10", v)
		}},
		{"rfu 70", minimal + "7003xyz", func(t *testing.T, p *Payload) {
			v, _ := p.Lookup("70")
			assert.Equal(t, "xyz", v)
		}},
		{"root out of order", "000201" + "5303764" + "0208VISA4321" + "010211", func(t *testing.T, p *Payload) {
			assert.Equal(t, InitiationStatic, p.Initiation())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := withCRC(tt.body)
			p, err := Parse(in)
			require.NoError(t, err)
			assert.Equal(t, in, p.String())
			assert.Equal(t, Notes{}, p.Notes())
			tt.check(t, p)
		})
	}
}

func TestParseTrailingWhitespace(t *testing.T) {
	for _, tail := range []string{"\n", "\r\n", " ", "  \r\n"} {
		p, err := Parse(pixExample + tail)
		require.NoError(t, err, "%q", tail)
		assert.Equal(t, pixExample, p.String())
		assert.True(t, p.Notes().TrailingWhitespace)
		assert.True(t, hasRule(Lint(p), "mpm-trailing-whitespace"))
	}
	_, err := Parse(pixExample + "\t")
	assert.ErrorIs(t, err, ErrTrailingData, "tab is data")
}

func TestParseCharacterLengths(t *testing.T) {
	p, err := Parse(emvSpecExample)
	require.NoError(t, err)
	l, ok := p.Language()
	require.True(t, ok)
	assert.Equal(t, Language{Preference: "ZH", Name: "最佳运输", City: "北京"}, l)
	assert.Equal(t, 248, p.Len())
	o, _ := p.Object(TagTransactionAmount)
	assert.Equal(t, 157, o.Offset(), "byte offset, not character offset (145)")
}

func TestDecoderLowercaseCRC(t *testing.T) {
	in := withCRC(minimal + "5903ABC")
	lower := in[:len(in)-4] + strings.ToLower(in[len(in)-4:])
	if lower == in {
		t.Fatal("fixture CRC has no letters")
	}
	_, err := Parse(lower)
	requireParseError(t, err, ErrCRC, "63", len(lower)-4)
	p, err := (&Decoder{AllowLowercaseCRC: true}).Parse(lower)
	require.NoError(t, err)
	assert.True(t, p.Notes().LowercaseCRC)
	assert.Equal(t, lower, p.String())
	_, err = (&Decoder{AllowLowercaseCRC: true}).Parse(lower[:len(lower)-1] + "0")
	requireParseError(t, err, ErrCRC, "63", len(lower)-4) // lenient mode still refuses a wrong crc
}

func TestDecoderByteLengths(t *testing.T) {
	var vietqr string
	for _, e := range mpmCorpus(t) {
		if strings.HasPrefix(e.WhyInvalid, "TLV does not parse") {
			vietqr = e.Payload
		}
	}
	require.NotEmpty(t, vietqr)
	p, err := (&Decoder{AllowByteLengths: true}).Parse(vietqr)
	require.NoError(t, err)
	assert.True(t, p.Notes().ByteLengths)
	assert.Equal(t, vietqr, p.String())
	purpose, ok := p.Lookup("62.08")
	assert.True(t, ok)
	assert.Equal(t, "Thanh toán hóa đơn", purpose)

	broken := vietqr[:len(vietqr)-1] + "0"
	_, err = (&Decoder{AllowByteLengths: true}).Parse(broken)
	requireParseError(t, err, ErrCRC, "63", len(broken)-4) // byte lengths only with a verified crc
}

func TestDecoderURLEscaped(t *testing.T) {
	escaped := strings.ReplaceAll(pixExample, " ", "%20")
	_, err := Parse(escaped)
	requireParseError(t, err, ErrCRC, "63", len(escaped)-4)
	p, err := (&Decoder{AllowURLEscaped: true}).Parse(escaped)
	require.NoError(t, err)
	assert.True(t, p.Notes().URLEscaped)
	assert.Equal(t, pixExample, p.String())

	plus := strings.ReplaceAll(pixExample, " ", "+")
	p, err = (&Decoder{AllowURLEscaped: true}).Parse(plus)
	require.NoError(t, err)
	assert.Equal(t, "Fulano de Tal", p.MerchantName())

	// A payload that parses as it is is never unescaped, even with a "+".
	withPlus := withCRC(minimal + "5905A+B%C")
	p, err = (&Decoder{AllowURLEscaped: true}).Parse(withPlus)
	require.NoError(t, err)
	assert.False(t, p.Notes().URLEscaped)
	assert.Equal(t, "A+B%C", p.MerchantName())

	broken := strings.ReplaceAll(escaped, "BRASILIA", "BRASILIO")
	_, err = (&Decoder{AllowURLEscaped: true}).Parse(broken)
	requireParseError(t, err, ErrCRC, "63", len(broken)-4) // the original error, at its offset
	_, err = (&Decoder{AllowURLEscaped: true}).Parse(strings.ReplaceAll(pixExample, "BRASILIA", "BRASILIO"))
	requireParseError(t, err, ErrCRC, "63", len(pixExample)-4) // no escape: not retried
}

// requireParseError checks that err is a *ParseError wrapping want, at path
// and offset.
func requireParseError(t *testing.T, err, want error, path string, offset int) {
	t.Helper()
	require.ErrorIs(t, err, want)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, path, pe.Path, "path")
	assert.Equal(t, offset, pe.Offset, "offset")
}

func TestLookup(t *testing.T) {
	p, err := Parse(emvSpecExample)
	require.NoError(t, err)
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"59", "BEST TRANSPORT", true},
		{"62.07", "A6008667", true},
		{"26.00", "", false},
		{"29.00", "D15600000000", true},
		{"91.07", "12345678", true},
		{"64.01", "最佳运输", true},
		{"63", "A13A", true},
		{"62", "030412340603***0708A60086670902ME", true},
		{"62.99", "", false},
		{"5", "", false},
		{"5a", "", false},
		{"59.", "", false},
		{"62.0", "", false},
		{"62.07.00", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := p.Lookup(tt.path)
		assert.Equal(t, tt.ok, ok, tt.path)
		assert.Equal(t, tt.want, got, tt.path)
	}
}

func TestLookupNested(t *testing.T) {
	// VietQR nests the beneficiary organisation in 38.01.
	body := minimal + "38540010A00000072701240006970436011012345678900208QRIBFTTA" + "5303704" + "5802VN"
	p, err := Parse(withCRC(body))
	require.NoError(t, err)
	bin, ok := p.Lookup("38.01.00")
	assert.True(t, ok)
	assert.Equal(t, "970436", bin)
	acct, _ := p.Lookup("38.01.01")
	assert.Equal(t, "1234567890", acct)
	_, ok = p.Lookup("38.02.00")
	assert.False(t, ok, "38.02 is not tlv")
}

func TestAccessors(t *testing.T) {
	p, err := Parse(emvSpecExample)
	require.NoError(t, err)
	assert.Equal(t, "01", p.PayloadFormat())
	assert.Equal(t, InitiationDynamic, p.Initiation())
	assert.Equal(t, "4111", p.MerchantCategoryCode())
	assert.Equal(t, "156", p.Currency())
	assert.Equal(t, "CN", p.CountryCode())
	assert.Equal(t, "BEIJING", p.MerchantCity())
	assert.Equal(t, "", p.PostalCode())
	amt, ok := p.Amount()
	assert.True(t, ok)
	assert.Equal(t, "23.72", amt)
	assert.Equal(t, Fee{Kind: FeePrompt}, p.Fee())
	ad, ok := p.AdditionalData()
	require.True(t, ok)
	assert.Equal(t, "1234", ad.StoreLabel())
	assert.Equal(t, "***", ad.CustomerLabel())
	assert.Equal(t, "A6008667", ad.TerminalLabel())
	assert.Equal(t, "ME", ad.ConsumerDataRequest())
	assert.Equal(t, "", ad.BillNumber())

	var ids, guids []string
	for ma := range p.MerchantAccounts() {
		ids = append(ids, ma.ID.String())
		guids = append(guids, ma.GUID)
	}
	assert.Equal(t, []string{"29", "31"}, ids)
	assert.Equal(t, []string{"D15600000000", "D15600000001"}, guids)

	var order []string
	for o := range p.Objects() {
		order = append(order, o.Path())
	}
	assert.Equal(t, "00 01 29 31 52 58 59 60 64 54 53 55 62 91 63", strings.Join(order, " "))
	o, _ := p.Object(TagAdditionalData)
	var subs []string
	for c := range o.Objects() {
		subs = append(subs, c.Path()+"="+c.Value())
	}
	assert.Equal(t, []string{"62.03=1234", "62.06=***", "62.07=A6008667", "62.09=ME"}, subs)
}

func TestFeeKinds(t *testing.T) {
	tests := []struct {
		body string
		want Fee
	}{
		{minimal, Fee{}},
		{minimal + "550202" + "56031.5", Fee{FeeFixed, "1.5"}},
		{minimal + "550203" + "570510.25", Fee{FeePercentage, "10.25"}},
		{minimal + "550201", Fee{Kind: FeePrompt}},
		{minimal + "550209", Fee{Kind: FeeUnknown}},
	}
	for _, tt := range tests {
		p, err := Parse(withCRC(tt.body))
		require.NoError(t, err)
		assert.Equal(t, tt.want, p.Fee(), tt.body)
	}
}

// TestEnumStrings: every enum prints a word, never a number.
func TestEnumStrings(t *testing.T) {
	for k, want := range map[FeeKind]string{FeeNone: "none", FeePrompt: "prompt", FeeFixed: "fixed", FeePercentage: "percentage", FeeUnknown: "unknown", 9: "unknown"} {
		assert.Equal(t, want, k.String())
		assert.Equal(t, want, fmt.Sprint(k))
	}
	for i, want := range map[Initiation]string{InitiationUnspecified: "unspecified", InitiationStatic: "static", InitiationDynamic: "dynamic", InitiationReserved: "reserved", 9: "unspecified"} {
		assert.Equal(t, want, fmt.Sprint(i))
	}
	for s, want := range map[Severity]string{SeverityInfo: "info", SeverityWarning: "warning", SeverityError: "error", 0: "unknown"} {
		assert.Equal(t, want, fmt.Sprint(s))
	}
	assert.Equal(t, "05", fmt.Sprint(TagReferenceLabel))
	assert.Equal(t, "??", Tag(100).String())
}

// TestStringers: a Builder and an Editor print their text through fmt,
// never a struct, and printing does not finish or change them.
func TestStringers(t *testing.T) {
	var b Builder
	b.Add(TagPayloadFormat, "01").Add(2, "4321")
	assert.Equal(t, "0002010204"+"4321", fmt.Sprint(&b), "the text so far")
	b.Add(TagMerchantName, "X")
	s, err := b.Encode()
	require.NoError(t, err)
	assert.Equal(t, s, fmt.Sprint(&b), "the whole payload once finished")
	assert.Equal(t, withCRC("0002010204432159"+"01X"), s)

	b.Reset()
	b.Add(59, "first must be 00")
	assert.Equal(t, "", b.String(), "an errored Builder prints nothing")

	p := mustParseT(t, pixExample)
	e := p.Edit().Set("54", "1.00")
	want, err := e.Encode()
	require.NoError(t, err)
	assert.Equal(t, want, fmt.Sprint(e))
	assert.Equal(t, "", fmt.Sprint(p.Edit().Set("63", "0000")), "an Editor whose edit fails prints nothing")
}

func TestZeroValues(t *testing.T) {
	var p Payload
	assert.Equal(t, "", p.String())
	_, ok := p.Lookup("59")
	assert.False(t, ok)
	var o Object
	assert.Equal(t, "", o.Value())
	assert.Equal(t, "00", o.Path())
	assert.Equal(t, 0, o.Offset())
	for range o.Objects() {
		t.Fatal("zero object has no children")
	}
	var nilP *Payload
	assert.Equal(t, "", nilP.String())
	_, ok = nilP.Object(59)
	assert.False(t, ok)
	assert.Equal(t, "unspecified", InitiationUnspecified.String())
	assert.Equal(t, "??", Tag(100).String())
}

func TestErrorMessagesNeverEchoValues(t *testing.T) {
	secret := "SECRETVALUE"
	cases := []struct {
		in   string
		want error
	}{
		{withCRC(minimal + "5911" + secret + "5911" + secret), ErrDuplicate},
		{withCRC(minimal + "5211" + secret), ErrFormat},
		{minimal + "5911" + secret + "63040000", ErrCRC},
	}
	for _, tt := range cases {
		in := tt.in
		_, err := Parse(in)
		require.ErrorIs(t, err, tt.want)
		assert.NotContains(t, err.Error(), secret)
		assert.NotContains(t, fmt.Sprint(errors.Unwrap(err)), secret)
	}
}

// TestManyObjects reads a payload of more than 254 objects, whose later
// root objects the index cannot hold in a byte (rootFar) and Object
// finds by search.
func TestManyObjects(t *testing.T) {
	body := "000201"
	for id := 26; id <= 51; id++ {
		content := ""
		for sub := 1; sub <= 19; sub++ {
			content += fmt.Sprintf("%02d01%c", sub, 'a'+byte(sub))
		}
		body += fmt.Sprintf("%02d%02d", id, len(content)) + content
	}
	body += "5904LAST"
	p, err := Parse(withCRC(body))
	require.NoError(t, err)
	require.Greater(t, len(p.nodes), 255)
	assert.Equal(t, "LAST", p.MerchantName())
	v, ok := p.Lookup("51.19")
	assert.True(t, ok)
	assert.Equal(t, "t", v)
	o, ok := p.Object(51)
	require.True(t, ok)
	assert.Equal(t, "51", o.Path())
	_, ok = p.Object(60)
	assert.False(t, ok)
	out, err := p.Edit().Encode()
	require.NoError(t, err)
	assert.Equal(t, p.String(), out)
}

// TestLookupMalformedPaths: only NN, NN.NN and NN.NN.NN are paths.
func TestLookupMalformedPaths(t *testing.T) {
	p := mustParseT(t, withCRC(minimal+"38540010A00000072701240006970436011012345678900208QRIBFTTA"))
	v, ok := p.Lookup("38.01.01")
	require.True(t, ok)
	assert.Equal(t, "1234567890", v)
	for _, path := range []string{"38.01x01", "38.01.0", "38.01.001", "38x01", "3", "", "3a", "38.0a", "38.01.a1"} {
		_, ok := p.Lookup(path)
		assert.False(t, ok, "%q", path)
	}
}

// TestMerchantAccountRange: 02 to 51 are merchant accounts (EMV MPM v1.1
// §4.7.9), 01 and 52 are not, 65-79 are RFU and 80-99 unreserved; a payload whose only account is 51 draws no
// mpm-merchant-account finding.
func TestMerchantAccountRange(t *testing.T) {
	for id, want := range map[Tag]bool{1: false, 2: true, 25: true, 26: true, 51: true, 52: false} {
		assert.Equal(t, want, id.IsMerchantAccount(), "%s", id)
	}
	// The three ranges of the root (EMV MPM v1.1 §4.5.4, §4.7.9), every ID.
	for id := Tag(0); id <= 100; id++ {
		assert.Equal(t, id >= 2 && id <= 51, id.IsMerchantAccount(), "%s", id)
		assert.Equal(t, id >= 65 && id <= 79, id.IsRFU(), "%s", id)
		assert.Equal(t, id >= 80 && id <= 99, id.IsUnreserved(), "%s", id)
	}
	only51 := strings.Replace(conformant, "02164000123456789012"+"26290015com.example.www0106ABC123", "51290015com.example.www0106ABC123", 1)
	assert.NotContains(t, lintRules(t, only51, Decoder{}), "mpm-merchant-account")
}

// TestParseReplacementCharacter: a literal U+FFFD is a character like any
// other; only invalid UTF-8 is refused, at the object that holds it.
func TestParseReplacementCharacter(t *testing.T) {
	in := withCRC(minimal + "5903A\uFFFDB" + "6003X\xffY")
	_, err := Parse(in)
	requireParseError(t, err, ErrSyntax, "60", strings.Index(in, "6003X"))
	p := mustParseT(t, withCRC(minimal+"5903A\uFFFDB"))
	assert.Equal(t, "A\uFFFDB", p.MerchantName())
}

// TestParseStrictFieldCountsCharacters: the parser's check of a strict
// field counts characters, as lengths do (EMV MPM v1.1 §4.4.1.1): a
// two-character 58 of three bytes is read, and lint alone flags it.
func TestParseStrictFieldCountsCharacters(t *testing.T) {
	in := withCRC(strings.Replace(conformant, "5802KR", "5802ÑA", 1))
	p, err := Parse(in)
	require.NoError(t, err)
	v, ok := p.Lookup("58")
	require.True(t, ok)
	assert.Equal(t, "ÑA", v)
	assert.Equal(t, in, p.String())
}
