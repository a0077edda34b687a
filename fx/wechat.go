package fx

import (
	"encoding/xml"
	"io"
	"time"
)

// weChatRateResponse is the v2 queryexchagerate response (sic, WeChat's
// spelling of the endpoint): rate is foreign→CNY × 10^8, rate_time
// yyyyMMdd in GMT+8.
type weChatRateResponse struct {
	ReturnCode string `xml:"return_code"`
	ResultCode string `xml:"result_code"`
	FeeType    string `xml:"fee_type"`
	RateTime   string `xml:"rate_time"`
	Rate       string `xml:"rate"`
}

// chinaTime is GMT+8, the zone of WeChat Pay's rate_time.
var chinaTime = time.FixedZone("GMT+8", 8*60*60)

// ParseWeChatRateResponse reads the XML answer of WeChat Pay's v2
// exchange-rate query and returns the rate from the foreign currency
// (fee_type) to CNY, as of rate_time. The rate is WeChat's daily reference
// (updated 10:00 GMT+8); the rate applied to a transaction prevails.
// Verifying the response's signature is the wechat package's job.
func ParseWeChatRateResponse(r io.Reader) (Rate, error) {
	var resp weChatRateResponse
	if err := xml.NewDecoder(io.LimitReader(r, 64<<10)).Decode(&resp); err != nil {
		return Rate{}, &syntaxError{what: "wechat rate response is not xml"}
	}
	if resp.ReturnCode != "SUCCESS" || resp.ResultCode != "SUCCESS" {
		return Rate{}, joinUnavailable(&syntaxError{what: "wechat rate query did not succeed"})
	}
	foreign, err := LookupCurrency(resp.FeeType)
	if err != nil {
		return Rate{}, err
	}
	rate, err := ParseWeChatRate(resp.Rate, foreign, MustCurrency("CNY"))
	if err != nil {
		return Rate{}, err
	}
	if rate.AsOf, err = time.ParseInLocation("20060102", resp.RateTime, chinaTime); err != nil {
		return Rate{}, &syntaxError{what: "wechat rate_time is not yyyyMMdd"}
	}
	return rate, nil
}
