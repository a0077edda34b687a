package wechat

// Mode is how a merchant is onboarded with WeChat Pay's cross-border
// service (https://pay.weixin.qq.com/wiki/doc/api/wxpay/ch/pages/ico-guide/chapter1_4.shtml):
// an institution (acquirer) acting for sub-merchants, or a merchant
// connected directly. The zero value is [Institutional], the only mode
// offered outside Hong Kong and Britain, Korea included.
type Mode uint8

const (
	// Institutional mode: API v3 sends sp_mchid + sp_appid + sub_mchid
	// (+ sub_appid); API v2 sends mch_id + appid of the institution,
	// sub_mch_id (required) and sub_appid.
	Institutional Mode = iota
	// Common (direct) mode: API v3 sends mchid + appid, API v2 mch_id +
	// appid; no sub-merchant fields.
	Common
)

// String names the mode.
func (m Mode) String() string {
	switch m {
	case Institutional:
		return "institutional"
	case Common:
		return "common"
	}
	return "unknown"
}

// Merchant identifies who a request is for. MchID and AppID are the
// institution's in [Institutional] mode (sp_mchid, sp_appid) and the
// merchant's own in [Common] mode (mchid, appid); SubMchID (required) and
// SubAppID (optional) exist only in institutional mode. The zero value is
// an institutional merchant with nothing set, which every request refuses
// with [ErrMissing]. A Merchant is a plain value, safe to copy and share.
type Merchant struct {
	Mode     Mode
	MchID    string
	AppID    string
	SubMchID string
	SubAppID string
}

// check reports the first field the mode requires and lacks, or forbids
// and has, or whose value is not an ID (1-32 letters, digits, '_' or '-').
// Names are the v3 ones unless v2.
func (m Merchant) check(v2 bool) error {
	n := m.names(v2)
	switch m.Mode {
	case Institutional:
		if m.SubMchID == "" {
			return paramErr(n[2], ErrMissing)
		}
	case Common:
		if m.SubMchID != "" {
			return paramErr(n[2], ErrMode)
		}
		if m.SubAppID != "" {
			return paramErr(n[3], ErrMode)
		}
	default:
		return paramErr("mode", ErrFormat)
	}
	for i, v := range [4]string{m.MchID, m.AppID, m.SubMchID, m.SubAppID} {
		if v == "" && i < 2 {
			return paramErr(n[i], ErrMissing)
		}
		if v != "" && !isID(v) {
			return paramErr(n[i], ErrFormat)
		}
	}
	return nil
}

// names returns the parameter names of MchID, AppID, SubMchID, SubAppID.
func (m Merchant) names(v2 bool) [4]string {
	switch {
	case v2:
		return [4]string{"mch_id", "appid", "sub_mch_id", "sub_appid"}
	case m.Mode == Common:
		return [4]string{"mchid", "appid", "sub_mchid", "sub_appid"}
	}
	return [4]string{"sp_mchid", "sp_appid", "sub_mchid", "sub_appid"}
}

// isID reports 1-32 bytes of letters, digits, '_' and '-': WeChat's
// merchant numbers, APPIDs and certificate serials, and nothing that could
// break out of a header's quotes or an XML element.
func isID(s string) bool { return isToken(s) && len(s) <= 32 }
