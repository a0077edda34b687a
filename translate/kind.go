package translate

import (
	"iter"
	"math/bits"
)

// Kind is what a scanned string is, as [Detect] names it. Its String
// values are stable identifiers, used by the qrbridge detect command, by
// JSON and by tests; they will not change:
//
//	emvco-mpm                 EMVCo merchant-presented payload (any national profile)
//	emvco-cpm                 EMVCo consumer-presented payload (base64 BER-TLV)
//	wechat-code-url           WeChat Pay Native code_url, weixin://wxpay/bizpayurl?pr=…
//	wechat-native-link        WeChat Pay Native mode 1 link, weixin://wxpay/bizpayurl?sign=…
//	wechat-personal           WeChat personal collection code, wxp://…
//	wechat-payment-code       WeChat Pay payment code (auth_code): 18 digits, 10-15
//	alipay-payment-code       Alipay payment code: 16-24 digits, 25-30
//	alipayplus-mpm            Alipay+ merchant code, HTTPS://<host>/MPM/…
//	unionpay-payment-code     UnionPay payment code: 19 digits, 62
//	zeropay-static            Zero Pay static sticker, 1-ZP-…
//	zeropay-dynamic           Zero Pay dynamic merchant code, 2-ZP-…
//	zeropay-consumer          Zero Pay consumer code, 3-…
//	zeropay-refund            Zero Pay refund code, 4-ZP-…
//	zeropay-consumer-barcode  Zero Pay consumer barcode: 24 digits, 800088…
//	zeropay-refund-barcode    Zero Pay refund barcode: 34 digits, 8000888080…
//	url                       any other http(s) URL
//	unknown                   none of the above
//
// The zero value is KindUnknown.
type Kind uint8

// The kinds, in the order of the table above.
const (
	KindUnknown Kind = iota
	KindEMVCoMPM
	KindEMVCoCPM
	KindWeChatCodeURL
	KindWeChatNativeLink
	KindWeChatPersonal
	KindWeChatPaymentCode
	KindAlipayPaymentCode
	KindAlipayPlusMPM
	KindUnionPayPaymentCode
	KindZeroPayStatic
	KindZeroPayDynamic
	KindZeroPayConsumer
	KindZeroPayRefund
	KindZeroPayConsumerBarcode
	KindZeroPayRefundBarcode
	KindURL
	numKinds
)

var kindNames = [numKinds]string{
	KindUnknown:                "unknown",
	KindEMVCoMPM:               "emvco-mpm",
	KindEMVCoCPM:               "emvco-cpm",
	KindWeChatCodeURL:          "wechat-code-url",
	KindWeChatNativeLink:       "wechat-native-link",
	KindWeChatPersonal:         "wechat-personal",
	KindWeChatPaymentCode:      "wechat-payment-code",
	KindAlipayPaymentCode:      "alipay-payment-code",
	KindAlipayPlusMPM:          "alipayplus-mpm",
	KindUnionPayPaymentCode:    "unionpay-payment-code",
	KindZeroPayStatic:          "zeropay-static",
	KindZeroPayDynamic:         "zeropay-dynamic",
	KindZeroPayConsumer:        "zeropay-consumer",
	KindZeroPayRefund:          "zeropay-refund",
	KindZeroPayConsumerBarcode: "zeropay-consumer-barcode",
	KindZeroPayRefundBarcode:   "zeropay-refund-barcode",
	KindURL:                    "url",
}

// Kinds returns every kind, KindUnknown first.
func Kinds() iter.Seq[Kind] {
	return func(yield func(Kind) bool) {
		for k := range numKinds {
			if !yield(k) {
				return
			}
		}
	}
}

// String returns the kind's stable identifier; "unknown" for a value
// outside the table.
func (k Kind) String() string {
	if k >= numKinds {
		return kindNames[KindUnknown]
	}
	return kindNames[k]
}

// MarshalText encodes the kind as its identifier.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes an identifier; an unknown one fails with an
// *Error wrapping ErrUnknownCode.
func (k *Kind) UnmarshalText(b []byte) error {
	got, ok := ParseKind(string(b))
	if !ok {
		return fieldErr("kind", ErrUnknownCode, nil)
	}
	*k = got
	return nil
}

// ParseKind returns the kind with the identifier s.
func ParseKind(s string) (Kind, bool) {
	for k, name := range kindNames {
		if name == s {
			return Kind(k), true
		}
	}
	return KindUnknown, false
}

// Consumer reports whether codes of the kind are presented by the payer
// (a terminal scans them) rather than by the merchant.
func (k Kind) Consumer() bool {
	switch k {
	case KindEMVCoCPM, KindWeChatPaymentCode, KindAlipayPaymentCode, KindUnionPayPaymentCode,
		KindZeroPayConsumer, KindZeroPayRefund, KindZeroPayConsumerBarcode, KindZeroPayRefundBarcode:
		return true
	}
	return false
}

// KindSet is a set of kinds, as a bit mask: comparable, copied by value,
// and free to build. The zero KindSet is empty.
type KindSet uint32

// Add returns the set with k added.
func (s KindSet) Add(k Kind) KindSet { return s | 1<<k }

// Has reports whether k is in the set.
func (s KindSet) Has(k Kind) bool { return k < numKinds && s&(1<<k) != 0 }

// Len returns the number of kinds in the set.
func (s KindSet) Len() int { return bits.OnesCount32(uint32(s)) }

// All returns an iterator over the set's kinds in Kind order.
func (s KindSet) All() iter.Seq[Kind] {
	return func(yield func(Kind) bool) {
		for k := range numKinds {
			if s.Has(k) && !yield(k) {
				return
			}
		}
	}
}

// MarshalJSON encodes the set as an array of identifiers.
func (s KindSet) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for k := range s.All() {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k.String()...)
		b = append(b, '"')
	}
	return append(b, ']'), nil
}

// Presentment says who shows the code: the merchant (the payer's wallet
// scans it) or the consumer (the merchant's terminal scans it). The zero
// value, PresentmentUnknown, is what an unknown code has.
type Presentment uint8

// The presentments.
const (
	PresentmentUnknown  Presentment = iota
	PresentmentMerchant             // merchant-presented: the payer scans
	PresentmentConsumer             // consumer-presented: the terminal scans
)

// String returns "merchant", "consumer" or "unknown".
func (p Presentment) String() string {
	switch p {
	case PresentmentMerchant:
		return "merchant"
	case PresentmentConsumer:
		return "consumer"
	}
	return "unknown"
}

// MarshalText encodes the presentment as its String.
func (p Presentment) MarshalText() ([]byte, error) { return []byte(p.String()), nil }
