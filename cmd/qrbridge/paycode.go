package main

// decodePaymentCode recognises the all-digit payment codes a payer's
// wallet shows that no library package of this module parses: Alipay's
// (16 to 24 digits starting 25 to 30, the auth_code of alipay.trade.pay)
// and UnionPay's (19 digits starting 62, the C2B code of UnionPay QR).
// These codes carry nothing but an opaque token, so recognising their
// form is all there is to decode.
func decodePaymentCode(s string) (decoded, bool) {
	if !allDigits(s) {
		return decoded{}, false
	}
	switch prefix := s[:min(2, len(s))]; {
	case len(s) >= 16 && len(s) <= 24 && prefix >= "25" && prefix <= "30":
		return decoded{kind: "alipay-payment-code", fields: []field{{"auth_code", s}}}, true
	case len(s) == 19 && prefix == "62":
		return decoded{kind: "unionpay-payment-code", fields: []field{{"auth_code", s}}}, true
	}
	return decoded{}, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
