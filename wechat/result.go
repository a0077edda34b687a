package wechat

import "errors"

// resultCode is the sentinel of one of WeChat Pay's documented result
// codes; [*ResultError] matches it with errors.Is.
type resultCode struct{ code, msg string }

func (c *resultCode) Error() string { return "wechat: " + c.code + ": " + c.msg }

// Result-code sentinels: a failed response is a [*ResultError] that
// matches [ErrResult] and the sentinel of its code. The codes are those of
// the cross-border API pages (v2 err_code and v3 error code): Submit Quick
// Pay https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/QuickPay/chapter3_3.shtml,
// Query Order, Revoke, Close, Refund and Query Refund beside it, and the v3
// global pages https://pay.weixin.qq.com/wiki/doc/api_external/en/apis/chapter3_1_1.shtml.
var (
	// ErrUserPaying (USERPAYING): the payer is entering the password.
	// The order is not settled: query it until it is (see [QuickPayRule]).
	ErrUserPaying error = &resultCode{"USERPAYING", "payer is entering the password"}
	// ErrSystemError (SYSTEMERROR, SYSTEM_ERROR): WeChat Pay's own error;
	// the outcome is unknown: query the order, do not charge again.
	ErrSystemError error = &resultCode{"SYSTEMERROR", "wechat pay system error, outcome unknown"}
	// ErrBankError (BANKERROR): the bank's error; outcome unknown, query.
	ErrBankError error = &resultCode{"BANKERROR", "bank system error, outcome unknown"}
	// ErrNotEnough (NOT_ENOUGH): a refund cannot be paid because the day's
	// funds (the merchant's unsettled CNY) are short. Retry later with the
	// same out_refund_no.
	ErrNotEnough error = &resultCode{"NOT_ENOUGH", "merchant funds short for the refund"}
	// ErrPayerBalance (NOTENOUGH): the payer's balance is short.
	ErrPayerBalance error = &resultCode{"NOTENOUGH", "payer balance insufficient"}
	// ErrOrderPaid (ORDERPAID): the order is already paid.
	ErrOrderPaid error = &resultCode{"ORDERPAID", "order already paid"}
	// ErrOrderClosed (ORDERCLOSED, ORDER_CLOSED): the order is closed.
	ErrOrderClosed error = &resultCode{"ORDERCLOSED", "order closed"}
	// ErrOrderReversed (ORDERREVERSED): the order was reversed.
	ErrOrderReversed error = &resultCode{"ORDERREVERSED", "order reversed"}
	// ErrOrderNotExist (ORDERNOTEXIST, ORDER_NOT_EXIST, RESOURCE_NOT_EXISTS).
	ErrOrderNotExist error = &resultCode{"ORDERNOTEXIST", "order does not exist"}
	// ErrAuthCodeExpired (AUTHCODEEXPIRE): the payment code expired; ask
	// the payer to refresh it.
	ErrAuthCodeExpired error = &resultCode{"AUTHCODEEXPIRE", "payment code expired"}
	// ErrAuthCodeInvalid (AUTH_CODE_INVALID, AUTH_CODE_ERROR).
	ErrAuthCodeInvalid error = &resultCode{"AUTH_CODE_INVALID", "payment code invalid"}
	// ErrReverseExpired (REVERSE_EXPIRE): too late to reverse; refund.
	ErrReverseExpired error = &resultCode{"REVERSE_EXPIRE", "too late to reverse"}
	// ErrTradeState (TRADE_STATE_ERROR, TRADE_ERROR): the order's state
	// does not allow the call.
	ErrTradeState error = &resultCode{"TRADE_ERROR", "order state does not allow this"}
	// ErrNotPaid (trade_state NOTPAY): the order exists and is not paid.
	ErrNotPaid error = &resultCode{"NOTPAY", "order not paid"}
	// ErrPayError (trade_state PAYERROR): the payment failed; final.
	ErrPayError error = &resultCode{"PAYERROR", "payment failed"}
	// ErrFrequencyLimited (FREQUENCY_LIMITED, FREQUENCY_LIMIT_EXCEED).
	ErrFrequencyLimited error = &resultCode{"FREQUENCY_LIMITED", "too many requests"}
	// ErrInvalidRequest covers the request errors: PARAM_ERROR,
	// INVALID_REQUEST, LACK_PARAMS, XML_FORMAT_ERROR, NOT_UTF8,
	// REQUIRE_POST_METHOD, OUT_TRADE_NO_USED, INVALID_TRANSACTIONID,
	// BUYER_MISMATCH, NOTSUPORTCARD.
	ErrInvalidRequest error = &resultCode{"INVALID_REQUEST", "request refused"}
	// ErrNoAuth covers NOAUTH, APPID_NOT_EXIST, MCHID_NOT_EXIST,
	// APPID_MCHID_NOT_MATCH, SIGNERROR, SIGN_ERROR and
	// USER_ACCOUNT_ABNORMAL: the merchant's setup or credentials.
	ErrNoAuth error = &resultCode{"NOAUTH", "merchant not authorised"}
)

// resultCodes maps each documented code (both spellings where v2 and v3
// differ) to its sentinel.
var resultCodes = map[string]error{
	"USERPAYING": ErrUserPaying, "SYSTEMERROR": ErrSystemError, "SYSTEM_ERROR": ErrSystemError,
	"BANKERROR": ErrBankError, "BANK_ERROR": ErrBankError, "NOT_ENOUGH": ErrNotEnough,
	"NOTENOUGH": ErrPayerBalance, "ORDERPAID": ErrOrderPaid, "ORDER_PAID": ErrOrderPaid,
	"ORDERCLOSED": ErrOrderClosed, "ORDER_CLOSED": ErrOrderClosed, "ORDERREVERSED": ErrOrderReversed,
	"ORDERNOTEXIST": ErrOrderNotExist, "ORDER_NOT_EXIST": ErrOrderNotExist, "RESOURCE_NOT_EXISTS": ErrOrderNotExist,
	"REFUNDNOTEXIST": ErrOrderNotExist, "AUTHCODEEXPIRE": ErrAuthCodeExpired,
	"AUTH_CODE_INVALID": ErrAuthCodeInvalid, "AUTH_CODE_ERROR": ErrAuthCodeInvalid,
	"REVERSE_EXPIRE": ErrReverseExpired, "TRADE_ERROR": ErrTradeState, "TRADE_STATE_ERROR": ErrTradeState,
	"FREQUENCY_LIMITED": ErrFrequencyLimited, "FREQUENCY_LIMIT_EXCEED": ErrFrequencyLimited,
	"PARAM_ERROR": ErrInvalidRequest, "INVALID_REQUEST": ErrInvalidRequest, "LACK_PARAMS": ErrInvalidRequest,
	"XML_FORMAT_ERROR": ErrInvalidRequest, "NOT_UTF8": ErrInvalidRequest, "REQUIRE_POST_METHOD": ErrInvalidRequest,
	"OUT_TRADE_NO_USED": ErrInvalidRequest, "INVALID_TRANSACTIONID": ErrInvalidRequest,
	"BUYER_MISMATCH": ErrInvalidRequest, "NOTSUPORTCARD": ErrInvalidRequest,
	"NOAUTH": ErrNoAuth, "APPID_NOT_EXIST": ErrNoAuth, "MCHID_NOT_EXIST": ErrNoAuth,
	"APPID_MCHID_NOT_MATCH": ErrNoAuth, "SIGNERROR": ErrNoAuth, "SIGN_ERROR": ErrNoAuth,
	"USER_ACCOUNT_ABNORMAL": ErrNoAuth, "NOTPAY": ErrNotPaid, "PAYERROR": ErrPayError,
	"CLOSED": ErrOrderClosed, "REVOKED": ErrOrderReversed,
}

// QuickPayRule is WeChat Pay's rule for a Quick Pay whose answer is not
// final (Submit Quick Pay, tips 1 and 2,
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/QuickPay/chapter3_3.shtml):
// on [ErrUserPaying], [ErrSystemError] or [ErrBankError] (or no answer at
// all) do not charge again; query the order (the first query 5 s after a
// system error, then about every 10 s) until it is SUCCESS or a final
// failure, for up to QuickPayQueryFor (30 s); an order still unsettled
// then is reversed (no sooner than 15 s after it was created), and a
// reverse that fails is retried.
const QuickPayRule = "query until settled, up to 30 s, then reverse"

// Quick Pay timings of [QuickPayRule], in seconds.
const (
	QuickPayFirstQuery   = 5  // seconds after a system error before the first query
	QuickPayQueryEvery   = 10 // seconds between queries
	QuickPayQueryFor     = 30 // seconds of querying before reversing
	QuickPayReverseAfter = 15 // seconds after creation before a reverse is allowed
)

// ResultError is a response whose return_code or result_code is not
// SUCCESS (v2), or an API v3 error answer. It matches [ErrResult] and the
// sentinel of its code ([ErrUserPaying], [ErrNotEnough] …) with errors.Is.
//
// Params holds the v2 response's parameters, kept on failure so that a
// caller can read out_trade_no or trade_state from them. They are
// verified when Verified is true; a FAIL answer without a sign (WeChat
// sends none when return_code is FAIL) is not. Message is WeChat's own
// text (err_code_des, return_msg or the v3 message), never a key.
type ResultError struct {
	Code       string
	Message    string
	HTTPStatus int // API v3 only
	Params     map[string]string
	Verified   bool
}

func (e *ResultError) Error() string {
	code := e.Code
	if code == "" {
		code = "FAIL"
	}
	return "wechat: request did not succeed: " + cutName(code)
}

// Unwrap returns [ErrResult] and the code's sentinel, if it has one.
func (e *ResultError) Unwrap() []error {
	if s, ok := resultCodes[e.Code]; ok {
		return []error{ErrResult, s}
	}
	return []error{ErrResult}
}

// Uncertain reports whether the outcome is unknown and the order must be
// queried before anything else is done ([QuickPayRule]): USERPAYING,
// SYSTEMERROR, BANKERROR.
func (e *ResultError) Uncertain() bool { return IsUncertain(e) }

// IsUncertain reports whether err leaves a payment's outcome unknown:
// one of [ErrUserPaying], [ErrSystemError], [ErrBankError] or
// [ErrTransport] (no answer at all).
func IsUncertain(err error) bool {
	return errors.Is(err, ErrUserPaying) || errors.Is(err, ErrSystemError) || errors.Is(err, ErrBankError) ||
		errors.Is(err, ErrTransport)
}
