package zeropay

// IndustryMapper maps a Korean industry code (업종코드) from the merchant
// master data to an ISO 18245 merchant category code. ok is false for a
// code it does not know: callers must not guess.
type IndustryMapper interface {
	MCC(industryCode string) (mcc string, ok bool)
}

// IndustryTable is an [IndustryMapper] backed by a map from industry code
// to MCC. The zero value maps nothing.
type IndustryTable map[string]string

// MCC implements [IndustryMapper].
func (t IndustryTable) MCC(code string) (string, bool) {
	mcc, ok := t[code]
	return mcc, ok
}

// StarterIndustries returns a small mapping for the merchants foreign
// tourists visit most, as a fresh table the caller may extend.
//
// The keys are five-digit subclasses of the Korean Standard Industrial
// Classification (KSIC, 10th revision, Statistics Korea). Zero Pay's own
// 업종코드 list is not public and has not been confirmed to be KSIC:
// check the codes against the master files before relying on this table.
// Every MCC is in ISO 18245 (checked by the tests against the published
// table). A code not listed maps to nothing.
func StarterIndustries() IndustryTable {
	return IndustryTable{
		"56111": "5812", // 한식 일반 음식점업 — Korean restaurants
		"56121": "5812", // 중식 음식점업 — Chinese restaurants
		"56122": "5812", // 일식 음식점업 — Japanese restaurants
		"56123": "5812", // 서양식 음식점업 — Western restaurants
		"56191": "5462", // 제과점업 — bakeries
		"56192": "5814", // 피자, 햄버거, 샌드위치 및 유사 음식점업 — fast food
		"56211": "5813", // 일반 유흥 주점업 — bars
		"56221": "5814", // 커피 전문점 — coffee shops
		"55101": "7011", // 호텔업 — hotels
		"47121": "5411", // 슈퍼마켓 — supermarkets
		"47122": "5499", // 체인화 편의점 — convenience stores
		"47811": "5912", // 의약품 및 의료용품 소매업 — pharmacies
		"47813": "5977", // 화장품, 비누 및 방향제 소매업 — cosmetics
	}
}
