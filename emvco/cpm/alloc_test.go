package cpm

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAllocationBudget: parsing either Annex B example takes one
// allocation (the payload), and the parse must succeed for the count to
// mean anything.
func TestAllocationBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, s := range []string{annexB1, annexB2} {
		var err error
		n := testing.AllocsPerRun(200, func() { _, err = Parse(s) })
		require.NoError(t, err)
		assert.LessOrEqual(t, n, 1.0, "%s: %v allocations", s[:12], n)
		c, _ := Parse(s)
		aid := unhex("A000000055")
		var pan PAN
		n = testing.AllocsPerRun(200, func() {
			d, _ := c.Select(aid)
			pan, _ = d.PAN()
		})
		assert.Equal(t, "3458", pan.Last4(), "the selection worked")
		assert.Zero(t, n, "selection allocates nothing")
	}
}

// TestPayloadSize holds the parsed payload to 512 bytes: larger objects
// cost the allocator a type header and the collector more work (see
// inlineObjects and smallData).
func TestPayloadSize(t *testing.T) {
	assert.LessOrEqual(t, reflect.TypeFor[payload]().Size(), uintptr(512))
	assert.Equal(t, reflect.TypeFor[uintptr]().Size(), reflect.TypeFor[CPM]().Size(), "a CPM is one pointer")
}
