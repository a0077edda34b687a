package wechat

import "errors"

// Sentinel errors; every error of this package wraps one of them, most
// inside a [*ParamError] that names the parameter.
var (
	// ErrKind reports text that is not a WeChat Pay code.
	ErrKind = errors.New("wechat: not a wechat pay code")
	// ErrSyntax reports text that does not parse (URL, XML, JSON).
	ErrSyntax = errors.New("wechat: syntax error")
	// ErrFormat reports a parameter whose value breaks its format.
	ErrFormat = errors.New("wechat: invalid format")
	// ErrMissing reports a required parameter that is absent.
	ErrMissing = errors.New("wechat: missing parameter")
	// ErrMode reports a parameter that the request's [Mode] does not
	// allow (sub_mchid in common mode, say).
	ErrMode = errors.New("wechat: parameter not allowed in this mode")
	// ErrSignature reports a signature that does not verify.
	ErrSignature = errors.New("wechat: signature does not verify")
	// ErrSignatureType reports a Wechatpay-Signature-Type other than
	// WECHATPAY2-SHA256-RSA2048, or an RSA key shorter than 2048 bits.
	ErrSignatureType = errors.New("wechat: signature type not accepted")
	// ErrUnknownKey reports a Wechatpay-Serial that names no platform key.
	ErrUnknownKey = errors.New("wechat: no platform key for serial")
	// ErrTimestamp reports a signed message whose timestamp is too far
	// from now.
	ErrTimestamp = errors.New("wechat: timestamp out of range")
	// ErrReplay reports a nonce that was already seen.
	ErrReplay = errors.New("wechat: nonce replayed")
	// ErrReplayStore reports a replay store that could not answer (or is
	// full); the message is refused rather than let through unchecked.
	ErrReplayStore = errors.New("wechat: replay store unavailable")
	// ErrDecrypt reports a resource that does not decrypt.
	ErrDecrypt = errors.New("wechat: decryption failed")
	// ErrResult reports a response whose return_code or result_code is not
	// SUCCESS; the [*ResultError] it comes in names WeChat's code.
	ErrResult = errors.New("wechat: request did not succeed")
	// ErrAmountMismatch reports a response whose payer amount is not its
	// amount × its payer rate within one minor unit.
	ErrAmountMismatch = errors.New("wechat: amounts disagree with the rate")
	// ErrRateType reports an exchange_rate of another type than the one
	// asked for (SETTLEMENT_RATE read as USERPAYMENT_RATE, say).
	ErrRateType = errors.New("wechat: exchange rate of another type")
	// ErrTransport reports a request whose answer never came or could not
	// be read (a dropped connection, a deadline): its outcome is unknown,
	// so a Quick Pay must be queried, not sent again ([QuickPayRule]).
	ErrTransport = errors.New("wechat: no answer")
	// ErrNotAccepted reports a payment code the caller's policy refuses
	// (a WeChat Pay HK code where HK wallets are not accepted).
	ErrNotAccepted = errors.New("wechat: payment code not accepted")
)

// ParamError names the parameter at fault, as a dotted path for nested
// JSON fields (amount.total, scene_info.store_info.name). Its message never
// contains the parameter's value, nor any key or secret; a name that came
// from outside is cut to 32 bytes.
type ParamError struct {
	Param string
	Err   error
}

func (e *ParamError) Error() string {
	msg := e.Err.Error()
	if len(msg) > 8 && msg[:8] == "wechat: " {
		msg = msg[8:]
	}
	return "wechat: " + e.Param + ": " + msg
}

// Unwrap returns e.Err.
func (e *ParamError) Unwrap() error { return e.Err }

func paramErr(param string, err error) error { return &ParamError{Param: param, Err: err} }

// maxNameInError bounds a parameter name that came from outside.
const maxNameInError = 32

// cutName shortens an outside name for an error message, keeping it
// printable ASCII.
func cutName(s string) string {
	if len(s) > maxNameInError {
		s = s[:maxNameInError]
	}
	if !isPrintable(s) {
		return "(unprintable name)"
	}
	return s
}
