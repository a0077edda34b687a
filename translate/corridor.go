package translate

import (
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// corridor returns the first rule serving the request's payer and the
// intent's merchant reached through merchantScheme.
func (t *Translator) corridor(req *Request, in *Intent, merchantScheme string) (Corridor, bool) {
	rules := t.Corridors
	if rules == nil {
		rules = defaultCorridors
	}
	for i := range rules {
		c := &rules[i]
		if c.PayerCurrency == req.PayerCurrency && c.MerchantCurrency == in.Currency &&
			matches(c.PayerScheme, req.PayerScheme) && matches(c.MerchantScheme, merchantScheme) &&
			matches(c.MerchantCountry, in.Merchant.Country) {
			return *c, true
		}
	}
	return Corridor{}, false
}

// matches reports whether a rule's field (empty: any) admits v.
func matches(rule, v string) bool { return rule == "" || rule == v }

// Time zones of the corridors' days. None of these countries keeps
// daylight saving time, so fixed zones are exact and need no tz database.
var (
	zoneKorea     = time.FixedZone("KST", 9*3600)
	zoneChina     = time.FixedZone("CST", 8*3600)
	zoneHongKong  = time.FixedZone("HKT", 8*3600)
	zoneSingapore = time.FixedZone("SGT", 8*3600)
	zoneThailand  = time.FixedZone("ICT", 7*3600)
)

// Sources of the corridor facts.
const (
	srcZeroPayWeChat = "WeChat Pay at Zero Pay merchants since 28 Nov 2020, amount entered in KRW: " +
		"http://news.kmib.co.kr/article/view.asp?arcid=0015255551; https://m.etnews.com/20201125000063"
	srcWeChatNational = "WeChat Pay scans national QR networks in KR, LK, TH, MY, SG (Xinhua, Apr 2026): " +
		"https://www.infocushongkong.com/breaking-news/wechat-pay-integrates-with-local-qr-networks-in-5-asian-countries"
	srcKoreaOutbound = "Korean wallets pay abroad through Alipay+ and UnionPay links: https://news1.kr/amp/it-science/general-it/5609628; " +
		"Thailand's QR links: https://www.bot.or.th/en/financial-innovation/digital-finance/digital-payment/cross-border-payment.html"
	srcFPSPromptPay = "HK FPS x PromptPay QR payments from 4 Dec 2023, HK$10,000 a day: " +
		"https://www.nationthailand.com/pr-news/thailand/economy/40033399"
	srcPayNowPromptPay = "PayNow-PromptPay linkage (2021), person to person by mobile number, S$1,000 / THB 25,000 a day: " +
		"https://pymnts.com/?p=1065641"
	srcMerchantFixed = "merchant payments fix the amount received: BIS Nexus https://docs.bis.org/nexus/payment-setup/steps-3-6-exchange-rates; " +
		"Mojaloop FSPIOP quotes, amountType RECEIVE"
)

// defaultCorridors is DefaultCorridors' table; never modified.
var defaultCorridors = DefaultCorridors()

// DefaultCorridors returns the built-in corridor rules, freshly allocated
// so the caller may change its copy, in the order they are tried.
//
// Caps are the published ones: HK FPS to PromptPay HK$10,000 a day; PayNow
// to PromptPay S$1,000 and PromptPay to PayNow ฿25,000 a day (both links
// are person to person, so they fix the amount sent). Every other rule is
// a merchant payment that fixes the amount the merchant receives, with no
// public cap: a deployment sets its own. Each rule's Source cites its
// facts.
func DefaultCorridors() []Corridor {
	cny, hkd, sgd, thb := fx.MustCurrency("CNY"), fx.MustCurrency("HKD"), fx.MustCurrency("SGD"), fx.MustCurrency("THB")
	out := []Corridor{
		{ID: "CN-KR:wechat>zeropay", PayerScheme: "wechat", PayerCountry: "CN", PayerCurrency: cny,
			MerchantScheme: "zeropay", MerchantCountry: "KR", MerchantCurrency: krw,
			Location: zoneChina, Fixed: fx.FixedDestination, Source: srcZeroPayWeChat + "; " + srcMerchantFixed},
		{ID: "HK-TH:fps>promptpay", PayerScheme: "fps", PayerCountry: "HK", PayerCurrency: hkd,
			MerchantScheme: "promptpay", MerchantCountry: "TH", MerchantCurrency: thb,
			DailyCap: fx.FromMinor(10_000_00, hkd), Location: zoneHongKong, Fixed: fx.FixedDestination, Source: srcFPSPromptPay},
		{ID: "SG-TH:paynow>promptpay", PayerScheme: "paynow", PayerCountry: "SG", PayerCurrency: sgd,
			MerchantScheme: "promptpay", MerchantCountry: "TH", MerchantCurrency: thb,
			DailyCap: fx.FromMinor(1_000_00, sgd), Location: zoneSingapore, Fixed: fx.FixedSource, Source: srcPayNowPromptPay},
		{ID: "TH-SG:promptpay>paynow", PayerScheme: "promptpay", PayerCountry: "TH", PayerCurrency: thb,
			MerchantScheme: "paynow", MerchantCountry: "SG", MerchantCurrency: sgd,
			DailyCap: fx.FromMinor(25_000_00, thb), Location: zoneThailand, Fixed: fx.FixedSource, Source: srcPayNowPromptPay},
	}
	// Merchant payments from Korean and Chinese wallets at the national QR
	// networks of the region, and Korean wallets at Chinese merchants.
	type market struct {
		country, currency string
		schemes           []string
	}
	markets := []market{
		{"TH", "THB", []string{"promptpay"}},
		{"MY", "MYR", []string{"duitnow"}},
		{"SG", "SGD", []string{"paynow", "sgqr"}},
		{"VN", "VND", []string{"vietqr"}},
		{"ID", "IDR", []string{"qris"}},
		{"HK", "HKD", []string{"fps"}},
		{"CN", "CNY", []string{""}},
		{"KR", "KRW", []string{"korea"}},
	}
	for _, payer := range []struct {
		country string
		cur     fx.Currency
		zone    *time.Location
		src     string
	}{{"KR", krw, zoneKorea, srcKoreaOutbound}, {"CN", cny, zoneChina, srcWeChatNational}} {
		for _, m := range markets {
			if m.country == payer.country {
				continue
			}
			for _, s := range m.schemes {
				id := payer.country + "-" + m.country
				if s != "" {
					id += ":" + s
				}
				out = append(out, Corridor{
					ID: id, PayerCountry: payer.country, PayerCurrency: payer.cur,
					MerchantScheme: s, MerchantCountry: m.country, MerchantCurrency: fx.MustCurrency(m.currency),
					Location: payer.zone, Fixed: fx.FixedDestination, Source: payer.src + "; " + srcMerchantFixed,
				})
			}
		}
	}
	return out
}
