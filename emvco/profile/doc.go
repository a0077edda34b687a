// Package profile holds the national QR profiles built on EMV MPM (EMV
// QRCPS Merchant-Presented Mode v1.1): how each scheme is recognised in a
// payload, the typed view of its fields, the rules it adds to or relaxes in
// the EMVCo ones, and helpers to generate its common codes. Each rule's
// finding cites the scheme's own published document in its Ref.
//
// A profile is selected by the content of a template's sub-ID 00 (its
// GUID), compared ignoring case, never by a tag number (SGQR assigns 26,
// 27, … in order); one payload may carry several. Forms that are not
// unique to a scheme worldwide count only in payloads of its country (58):
// QRIS is recognised by its national repository template (ID.CO.QRIS.WWW,
// or ID.OR.GPNQR.WWW of the first codes) anywhere, and by a domestic
// acquirer's ".WWW" reverse domain only when 58 is ID; Argentina's
// interoperable codes by the merchant's CUIT in 50.00 when 58 is AR. A
// profile may also recognise a payload as a whole ([Profile.Detect]): the
// VNPAY personal-wallet code, with its reserved 01 = 10 and a primitive
// "VNPayWallet", follows a layout of its own.
//
// The built-in profiles cover Brazil Pix (including dynamic URLs and Pix
// Automático in 80-99), Thailand PromptPay (credit transfer and bill
// payment), Singapore PayNow and SGQR, Malaysia DuitNow, Indonesia QRIS,
// Vietnam VietQR/NAPAS, Hong Kong FPS, Cambodia KHQR (Bakong), the
// Philippines' QR Ph, India's Bharat QR/UPI, Korea's EMVCo profile (GUID
// D4100000014010), Japan's JPQR, Argentina's interoperable QR (BCRA) and
// VNPAY's personal-wallet codes;
// [Registry.Schemes] also names the card networks of the primitive
// merchant account IDs 02-25.
//
// # Linting
//
// A [Registry] is an [emvco.Rule]: Default().Linter() runs the EMVCo core
// rules, then each profile found in the payload, which drops the core
// findings its scheme permits (PromptPay omits 52/59/60, DuitNow uses PFI
// 02, QR Ph puts a GUID in 62.00, KHQR keeps account IDs in 29/30.00,
// Argentina the CUIT in 50.00) and adds its own (a Pix key's form, a QRIS
// NMID, a CUIT's check digit, KHQR's field lengths, dynamic amount and
// expiration). The emvco core knows nothing of any profile.
//
// Rules that compare a date with the present (PayNow 26.04, KHQR 99.01)
// read [Registry.Now], the caller's clock; without one they do not run, so
// the same payload always lints the same.
//
// # Views and generation
//
// [PixOf], [PromptPayOf], [PayNowOf], [SGQROf], [DuitNowOf], [QRISOf],
// [VietQROf], [FPSOf], [KHQROf], [QRPhOf], [BharatOf], [KoreaOf] and
// [ArgentinaOf] give typed views; amounts are [fx.Amount] values from
// [emvco.Payload.Money], never floats. [PixStatic], [PromptPayMobile],
// [PromptPayNationalID], [PayNowMobile], [PayNowUEN] and [VietQRAccount]
// generate codes that parse and lint clean; [Registry.Dynamic] turns a
// static code dynamic in one call (amount, 01 = 12, the reference where
// the scheme expects it).
package profile
