package qr

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRobustness is the robustness table as a test: each condition must
// decode all 20 payloads byte for byte. Images start at 6 px/module with a
// 4-module quiet zone.
func TestRobustness(t *testing.T) {
	if testing.Short() {
		t.Skip("about 260 decodes")
	}
	set := robustnessSet(t)
	conditions := []struct {
		name string
		make func(t *testing.T, p string, i int) image.Image
	}{
		{"rotate 90", func(t *testing.T, p string, _ int) image.Image { return rotate(render(t, p, Options{}, 6), 90) }},
		{"rotate 180", func(t *testing.T, p string, _ int) image.Image { return rotate(render(t, p, Options{}, 6), 180) }},
		{"rotate 270", func(t *testing.T, p string, _ int) image.Image { return rotate(render(t, p, Options{}, 6), 270) }},
		{"rotate 15", func(t *testing.T, p string, _ int) image.Image { return rotate(render(t, p, Options{}, 6), 15) }},
		{"rotate 30", func(t *testing.T, p string, _ int) image.Image { return rotate(render(t, p, Options{}, 6), 30) }},
		{"rotate 45", func(t *testing.T, p string, _ int) image.Image { return rotate(render(t, p, Options{}, 6), 45) }},
		{"2 px/module", func(t *testing.T, p string, _ int) image.Image { return render(t, p, Options{}, 2) }},
		{"jpeg q20", func(t *testing.T, p string, _ int) image.Image {
			return jpegRoundTrip(t, render(t, p, Options{}, 6), 20)
		}},
		{"inverted", func(t *testing.T, p string, _ int) image.Image {
			return mapPixels(render(t, p, Options{}, 6), func(v uint8) uint8 { return 255 - v })
		}},
		{"low contrast 100..160", func(t *testing.T, p string, _ int) image.Image {
			return mapPixels(render(t, p, Options{}, 6), func(v uint8) uint8 { return 100 + uint8(int(v)*60/255) })
		}},
		{"noise sigma 25", func(t *testing.T, p string, i int) image.Image {
			return noise(render(t, p, Options{}, 6), 25, uint64(i))
		}},
		{"blur 0.25 module", func(t *testing.T, p string, _ int) image.Image { return blur(render(t, p, Options{}, 6), 1.5) }},
		{"default logo (up to 10%) at level H", func(t *testing.T, p string, _ int) image.Image {
			return render(t, p, Options{Logo: testLogo()}, 6)
		}},
	}
	for _, c := range conditions {
		t.Run(c.name, func(t *testing.T) {
			ok := 0
			for i, p := range set {
				res, err := Decode(c.make(t, p, i))
				if err == nil && res.Text == p {
					ok++
				}
			}
			assert.Equal(t, len(set), ok, "%s: %d/%d decoded", c.name, ok, len(set))
		})
	}
}
