package fx

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	krw = MustCurrency("KRW")
	cny = MustCurrency("CNY")
	usd = MustCurrency("USD")
	jpy = MustCurrency("JPY")
	vnd = MustCurrency("VND")
	bhd = MustCurrency("BHD")
	eur = MustCurrency("EUR")
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestCurrencyTable(t *testing.T) {
	tests := []struct {
		code, numeric string
		minor         int
	}{
		{"KRW", "410", 0}, {"JPY", "392", 0}, {"VND", "704", 0},
		{"CNY", "156", 2}, {"HKD", "344", 2}, {"USD", "840", 2},
		{"BHD", "048", 3}, {"KWD", "414", 3}, {"CLP", "152", 0},
	}
	for _, tt := range tests {
		c, err := LookupCurrency(tt.code)
		require.NoError(t, err, tt.code)
		assert.Equal(t, tt.numeric, c.Numeric())
		assert.Equal(t, tt.minor, c.MinorUnits(), tt.code)
		byNum, err := LookupNumeric(tt.numeric)
		require.NoError(t, err)
		assert.Equal(t, c, byNum)
	}
	for _, gone := range []string{"DEM", "ECS", "XEU", "BOV", "CLF", "XAU", "XXX", "krw", ""} {
		_, err := LookupCurrency(gone)
		var ue *UnknownCurrencyError
		assert.ErrorAs(t, err, &ue, gone)
		assert.ErrorIs(t, err, ErrUnknownCurrency)
	}
	all := Currencies()
	assert.Greater(t, len(all), 150)
	for i := 1; i < len(all); i++ {
		assert.Less(t, all[i-1].Code(), all[i].Code(), "sorted and unique")
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		cur  Currency
		want string
		err  error
	}{
		{"23.72", cny, "23.72 CNY", nil},
		{"98.", usd, "98.00 USD", nil},
		{"12000", krw, "12000 KRW", nil},
		{"999.123", jpy, "", ErrPrecision},
		{"1.005", usd, "", ErrPrecision},
		{"1.005", bhd, "1.005 BHD", nil},
		{"98,73", usd, "", ErrSyntax},
		{"-1", usd, "", ErrSyntax},
		{"1e3", usd, "", ErrSyntax},
		{".5", usd, "", ErrSyntax},
		{"", usd, "", ErrSyntax},
		{"1000000000000000000000000000000", usd, "", ErrSyntax}, // 31 integer digits
		{"100000000000000000000000000000", usd, "100000000000000000000000000000.00 USD", nil},
		{"1", Currency{}, "", ErrUnknownCurrency},
		{"0.50", usd, "0.50 USD", nil},
		{"0.5", usd, "0.50 USD", nil},
		{"0", usd, "0.00 USD", nil},
		{"0.00", usd, "0.00 USD", nil},
		{"00012", krw, "12 KRW", nil},
		{"12000.", krw, "12000 KRW", nil},
		{"12000.0", krw, "", ErrPrecision},
		{"0.500", usd, "", ErrPrecision},
		{"1..0", usd, "", ErrSyntax},
		{"1.0.", usd, "", ErrSyntax},
		{"1 ", usd, "", ErrSyntax},
		{"١", usd, "", ErrSyntax},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in, tt.cur)
		if tt.err != nil {
			assert.ErrorIs(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, a.String())
	}
}

// TestNumber: the currency's minor units, or more decimals when the amount
// has them (an intermediate value), never fewer and never rounded.
func TestNumber(t *testing.T) {
	tests := []struct {
		a    Amount
		want string
	}{
		{FromMinor(50, usd), "0.50"},
		{NewAmount(dec("1.2345"), usd), "1.2345"},
		{NewAmount(dec("12000.5"), krw), "12000.5"},
		{NewAmount(dec("1.5"), usd), "1.50"},
		{NewAmount(dec("1.50000"), usd), "1.50000"},
		{NewAmount(dec("7"), bhd), "7.000"},
		{NewAmount(dec("-0.001"), usd), "-0.001"},
		{Zero(krw), "0"},
		{Zero(usd), "0.00"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.a.Number(), "%s", tt.a.Decimal())
	}
	assert.Equal(t, "1.2345 USD", NewAmount(dec("1.2345"), usd).String())
	assert.Equal(t, "0", Amount{}.String(), "the zero Amount has no code")
}

func TestMinorUnits(t *testing.T) {
	assert.Equal(t, "17.50 USD", FromMinor(1750, usd).String())
	assert.Equal(t, "1000 KRW", FromMinor(1000, krw).String())
	assert.Equal(t, "1.234 BHD", FromMinor(1234, bhd).String())
	m, err := FromMinor(1750, usd).Minor(HalfEven)
	require.NoError(t, err)
	assert.Equal(t, int64(1750), m)
	_, err = NewAmount(dec("1e30"), usd).Minor(HalfEven)
	assert.ErrorIs(t, err, ErrRange)
}

func TestRoundingModes(t *testing.T) {
	tests := []struct {
		in                         string
		halfEven, halfUp, down, up int64
	}{
		{"2.345", 234, 235, 234, 235},
		{"2.355", 236, 236, 235, 236},
		{"2.341", 234, 234, 234, 235},
		{"2.349", 235, 235, 234, 235},
		{"-2.345", -234, -235, -234, -235},
		{"2.34", 234, 234, 234, 234},
	}
	for _, tt := range tests {
		a := NewAmount(dec(tt.in), usd)
		for mode, want := range map[Rounding]int64{HalfEven: tt.halfEven, HalfUp: tt.halfUp, Down: tt.down, Up: tt.up} {
			got, err := a.Minor(mode)
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s %s", tt.in, mode)
		}
	}
}

func TestArithmeticRefusesMismatch(t *testing.T) {
	a, b := FromMinor(100, usd), FromMinor(100, krw)
	_, err := a.Add(b)
	var me *MismatchError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, usd, me.Want)
	assert.Equal(t, krw, me.Got)
	_, err = a.Sub(b)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
	_, err = a.Cmp(b)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
	sum, err := a.Add(FromMinor(250, usd))
	require.NoError(t, err)
	assert.Equal(t, "3.50 USD", sum.String())
	_, err = Amount{}.Add(a)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
}

func TestAmountMarshalling(t *testing.T) {
	a := FromMinor(1750, usd)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, `{"amount":"17.50","currency":"USD"}`, string(b))
	var back Amount
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, a.String(), back.String())

	var neg Amount
	require.NoError(t, neg.UnmarshalText([]byte("-3.20 CNY")))
	assert.Equal(t, "-3.20 CNY", neg.String())
	for bad, want := range map[string]error{
		"17.50": ErrSyntax, "17.50 ZZZ": ErrUnknownCurrency, "17.505 USD": ErrPrecision, "x USD": ErrSyntax,
		"--1 USD": ErrSyntax, "1e2 USD": ErrSyntax, "17.50  USD": ErrUnknownCurrency,
	} {
		assert.ErrorIs(t, new(Amount).UnmarshalText([]byte(bad)), want, bad)
	}
	for _, bad := range []string{`{"amount":17.5,"currency":"USD"}`, `[]`, `{"amount":"1.234","currency":"USD"}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), new(Amount)), bad)
	}
	assert.ErrorIs(t, new(Amount).UnmarshalJSON([]byte(`{"amount":17.5}`)), ErrSyntax)
	assert.ErrorIs(t, new(Amount).UnmarshalJSON([]byte(`{"amount":"1.234","currency":"USD"}`)), ErrPrecision)
	_, err = json.Marshal(Amount{})
	assert.ErrorIs(t, err, ErrUnknownCurrency)
}

func TestConvertRealFigures(t *testing.T) {
	// KRW 12,000 at a WeChat-style KRW→CNY rate of 0.00520000 (520000 ×
	// 10^-8) is CNY 62.40.
	rate, err := ParseWeChatRate("520000", krw, cny)
	require.NoError(t, err)
	got, err := Convert(FromMinor(12000, krw), rate, HalfEven)
	require.NoError(t, err)
	assert.Equal(t, "62.40 CNY", got.String())

	// USD 17.50 at 6.5 (WeChat's own example, 650000000) is CNY 113.75.
	usdcny, err := ParseWeChatRate("650000000", usd, cny)
	require.NoError(t, err)
	got, _ = Convert(FromMinor(1750, usd), usdcny, HalfEven)
	assert.Equal(t, "113.75 CNY", got.String())

	// Zero-exponent targets: JPY and VND round to whole units.
	usdjpy := Rate{Base: usd, Quote: jpy, Value: dec("151.237")}
	got, _ = Convert(FromMinor(999, usd), usdjpy, HalfEven)
	assert.Equal(t, "1511 JPY", got.String()) // 1510.85763
	usdvnd := Rate{Base: usd, Quote: vnd, Value: dec("25405.5")}
	got, _ = Convert(FromMinor(1, usd), usdvnd, Down)
	assert.Equal(t, "254 VND", got.String()) // 254.055
	// A three-decimal target.
	usdbhd := Rate{Base: usd, Quote: bhd, Value: dec("0.376")}
	got, _ = Convert(FromMinor(1999, usd), usdbhd, HalfUp)
	assert.Equal(t, "7.516 BHD", got.String()) // 7.51624

	_, err = Convert(FromMinor(1, cny), usdcny, HalfEven)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
	_, err = Convert(FromMinor(1, usd), Rate{Base: usd, Quote: cny}, HalfEven)
	assert.ErrorIs(t, err, ErrRange)
}

func TestRateDerivations(t *testing.T) {
	eurkrw := Rate{Base: eur, Quote: krw, Value: dec("1470")}
	eurcny := Rate{Base: eur, Quote: cny, Value: dec("7.6125")}
	krwcny, err := Cross(eurkrw, eurcny)
	require.NoError(t, err)
	assert.Equal(t, krw, krwcny.Base)
	assert.Equal(t, "0.0051785714285714", krwcny.Value.String())

	inv, err := eurkrw.Inverse()
	require.NoError(t, err)
	assert.Equal(t, krw, inv.Base)
	chained, err := inv.Chain(eurcny)
	require.NoError(t, err)
	assert.True(t, chained.Value.Sub(krwcny.Value).Abs().LessThan(dec("1e-14")))
	_, err = eurkrw.Chain(eurcny)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)

	scaled, err := Rate{Base: usd, Quote: cny, Value: dec("6.5")}.WeChatScaled()
	require.NoError(t, err)
	assert.Equal(t, "650000000", scaled)
	_, err = krwcny.WeChatScaled()
	assert.ErrorIs(t, err, ErrPrecision)
	for bad, want := range map[string]error{
		"": ErrSyntax, "-1": ErrSyntax, "6.5": ErrSyntax, "0": ErrRange, "1e9": ErrSyntax,
		"123456789012345678901": ErrSyntax, " 1": ErrSyntax,
	} {
		_, err := ParseWeChatRate(bad, usd, cny)
		assert.ErrorIs(t, err, want, bad)
	}
	r, err := ParseWeChatRate("12345678901234567890", usd, cny) // 20 digits, the longest
	require.NoError(t, err)
	assert.Equal(t, "123456789012.3456789", r.Value.String())
	assert.Equal(t, "wechat", r.Source)
	_, err = ParseWeChatRate("1", Currency{}, cny)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
}

// TestConvertBackWithinOneMinorUnit is a property test: converting and
// converting back with the inverse rate lands within the rounding error of
// the two conversions: one minor unit when the target currency's unit is
// worth no more than the source's.
func TestConvertBackWithinOneMinorUnit(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pairs := [][2]Currency{{usd, cny}, {krw, cny}, {jpy, usd}, {krw, bhd}}
	for range 2000 {
		p := pairs[rng.IntN(len(pairs))]
		r := Rate{Base: p[0], Quote: p[1], Value: decimal.New(rng.Int64N(1e8)+1, -6)}
		if p[1].MinorUnits() < p[0].MinorUnits() {
			continue
		}
		start := FromMinor(rng.Int64N(1e9), p[0])
		there, err := Convert(start, r, HalfEven)
		require.NoError(t, err)
		inv, err := r.Inverse()
		require.NoError(t, err)
		back, err := Convert(there, inv, HalfEven)
		require.NoError(t, err)
		diff, _ := back.Sub(start)
		m, _ := diff.Minor(HalfEven)
		// The first rounding errs by at most half a target minor unit, worth
		// 0.5 × 10^(source minor − target minor) / rate source minor units;
		// the second by at most half a source minor unit.
		firstErr := decimal.New(5, -1).Shift(int32(p[0].MinorUnits()-p[1].MinorUnits())).DivRound(r.Value, 8)
		bound := firstErr.Add(decimal.New(5, -1)).Ceil()
		assert.True(t, decimal.New(m, 0).Abs().LessThanOrEqual(bound), "%s → %s → %s at %s", start, there, back, r.Value)
	}
}

func TestErrorsMatch(t *testing.T) {
	err := error(&RateError{Base: usd, Quote: krw, Err: ErrRateUnavailable})
	assert.ErrorIs(t, err, ErrRateUnavailable)
	assert.Equal(t, "fx: rate USD/KRW: rate unavailable", err.Error())
	assert.True(t, errors.Is(&ExpiredError{}, ErrExpired))
	assert.Equal(t, `fx: unknown currency "12345678"`, (&UnknownCurrencyError{Code: "12345678"}).Error(), "8 bytes are shown whole")
	assert.Equal(t, `fx: unknown currency "12345678…"`, (&UnknownCurrencyError{Code: "123456789"}).Error())
	assert.Equal(t, "fx: rate USD/KRW: upstream down", (&RateError{Base: usd, Quote: krw, Err: errors.New("upstream down")}).Error())
	assert.Equal(t, "fx: rate USD/KRW: fx: ", (&RateError{Base: usd, Quote: krw, Err: errors.New("fx: ")}).Error())
	assert.Equal(t, "fx: rate USD/KRW: fx", (&RateError{Base: usd, Quote: krw, Err: errors.New("fx")}).Error())
	assert.Equal(t, "fx: rate USD/KRW: x", (&RateError{Base: usd, Quote: krw, Err: errors.New("fx: x")}).Error())
	long := &UnknownCurrencyError{Code: "0123456789ABCDEF"}
	assert.NotContains(t, long.Error(), "9ABCDEF", "caller text is not echoed at length")
}
