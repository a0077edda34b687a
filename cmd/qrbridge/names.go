package main

import "strconv"

// The names of EMVCo MPM data objects, from EMV QRCPS Merchant-Presented
// Mode v1.1, §4.5 (root), §4.8 (additional data field template 62) and
// §4.9 (language template 64).
var rootNames = map[int]string{
	0: "Payload Format Indicator", 1: "Point of Initiation Method",
	52: "Merchant Category Code", 53: "Transaction Currency", 54: "Transaction Amount",
	55: "Tip or Convenience Indicator", 56: "Value of Convenience Fee Fixed",
	57: "Value of Convenience Fee Percentage", 58: "Country Code", 59: "Merchant Name",
	60: "Merchant City", 61: "Postal Code", 62: "Additional Data Field Template", 63: "CRC",
	64: "Merchant Information—Language Template",
}

var additionalNames = map[int]string{
	1: "Bill Number", 2: "Mobile Number", 3: "Store Label", 4: "Loyalty Number",
	5: "Reference Label", 6: "Customer Label", 7: "Terminal Label", 8: "Purpose of Transaction",
	9: "Additional Consumer Data Request", 10: "Merchant Tax ID", 11: "Merchant Channel",
}

var languageNames = map[int]string{
	0: "Language Preference", 1: "Merchant Name—Alternate Language", 2: "Merchant City—Alternate Language",
}

// networkNames are the payment networks EMVCo assigned merchant account
// IDs 02-25 to (EMV MPM v1.1 §4.5.1, Table 4.2).
var networkNames = map[int]string{
	2: "Visa", 3: "Visa", 4: "Mastercard", 5: "Mastercard", 6: "EMVCo", 7: "EMVCo", 8: "EMVCo",
	9: "Discover", 10: "Discover", 11: "Amex", 12: "Amex", 13: "JCB", 14: "JCB",
	15: "UnionPay", 16: "UnionPay",
}

// schemeNames name the sub-objects of a national scheme's template, from
// each scheme's public specification: Pix (Banco Central do Brasil,
// Manual de Padrões para Iniciação do Pix), PromptPay (Bank of Thailand
// Thai QR Code standard), PayNow and SGQR (MAS SGQR specification), DuitNow
// (PayNet DuitNow QR), QRIS (Bank Indonesia QRIS standard), VietQR (NAPAS
// VietQR specification), FPS (HKMA common QR code specification), KHQR
// (National Bank of Cambodia KHQR specification), QR Ph (BSP), Bharat QR
// (NPCI) and Korea's card QR. Sub-ID 00 is the GUID everywhere.
var schemeNames = map[string]map[int]string{
	"pix":            {1: "Pix Key", 2: "Additional Information", 3: "FSS ISPB", 25: "Payload Location URL"},
	"promptpay":      {1: "Mobile Number", 2: "National ID or Tax ID", 3: "E-Wallet ID", 4: "Bank Account"},
	"promptpay-bill": {1: "Biller ID", 2: "Reference 1", 3: "Reference 2"},
	"paynow":         {1: "Proxy Type", 2: "Proxy Value", 3: "Amount Editable", 4: "Expiry Date"},
	"sgqr":           {1: "SGQR ID Number", 2: "Version", 3: "Postal Code", 4: "Level", 5: "Unit Number", 6: "Miscellaneous", 7: "Revision Date"},
	"duitnow":        {1: "Participant Code", 2: "Account or Proxy", 3: "Expiry"},
	"qris":           {1: "Merchant PAN", 2: "Merchant ID", 3: "Merchant Criteria"},
	"vietqr":         {1: "Beneficiary Organization", 2: "Service Code"},
	"fps":            {1: "Participant Code", 2: "FPS ID", 3: "Mobile Number", 4: "Email Address"},
	"khqr":           {0: "Bakong Account ID", 1: "Account Information or Merchant ID", 2: "Acquiring Bank"},
	"qrph":           {1: "BIC", 3: "Account or Merchant ID", 4: "Mobile Number or Reference"},
	"bharat":         {1: "UPI Virtual Payment Address"},
	"korea":          {5: "Merchant Number"},
}

// nestedNames name the objects inside a scheme sub-object that is itself
// a template, keyed by scheme and sub-ID: VietQR's 01 holds the acquirer
// BIN (00) and the account or card number (01).
var nestedNames = map[string]map[int]map[int]string{
	"vietqr": {1: {0: "Acquirer BIN", 1: "Account or Card Number"}},
}

// rootName returns the name of root object id.
func rootName(id int) string {
	if n, ok := rootNames[id]; ok {
		return n
	}
	switch {
	case id >= 2 && id <= 51:
		if n, ok := networkNames[id]; ok {
			return "Merchant Account Information (" + n + ")"
		}
		return "Merchant Account Information"
	case id >= 65 && id <= 79:
		return "RFU for EMVCo"
	case id >= 80:
		return "Unreserved Template"
	}
	return "Unknown"
}

// subName returns the name of sub-object id of root object parent, whose
// scheme (a profile name) is scheme or "".
func subName(parent int, scheme string, id int) string {
	switch {
	case parent == 62:
		if n, ok := additionalNames[id]; ok {
			return n
		}
		if id >= 50 {
			return "Payment System Specific"
		}
		return "RFU for EMVCo"
	case parent == 64:
		if n, ok := languageNames[id]; ok {
			return n
		}
		return "RFU for EMVCo"
	}
	if scheme == "promptpay" && parent == 30 {
		scheme = "promptpay-bill" // bill payment (Thai QR Code standard §2.2)
	}
	if n, ok := schemeNames[scheme][id]; ok {
		return n
	}
	if id == 0 {
		return "Globally Unique Identifier"
	}
	return "Payment Network Specific"
}

// nestedName returns the name of object id inside sub-object sub of a
// scheme template, and whether the scheme defines sub as a template.
func nestedName(scheme string, sub, id int) (string, bool) {
	t, ok := nestedNames[scheme][sub]
	if !ok {
		return "", false
	}
	if n, ok := t[id]; ok {
		return n, true
	}
	return "Sub-object " + strconv.Itoa(id), true
}
