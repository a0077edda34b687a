package main

import (
	"errors"
	"strconv"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/qr"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// errorInfo is an error as JSON output carries it. Code is a stable
// identifier of the error's class ("emvco/crc"), matched from the library's
// sentinel with errors.Is, never from its text; Path is the tag path or
// field name at fault and Offset the byte offset into the input, when the
// library's typed error gives them.
type errorInfo struct {
	Code    string `json:"code"`
	Path    string `json:"path,omitempty"`
	Offset  *int   `json:"offset,omitempty"`
	Message string `json:"message"`
}

// errTooLong reports a payload or batch line over maxPayload bytes.
var errTooLong = errors.New("payload over " + strconv.Itoa(maxPayload) + " bytes")

// errorCodes maps each sentinel the command can meet to its code, in the
// order errors.Is tries them: the first that matches names the error.
var errorCodes = []struct {
	err  error
	code string
}{
	{errEmpty, "qrbridge/empty"},
	{errTooLong, "qrbridge/too-long"},
	{errUnknownKind, "qrbridge/unknown-kind"},
	{errEncodeKind, "qrbridge/not-encodable"},
	// A translation's own refusals name the class before their cause;
	// an unreadable code (ErrInvalidCode) is named by its scheme's error.
	{translate.ErrExpiredCode, "translate/expired-code"},
	{translate.ErrMerchantUnavailable, "translate/merchant-unavailable"},
	{translate.ErrAmountRequired, "translate/amount-required"},
	{translate.ErrAmountMismatch, "translate/amount-mismatch"},
	{translate.ErrInvalidAmount, "translate/invalid-amount"},
	{translate.ErrTipNotAllowed, "translate/tip-not-allowed"},
	{translate.ErrOverCap, "translate/over-cap"},
	{translate.ErrUnsupportedCorridor, "translate/unsupported-corridor"},
	{translate.ErrUnsupportedCurrency, "translate/unsupported-currency"},
	{translate.ErrUnsupportedScheme, "translate/unsupported-scheme"},
	{translate.ErrNotConfigured, "translate/not-configured"},
	{translate.ErrQuote, "translate/quote"},
	{emvco.ErrSyntax, "emvco/syntax"},
	{emvco.ErrLength, "emvco/length"},
	{emvco.ErrCRC, "emvco/crc"},
	{emvco.ErrDuplicate, "emvco/duplicate"},
	{emvco.ErrFormat, "emvco/format"},
	{emvco.ErrTrailingData, "emvco/trailing-data"},
	{emvco.ErrMissing, "emvco/missing"},
	{zeropay.ErrKind, "zeropay/kind"},
	{zeropay.ErrSyntax, "zeropay/syntax"},
	{zeropay.ErrLength, "zeropay/length"},
	{zeropay.ErrFormat, "zeropay/format"},
	{zeropay.ErrCheck, "zeropay/check"},
	{zeropay.ErrNotFound, "zeropay/not-found"},
	{zeropay.ErrInactive, "zeropay/inactive"},
	{wechat.ErrKind, "wechat/kind"},
	{wechat.ErrSyntax, "wechat/syntax"},
	{wechat.ErrFormat, "wechat/format"},
	{wechat.ErrMissing, "wechat/missing"},
	{qr.ErrTooLong, "qr/too-long"},
	{qr.ErrOptions, "qr/options"},
	{qr.ErrLogoTooLarge, "qr/logo-too-large"},
	{qr.ErrNotFound, "qr/not-found"},
	{qr.ErrUnreadable, "qr/unreadable"},
	{qr.ErrImageTooLarge, "qr/image-too-large"},
	{qr.ErrFormat, "qr/format"},
	{translate.ErrUnknownCode, "translate/unknown-code"},
	{translate.ErrInvalidCode, "translate/invalid-code"},
}

// info returns err's code, path, offset and message.
func info(err error) *errorInfo {
	ei := &errorInfo{Code: "error", Message: err.Error()}
	for _, c := range errorCodes {
		if errors.Is(err, c.err) {
			ei.Code = c.code
			break
		}
	}
	var pe *emvco.ParseError
	var be *emvco.BuildError
	var fe *zeropay.FieldError
	var we *wechat.ParamError
	var te *translate.Error
	if errors.As(err, &te) && !errors.Is(te.Err, translate.ErrInvalidCode) && !errors.Is(te.Err, translate.ErrUnknownCode) {
		ei.Path = te.Field // a translation's refusal: the request or intent field at fault
		return ei
	}
	switch {
	case errors.As(err, &pe):
		ei.Path, ei.Offset = pe.Path, &pe.Offset
	case errors.As(err, &be):
		ei.Path = be.Path
	case errors.As(err, &fe):
		ei.Path = fe.Field
		if fe.Offset >= 0 {
			ei.Offset = &fe.Offset
		}
	case errors.As(err, &we):
		ei.Path = we.Param
	case te != nil:
		ei.Path = te.Field
	}
	return ei
}

// describe returns err's message followed by its code, path and offset,
// for standard error.
func describe(err error) string {
	ei := info(err)
	s := ei.Message + " [" + ei.Code
	if ei.Path != "" {
		s += " path=" + ei.Path
	}
	if ei.Offset != nil {
		s += " offset=" + strconv.Itoa(*ei.Offset)
	}
	return s + "]"
}
