package qr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitAndMerge(t *testing.T) {
	classes := func(text string) []int {
		runs := merge(merge(splitRuns(text), classNumeric, 7), classAlnum, 11)
		var out []int
		for _, r := range runs {
			out = append(out, r.class)
		}
		return out
	}
	assert.Equal(t, []int{classAlnum, classNumeric, classAlnum}, classes("1-ZP-202012AB0123-T000000000000001--X9-Z"))
	assert.Equal(t, []int{classNumeric}, classes("800088744930123456789017"))
	assert.Equal(t, []int{classByte}, classes("weixin://wxpay/bizpayurl?pr=9xFPmlUzz"), "short runs join the byte text")
	assert.Equal(t, []int{classAlnum}, classes("AB12CD"), "a lone short run keeps its class")
	assert.Equal(t, []int{classByte, classNumeric}, classes("pay:1234567890"))
}
