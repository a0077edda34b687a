// Package profile holds the national QR profiles built on EMV MPM: how
// each scheme is recognised in a payload, the typed view of its fields, the
// rules it adds to or relaxes in the EMVCo ones, and helpers to generate
// its common codes. Facts and sources: research notes, emvco-spec.md §3-§6.
//
// A profile is selected by the GUID in the payload, compared ignoring
// case, never by a tag number (SGQR assigns 26, 27, … in order); one
// payload may carry several. The built-in profiles cover Brazil Pix
// (including dynamic URLs and Pix Automático in 80-99), Thailand
// PromptPay (credit transfer and bill payment), Singapore PayNow and SGQR,
// Malaysia DuitNow, Indonesia QRIS (domestic acquirers and the national
// repository), Vietnam VietQR/NAPAS, Hong Kong FPS, Cambodia KHQR, the
// Philippines' QR Ph, India's Bharat QR/UPI, Korea's EMVCo profile (GUID
// D4100000014010) and Japan's JPQR; [Registry.Schemes] also names the card
// networks of the primitive merchant account IDs 02-25.
//
// # Linting
//
// A [Registry] is an [emvco.Rule]: Default().Linter() runs the EMVCo core
// rules, then each profile found in the payload, which drops the core
// findings its scheme permits (PromptPay omits 52/59/60, DuitNow uses PFI
// 02, QR Ph puts a GUID in 62.00, KHQR keeps account IDs in 29/30.00) and
// adds its own (a Pix key's form, a PayNow code past its expiry, a QRIS
// NMID). The emvco core knows nothing of any profile.
//
// # Views and generation
//
// [PixOf], [PromptPayOf], [PayNowOf], [SGQROf], [DuitNowOf], [QRISOf],
// [VietQROf], [FPSOf], [KHQROf], [QRPhOf], [BharatOf] and [KoreaOf] give
// typed views. [PixStatic], [PromptPayMobile], [PromptPayNationalID],
// [PayNowMobile], [PayNowUEN] and [VietQRAccount] generate codes that
// parse and lint clean; [Registry.Dynamic] turns a static code dynamic in
// one call (amount, 01 = 12, the reference where the scheme expects it).
package profile
