package qr

import (
	"context"
	"errors"
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// stage is one pass of the decoding cascade (TestRobustness and the
// external image sets check what each reads): PURE_BARCODE reads clean
// symbols that false finder patterns would confuse, TRY_HARDER helps
// camera images, the global-histogram binarizer reads low-contrast
// codes, and the inverted pass reads light-on-dark codes, which
// gozxing's QR reader does not try by itself. The quarter-turned pass is
// ours: gozxing's finder search can lock onto a false finder beside an
// alignment pattern in one scan direction and not in the other.
type stage struct {
	name     string
	global   bool // GlobalHistogram instead of Hybrid binarizer
	pure     bool
	harder   bool
	inverted bool
	rotated  bool // scan the source turned 90° counter-clockwise
	gate     bool // run only when the hybrid pass confirmed a finder candidate
}

// cascade lists the passes in the order they pay off on the external
// image sets (zxing's and zxing-cpp's blackbox images at four
// rotations): hybrid with TRY_HARDER reads 1010 of 1276, the rotated
// retry reads 26 that no other pass does, global 24, inverted 15 and
// pure 1; a plain hybrid pass without TRY_HARDER read none the TRY_HARDER
// pass missed, so it is gone. Pure runs first because it is nearly free
// once the hybrid matrix exists and reads clean images at once.
//
// A frame with no code must stay cheap for a camera loop, so the rotated
// and global passes are gated on evidence: every one of their reads on
// the external sets came after a hybrid pass that confirmed a finder
// candidate (seen on two scan lines or more), which speckle and the
// edges of a frame with no code seldom give. The inverted pass is not
// gated: an inverted code's finder patterns are not candidates in the
// hybrid matrix, and the matrix merely flipped missed 6 of the 15.
var cascade = [...]stage{
	{name: "pure", pure: true},
	{name: "hybrid+try-harder", harder: true},
	{name: "rotated", harder: true, rotated: true, gate: true},
	{name: "global+try-harder", global: true, harder: true, gate: true},
	{name: "inverted", harder: true, inverted: true},
}

// testHookPass, when tests set it, is told the name of each pass run.
var testHookPass func(name string)

// hybridPass is the index of the hybrid TRY_HARDER pass in cascade.
const hybridPass = 1

// maxCandidates caps the finder-pattern candidates one pass may collect.
// gozxing compares every triple of candidates, so an image covered in
// finder-like squares costs the cube of their number (a 10 KB PNG took
// 82 s); a real symbol gives 3 and a busy photo a few more. Past the cap
// the pass stops and counts as "no code".
const maxCandidates = 48

// errTooManyCandidates is the panic value that stops a pass at the cap.
var errTooManyCandidates = errors.New("too many finder-pattern candidates")

// bitmaps holds the binarized images of one plane. The hybrid matrix is
// made once: the pure and hybrid passes share it (gozxing caches it in
// the BinaryBitmap and does not modify it).
type bitmaps struct {
	p      plane
	src    gozxing.LuminanceSource
	hybrid *gozxing.BinaryBitmap
}

func (b *bitmaps) get(st stage) (*gozxing.BinaryBitmap, error) {
	if b.src == nil {
		src, err := b.p.source()
		if err != nil {
			return nil, err
		}
		b.src = src
	}
	switch {
	case st.global || st.pure && b.p.bilevel():
		// A rendered image of two grey levels needs no local thresholds:
		// the global binarizer is exact on it and half the cost. On a
		// photo it is not: an art code of zxing's qrcode-2 then misread.
		return gozxing.NewBinaryBitmap(gozxing.NewGlobalHistgramBinarizer(b.src))
	case st.inverted:
		return gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewInvertedLuminanceSource(b.src)))
	case st.rotated:
		src, err := b.p.turned().source()
		if err != nil {
			return nil, err
		}
		return gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(src))
	}
	if b.hybrid == nil {
		bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(b.src))
		if err != nil {
			return nil, err
		}
		b.hybrid = bmp
	}
	return b.hybrid, nil
}

// decodeCascade runs the stages in order and returns the first success.
// ctx is checked before each pass.
func decodeCascade(ctx context.Context, p plane) (Result, error) {
	reader := qrcode.NewQRCodeReader()
	bm := &bitmaps{p: p}
	found := false
	confirmed := 0 // by the hybrid pass
	var last error
	for i, st := range cascade {
		if err := ctx.Err(); err != nil {
			return Result{}, fmt.Errorf("qr: decoding stopped: %w", err)
		}
		if st.gate && confirmed == 0 {
			continue
		}
		if testHookPass != nil {
			testHookPass(st.name)
		}
		res, n, err := attempt(reader, bm, st)
		if i == hybridPass {
			confirmed = n
		}
		if err == nil || errors.Is(err, ErrCharset) {
			return res, err // a charset error comes from a symbol read correctly
		}
		var fe gozxing.FormatException
		var ce gozxing.ChecksumException
		// A symbol was found when the detector confirmed three finder
		// patterns and reading it failed; the pure pass fails that way on
		// any image, and noise can pass for finder patterns seen once.
		found = found || !st.pure && n >= 3 && (errors.As(err, &fe) || errors.As(err, &ce) || errors.Is(err, errContent))
		if last == nil || !errors.Is(err, errTooManyCandidates) {
			last = err
		}
	}
	return Result{}, errorFrom(found, last)
}

// attempt runs one stage, turning a panic inside gozxing into an error:
// none has been seen in our fuzzing, but a decoder must not crash its
// host on hostile input. The candidate cap stops a pass the same way.
// confirmed counts the finder-pattern candidates the pass saw on more
// than one scan line: a real finder pattern is, speckle seldom.
func attempt(reader gozxing.Reader, bm *bitmaps, st stage) (res Result, confirmed int, err error) {
	var candidates int
	hints := passHints(st.pure, st.harder, &candidates)
	defer func() {
		if r := recover(); r != nil {
			if r == errTooManyCandidates {
				err = errTooManyCandidates
				return
			}
			err = fmt.Errorf("decoder panic: %v", r)
		}
	}()
	bmp, err := bm.get(st)
	if err != nil {
		return Result{}, 0, err
	}
	var r *gozxing.Result
	if st.pure {
		if r, err = reader.Decode(bmp, hints); err == nil {
			r = withExtent(r, bmp) // a pure read has no finder points
		}
	} else {
		r, confirmed, err = detect(bmp, hints)
	}
	if err != nil {
		return Result{}, confirmed, err
	}
	res, err = resultOf(r, st.name)
	if st.rotated { // back to the image's coordinates: (x', y') came from (w-1-y', x')
		b := res.Bounds
		res.Bounds = image.Rect(bm.p.w-b.Max.Y, b.Min.X, bm.p.w-b.Min.Y, b.Max.X)
	}
	return res, confirmed, err
}

// withExtent gives a pure read the symbol's extent, the enclosing
// rectangle of its dark modules, as its two corner points.
func withExtent(r *gozxing.Result, bmp *gozxing.BinaryBitmap) *gozxing.Result {
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return r
	}
	e := m.GetEnclosingRectangle()
	if len(e) != 4 {
		return r
	}
	out := gozxing.NewResult(r.GetText(), r.GetRawBytes(), []gozxing.ResultPoint{
		gozxing.NewResultPoint(float64(e[0]), float64(e[1])),
		gozxing.NewResultPoint(float64(e[0]+e[2]-1), float64(e[1]+e[3]-1)),
	}, r.GetBarcodeFormat())
	out.PutAllMetadata(r.GetResultMetadata())
	return out
}

// detect is gozxing's QRCodeReader.Decode without PURE_BARCODE, step by
// step, so that the finder's candidates can be counted.
func detect(bmp *gozxing.BinaryBitmap, hints map[gozxing.DecodeHintType]interface{}) (*gozxing.Result, int, error) {
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return nil, 0, err
	}
	cb, _ := hints[gozxing.DecodeHintType_NEED_RESULT_POINT_CALLBACK].(gozxing.ResultPointCallback)
	finder := detector.NewFinderPatternFinder(m, cb)
	info, ferr := finder.Find(hints)
	confirmed := 0
	for _, c := range finder.GetPossibleCenters() {
		if c.GetCount() >= 2 {
			confirmed++
		}
	}
	if ferr != nil {
		return nil, confirmed, ferr
	}
	dr, err := detector.NewDetector(m).ProcessFinderPatternInfo(info)
	if err != nil {
		return nil, confirmed, err
	}
	d, err := decoder.NewDecoder().Decode(dr.GetBits(), hints)
	if err != nil {
		return nil, confirmed, err
	}
	points := dr.GetPoints()
	if md, ok := d.GetOther().(*decoder.QRCodeDecoderMetaData); ok {
		md.ApplyMirroredCorrection(points)
	}
	r := gozxing.NewResult(d.GetText(), d.GetRawBytes(), points, gozxing.BarcodeFormat_QR_CODE)
	r.PutMetadata(gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL, d.GetECLevel())
	return r, confirmed, nil
}

// passHints are the hints of one pass, with the callback that counts
// the candidates into *n and enforces the cap.
func passHints(pure, harder bool, n *int) map[gozxing.DecodeHintType]interface{} {
	hints := map[gozxing.DecodeHintType]interface{}{
		// The text is ours (parseContent); ISO-8859-1 makes gozxing's
		// own decoding of byte segments infallible.
		gozxing.DecodeHintType_CHARACTER_SET: "ISO-8859-1",
		gozxing.DecodeHintType_NEED_RESULT_POINT_CALLBACK: gozxing.ResultPointCallback(func(gozxing.ResultPoint) {
			if *n++; *n > maxCandidates {
				panic(errTooManyCandidates)
			}
		}),
	}
	if pure {
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
	}
	if harder {
		hints[gozxing.DecodeHintType_TRY_HARDER] = true
	}
	return hints
}

// resultOf converts gozxing's result; third-party types stop here. The
// text is ours, read from the data codewords (see [parseContent]):
// gozxing's own text is ignored.
func resultOf(r *gozxing.Result, stageName string) (Result, error) {
	res := Result{Stage: stageName}
	md := r.GetResultMetadata()
	if ec, ok := md[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string); ok {
		res.Level, _ = ParseLevel(ec)
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
