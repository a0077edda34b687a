package translate

// Action says what a translation did with one source field.
type Action uint8

// The actions.
const (
	// Mapped: the field's value reached a target field.
	Mapped Action = iota + 1
	// Defaulted: the target field was filled from elsewhere (the
	// directory, the request, a rule) because the source lacks it.
	Defaulted
	// Dropped: the field reached no target; Reason says why.
	Dropped
)

// String returns "mapped", "defaulted" or "dropped".
func (a Action) String() string {
	switch a {
	case Mapped:
		return "mapped"
	case Defaulted:
		return "defaulted"
	case Dropped:
		return "dropped"
	}
	return "unknown"
}

// MarshalText encodes the action as its String.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Reason is a stable, matchable code saying why a field was mapped,
// defaulted or dropped. Tests and JSON use these identifiers.
type Reason string

// Reasons.
const (
	ReasonCopied          Reason = "copied"           // value carried over as it is
	ReasonConverted       Reason = "converted"        // value carried over in another form (numeric currency to alpha, decimal to minor units)
	ReasonLocalLanguage   Reason = "local-language"   // 64's local-language name or city kept beside 59/60
	ReasonAccount         Reason = "account"          // the merchant account the payment is routed to
	ReasonOtherNetwork    Reason = "other-network"    // a merchant account of a network this payment does not use
	ReasonTipFixed        Reason = "tip-fixed"        // a tip prompt turned into the fixed tip of the request
	ReasonFee             Reason = "fee"              // a fixed or percentage convenience fee added to the amount
	ReasonNoTargetField   Reason = "no-target-field"  // the target scheme has no field for it
	ReasonEnvelope        Reason = "envelope"         // framing of the source format (00, the CRC), checked, not carried
	ReasonPresentment     Reason = "presentment"      // 01 became the intent's static or dynamic presentment
	ReasonDirectory       Reason = "directory"        // filled from the merchant directory
	ReasonIndustryMCC     Reason = "industry-mcc"     // MCC mapped from a Korean industry code
	ReasonImplied         Reason = "implied"          // a value the scheme implies (Zero Pay is KRW, KR)
	ReasonPayerEntered    Reason = "payer-entered"    // the amount of a static code, from the request
	ReasonResolver        Reason = "resolver"         // filled by the Resolver from an opaque code
	ReasonMasked          Reason = "masked"           // a payment token or card data, kept masked
	ReasonUnknownObject   Reason = "unknown-object"   // an RFU, unreserved or unknown object
	ReasonNotSupported    Reason = "not-supported"    // a request the translation cannot honour (62.09 customer data)
	ReasonCheckCharacters Reason = "check-characters" // Zero Pay check characters, verified or not, not carried
)

// Mapping is one entry of a [Report]: the source path ("59", "64.01",
// "62.05", or a Zero Pay field such as "merchant_id"), the target field
// ("zeropay.Result.MerchantID", "wechat.body"; "" when dropped), what
// happened and why.
type Mapping struct {
	Source string `json:"source"`
	Target string `json:"target,omitempty"`
	Action Action `json:"action"`
	Reason Reason `json:"reason"`
}

// Report lists what a translation did with every object of the source
// code, in source order, followed by the fields it defaulted. Lossiness is
// explicit: a source object that reached no target appears as [Dropped]
// with its reason.
type Report struct {
	Entries []Mapping `json:"entries"`
}

// Find returns the first entry for the source path, and whether there is
// one.
func (r Report) Find(source string) (Mapping, bool) {
	for _, m := range r.Entries {
		if m.Source == source {
			return m, true
		}
	}
	return Mapping{}, false
}

func (r *Report) add(source, target string, a Action, why Reason) {
	r.Entries = append(r.Entries, Mapping{Source: source, Target: target, Action: a, Reason: why})
}
