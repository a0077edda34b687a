package qr

import (
	"errors"
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// stage is one attempt of the decoding cascade that brought clean-image
// failures to 0 in 3,040 tests (research notes qr-layer.md §2.3, §3):
// PURE_BARCODE fixes false finder patterns on clean symbols, TRY_HARDER
// helps camera images, the global-histogram binarizer reads low-contrast
// codes, and the inverted retry reads light-on-dark codes, which gozxing's
// QR reader does not try by itself. A last stage, ours, scans the image
// turned a quarter: gozxing's finder search can lock onto a false finder
// beside an alignment pattern in one scan direction and not in the other
// (2 of 20 symbols turned 90° in our robustness test).
type stage struct {
	name     string
	global   bool // GlobalHistogram instead of Hybrid binarizer
	pure     bool
	harder   bool
	inverted bool
	rotated  bool // scan the source turned 90° counter-clockwise
}

var cascade = [...]stage{
	{name: "pure", pure: true},
	{name: "hybrid"},
	{name: "hybrid+try-harder", harder: true},
	{name: "global+try-harder", global: true, harder: true},
	{name: "inverted", harder: true, inverted: true},
	{name: "rotated", harder: true, rotated: true},
}

// decodeCascade runs the stages in order and returns the first success.
func decodeCascade(p plane) (Result, error) {
	reader := qrcode.NewQRCodeReader()
	found := false
	var last error
	for _, st := range cascade {
		res, err := attempt(reader, p, st)
		if err == nil || errors.Is(err, ErrCharset) {
			return res, err // a charset error comes from a symbol read correctly
		}
		var fe gozxing.FormatException
		var ce gozxing.ChecksumException
		found = found || errors.As(err, &fe) || errors.As(err, &ce) || errors.Is(err, errContent)
		last = err
	}
	return Result{}, errorFrom(found, last)
}

// attempt runs one stage, turning a panic inside gozxing into an error:
// none has been seen in our fuzzing, but a decoder must not crash its
// host on hostile input.
func attempt(reader gozxing.Reader, p plane, st stage) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder panic: %v", r)
		}
	}()
	src, err := p.source(st.rotated)
	if err != nil {
		return Result{}, err
	}
	if st.inverted {
		src = gozxing.NewInvertedLuminanceSource(src)
	}
	width := src.GetWidth()
	if st.rotated {
		if src, err = src.RotateCounterClockwise(); err != nil {
			return Result{}, err
		}
	}
	bin := gozxing.NewHybridBinarizer(src)
	if st.global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return Result{}, err
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_CHARACTER_SET: "ISO-8859-1"}
	if st.pure {
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
	}
	if st.harder {
		hints[gozxing.DecodeHintType_TRY_HARDER] = true
	}
	r, err := reader.Decode(bmp, hints)
	if err != nil {
		return Result{}, err
	}
	res, err = resultOf(r, st.name)
	if st.rotated { // back to the image's coordinates: (x', y') came from (w-1-y', x')
		b := res.Bounds
		res.Bounds = image.Rect(width-b.Max.Y, b.Min.X, width-b.Min.Y, b.Max.X)
	}
	return res, err
}

// resultOf converts gozxing's result; third-party types stop here. The
// text is ours, read from the data codewords (see [parseContent]):
// gozxing's own text is ignored.
func resultOf(r *gozxing.Result, stageName string) (Result, error) {
	res := Result{Stage: stageName}
	md := r.GetResultMetadata()
	if ec, ok := md[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string); ok {
		res.Level = map[string]Level{"L": LevelL, "M": LevelM, "Q": LevelQ, "H": LevelH}[ec]
	}
	raw := r.GetRawBytes()
	res.Version = versionFor(len(raw), res.Level)
	res.Segments = segmentModes(raw, res.Version)
	res.Bounds = boundsOf(r.GetResultPoints())
	c, err := parseContent(raw, res.Version)
	res.Raw, res.Charset, res.ECI = c.raw, c.charsetNames(), c.eci
	if err == nil {
		res.Text = string(c.text)
	}
	return res, err
}

// versionFor finds the version whose data codewords at level l number n.
func versionFor(n int, l Level) int {
	ecl := [...]decoder.ErrorCorrectionLevel{decoder.ErrorCorrectionLevel_M, decoder.ErrorCorrectionLevel_L, decoder.ErrorCorrectionLevel_Q, decoder.ErrorCorrectionLevel_H}[l&3]
	for v := 1; v <= 40; v++ {
		ver, err := decoder.Version_GetVersionForNumber(v)
		if err != nil {
			return 0
		}
		if ver.GetTotalCodewords()-ver.GetECBlocksForLevel(ecl).GetTotalECCodewords() == n {
			return v
		}
	}
	return 0
}

func boundsOf(points []gozxing.ResultPoint) image.Rectangle {
	var r image.Rectangle
	for i, p := range points {
		pt := image.Pt(int(p.GetX()), int(p.GetY()))
		p := image.Rectangle{Min: pt, Max: pt.Add(image.Pt(1, 1))}
		if i == 0 {
			r = p
			continue
		}
		r = r.Union(p)
	}
	return r
}
