package printer

import (
	"bytes"
	"image"
	"image/color"
	"strings"
)

// ESC/POS control bytes.
const (
	esc = 0x1B
	gs  = 0x1D
	lf  = 0x0A
)

// Align is an ESC/POS justification.
type Align byte

// Justifications for Builder.Align.
const (
	AlignLeft   Align = 0
	AlignCenter Align = 1
	AlignRight  Align = 2
)

// QRLevel is a QR error-correction level for Builder.QR.
type QRLevel byte

// QR error-correction levels, as ESC/POS numbers them.
const (
	QRLevelL QRLevel = 48
	QRLevelM QRLevel = 49
	QRLevelQ QRLevel = 50
	QRLevelH QRLevel = 51
)

// Builder accumulates an ESC/POS byte stream. Methods return the builder so
// calls chain; Bytes returns the stream. The zero value is ready to use.
type Builder struct {
	buf bytes.Buffer
}

// Bytes returns the commands built so far.
func (b *Builder) Bytes() []byte { return b.buf.Bytes() }

// Raw appends bytes unchanged, for commands this builder lacks.
func (b *Builder) Raw(p ...byte) *Builder {
	b.buf.Write(p)
	return b
}

// Init resets the printer (ESC @) and selects code page 437 (ESC t 0), the
// one every ESC/POS printer has; Text only sends ASCII anyway.
func (b *Builder) Init() *Builder { return b.Raw(esc, '@', esc, 't', 0) }

// Align sets justification for the following lines (ESC a n).
func (b *Builder) Align(a Align) *Builder { return b.Raw(esc, 'a', byte(a)) }

// Bold switches emphasis on or off (ESC E n).
func (b *Builder) Bold(on bool) *Builder { return b.Raw(esc, 'E', bool01(on)) }

// Size sets the character magnification (GS ! n), width and height each
// from 1 to 8; Size(2, 2) is double size (GS ! 0x11), Size(1, 1) normal.
func (b *Builder) Size(width, height int) *Builder {
	width, height = clamp(width, 1, 8), clamp(height, 1, 8)
	return b.Raw(gs, '!', byte((width-1)<<4|(height-1)))
}

// Text appends s transliterated to printable ASCII, without a line feed.
func (b *Builder) Text(s string) *Builder {
	b.buf.WriteString(ASCII(s))
	return b
}

// Line appends s transliterated to printable ASCII and a line feed.
func (b *Builder) Line(s string) *Builder { return b.Text(s).Raw(lf) }

// Wrapped appends s word-wrapped to cols columns, one line feed per line.
func (b *Builder) Wrapped(s string, cols int) *Builder {
	for _, l := range Wrap(ASCII(s), cols) {
		b.buf.WriteString(l)
		b.buf.WriteByte(lf)
	}
	return b
}

// Feed prints and feeds n lines (ESC d n).
func (b *Builder) Feed(n int) *Builder { return b.Raw(esc, 'd', byte(clamp(n, 0, 255))) }

// Cut cuts the paper (GS V): partial leaves a hinge, which kiosks prefer so
// the ticket does not fall. Feed past the cutter first.
func (b *Builder) Cut(partial bool) *Builder {
	if partial {
		return b.Raw(gs, 'V', 1)
	}
	return b.Raw(gs, 'V', 0)
}

// QR prints a QR code (GS ( k, model 2) of data with modules moduleDots
// wide (1 to 16; 0 means 6) at the given error-correction level. Data
// longer than the printer's symbol store (7089 bytes) is cut.
func (b *Builder) QR(data string, moduleDots int, level QRLevel) *Builder {
	if moduleDots == 0 {
		moduleDots = 6
	}
	if len(data) > 7089 {
		data = data[:7089]
	}
	if level < QRLevelL || level > QRLevelH {
		level = QRLevelM
	}
	// Function 165: select model 2.
	b.Raw(gs, '(', 'k', 4, 0, 49, 65, 50, 0)
	// Function 167: module size.
	b.Raw(gs, '(', 'k', 3, 0, 49, 67, byte(clamp(moduleDots, 1, 16)))
	// Function 169: error correction.
	b.Raw(gs, '(', 'k', 3, 0, 49, 69, byte(level))
	// Function 180: store data; the length counts the 3 bytes cn fn m.
	n := len(data) + 3
	b.Raw(gs, '(', 'k', byte(n&0xFF), byte(n>>8), 49, 80, 48)
	b.buf.WriteString(data)
	// Function 181: print the stored symbol.
	return b.Raw(gs, '(', 'k', 3, 0, 49, 81, 48)
}

// rasterBand is how many dot rows go in one GS v 0 command: small bands
// keep within the input buffer of cheap printers.
const rasterBand = 128

// Raster prints img as a bitmap (GS v 0) at 1 dot per pixel, scaled down to
// maxDots wide if wider (0 means no limit; 384 fits 58 mm heads, 576 fits
// 80 mm). Pixels darker than mid grey print black; transparent pixels are
// paper.
func (b *Builder) Raster(img image.Image, maxDots int) *Builder {
	src := img.Bounds()
	if src.Empty() {
		return b
	}
	w, h := src.Dx(), src.Dy()
	if maxDots > 0 && w > maxDots {
		h = h * maxDots / w
		w = maxDots
		if h == 0 {
			h = 1
		}
	}
	rowBytes := (w + 7) / 8
	for y0 := 0; y0 < h; y0 += rasterBand {
		rows := min(rasterBand, h-y0)
		b.Raw(gs, 'v', '0', 0, byte(rowBytes), byte(rowBytes>>8), byte(rows), byte(rows>>8))
		line := make([]byte, rowBytes)
		for y := y0; y < y0+rows; y++ {
			clear(line)
			sy := src.Min.Y + y*src.Dy()/h
			for x := 0; x < w; x++ {
				sx := src.Min.X + x*src.Dx()/w
				if dark(img.At(sx, sy)) {
					line[x/8] |= 0x80 >> (x % 8)
				}
			}
			b.buf.Write(line)
		}
	}
	return b
}

func dark(c color.Color) bool {
	r, g, bl, a := c.RGBA()
	if a < 0x8000 {
		return false
	}
	// Rec. 601 luma on premultiplied values against white paper.
	y := (299*r + 587*g + 114*bl) / 1000
	return y+(0xFFFF-a) < 0x8000
}

// Rule appends a full-width line of dashes, the text-mode separator.
func (b *Builder) Rule(cols int) *Builder { return b.Line(strings.Repeat("-", cols)) }

func bool01(on bool) byte {
	if on {
		return 1
	}
	return 0
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// Reverse switches white-on-black printing on or off (GS B n), used for the
// priority lane and the SALINAN mark.
func (b *Builder) Reverse(on bool) *Builder { return b.Raw(gs, 'B', bool01(on)) }
