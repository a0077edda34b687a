package wechat

import "errors"

// Sentinel errors; every error of this package wraps one of them.
var (
	// ErrKind reports text that is not a WeChat Pay code.
	ErrKind = errors.New("wechat: not a wechat pay code")
	// ErrSyntax reports text that does not parse (URL, XML, JSON).
	ErrSyntax = errors.New("wechat: syntax error")
	// ErrFormat reports a parameter whose value breaks its format.
	ErrFormat = errors.New("wechat: invalid format")
	// ErrMissing reports a required parameter that is absent.
	ErrMissing = errors.New("wechat: missing parameter")
	// ErrSignature reports a signature that does not verify.
	ErrSignature = errors.New("wechat: signature does not verify")
	// ErrTimestamp reports a signed message whose timestamp is too far
	// from now.
	ErrTimestamp = errors.New("wechat: timestamp out of range")
	// ErrReplay reports a nonce that was already seen.
	ErrReplay = errors.New("wechat: nonce replayed")
	// ErrDecrypt reports a resource that does not decrypt.
	ErrDecrypt = errors.New("wechat: decryption failed")
	// ErrResult reports a response whose return_code or result_code is not
	// SUCCESS.
	ErrResult = errors.New("wechat: request did not succeed")
)

// ParamError names the parameter at fault. Its message never contains the
// parameter's value, nor any key or secret.
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
