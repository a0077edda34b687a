package translate

// The intent fields a report entry points at before the legs are built;
// leg builders claim them (see [LegBuilder]), and an entry whose field no
// leg claims becomes [Dropped] with [ReasonNoTargetField].
const (
	FieldAccount       = "merchant.account"
	FieldName          = "merchant.name"
	FieldLocalLanguage = "merchant.local_language"
	FieldLocalName     = "merchant.local_name"
	FieldLocalCity     = "merchant.local_city"
	FieldCity          = "merchant.city"
	FieldCountry       = "merchant.country"
	FieldMCC           = "merchant.mcc"
	FieldPostalCode    = "merchant.postal_code"
	FieldStore         = "merchant.store"
	FieldTerminal      = "merchant.terminal"
	FieldAmount        = "amount"
	FieldCurrency      = "currency"
	FieldTip           = "tip"
	FieldPresentment   = "presentment"
	FieldBill          = "references.bill"
	FieldReference     = "references.reference"
	FieldPurpose       = "references.purpose"
	FieldCustomer      = "references.customer"
	FieldLoyalty       = "references.loyalty"
	FieldMobile        = "references.mobile"
	FieldCustomerData  = "references.customer_data"
	FieldTaxID         = "references.merchant_tax_id"
	FieldChannel       = "references.channel"
	FieldExpires       = "expires"
	FieldToken         = "token"
)
