// Command icon draws Loket's application icon: a navy rounded square with a
// gold queue ticket whose cut-out is a bold "L". One geometry feeds every
// output, so the SVG, the 512 px PNG and the Windows .ico never drift apart:
//
//	go run ./packaging/icon            # writes assets/icon.{svg,png}, packaging/windows/loket.ico
//	go run ./packaging/icon -preview DIR   # also writes DIR/icon-16.png ... for eyeballing
//
// Small sizes (up to 32 px) use a simplified, pixel-snapped variant: thinner
// shapes blur into mush at 16 px, so there the ticket grows, the notches
// shrink and every straight edge lands on a pixel boundary.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/image/vector"
)

// Palette: the Ministry's navy and gold.
var (
	navyTop = color.NRGBA{0x10, 0x4C, 0x8E, 0xFF} // top of the background gradient
	navy    = color.NRGBA{0x0B, 0x3C, 0x73, 0xFF} // brand navy, bottom of the gradient
	gold    = color.NRGBA{0xE3, 0xA8, 0x1B, 0xFF}
	shadow  = color.NRGBA{0x05, 0x1E, 0x3D, 0x80} // ticket shadow on large sizes
)

// icoSizes are the images packed into the Windows icon: the shell picks
// 16/20/24/32/40/48 for lists, taskbar and title bar at 100-250 % scaling,
// 64-256 for tiles and large views.
var icoSizes = []int{16, 20, 24, 32, 40, 48, 64, 96, 128, 256}

// shape is the icon's geometry in a 512-unit square.
type shape struct {
	radius       float64 // background corner radius
	tx0, ty0     float64 // ticket top-left
	tx1, ty1     float64 // ticket bottom-right
	tr           float64 // ticket corner radius
	notch        float64 // radius of the half-circle notches at mid-left/right
	lx0, ly0     float64 // "L" box top-left
	lx1, ly1     float64 // "L" box bottom-right
	stroke       float64 // "L" stroke width
	shadowOffset float64 // 0: no shadow
	snap         bool    // round straight edges to whole pixels
}

// large is the full design, used from 40 px up and for the SVG.
var large = shape{
	radius: 104,
	tx0:    64, ty0: 112, tx1: 448, ty1: 400, tr: 28,
	notch: 52,
	lx0:   196, ly0: 168, lx1: 324, ly1: 344, stroke: 60,
	shadowOffset: 14,
}

// small is drawn on a 16-unit grid (x32): ticket 12x10, notch radius 2,
// an "L" of 2-unit strokes, 6 units tall, centred in the ticket.
var small = shape{
	radius: 96,
	tx0:    64, ty0: 96, tx1: 448, ty1: 416, tr: 16,
	notch: 64,
	lx0:   192, ly0: 160, lx1: 320, ly1: 352, stroke: 64,
	snap: true,
}

func shapeFor(size int) shape {
	if size <= 32 {
		return small
	}
	return large
}

// pather receives path commands in pixel space; it is implemented by the
// rasterizer and by the SVG writer.
type pather interface {
	MoveTo(x, y float32)
	LineTo(x, y float32)
	CubeTo(x1, y1, x2, y2, x3, y3 float32)
	ClosePath()
}

// kappa places cubic control points so that a quarter turn approximates a
// circle to within 0.03 %.
const kappa = 0.5522847498

type pen struct {
	p     pather
	scale float64
	snap  bool
}

func (q pen) c(v float64) float32 {
	v *= q.scale
	if q.snap {
		v = float64(int(v + 0.5))
	}
	return float32(v)
}

// f scales without snapping: arc control points must stay where they are.
func (q pen) f(v float64) float32 { return float32(v * q.scale) }

// roundRect traces a clockwise rounded rectangle.
func (q pen) roundRect(x0, y0, x1, y1, r float64) {
	k := r * (1 - kappa)
	q.p.MoveTo(q.c(x0)+q.f(r), q.c(y0))
	q.p.LineTo(q.c(x1)-q.f(r), q.c(y0))
	q.p.CubeTo(q.c(x1)-q.f(k), q.c(y0), q.c(x1), q.c(y0)+q.f(k), q.c(x1), q.c(y0)+q.f(r))
	q.p.LineTo(q.c(x1), q.c(y1)-q.f(r))
	q.p.CubeTo(q.c(x1), q.c(y1)-q.f(k), q.c(x1)-q.f(k), q.c(y1), q.c(x1)-q.f(r), q.c(y1))
	q.p.LineTo(q.c(x0)+q.f(r), q.c(y1))
	q.p.CubeTo(q.c(x0)+q.f(k), q.c(y1), q.c(x0), q.c(y1)-q.f(k), q.c(x0), q.c(y1)-q.f(r))
	q.p.LineTo(q.c(x0), q.c(y0)+q.f(r))
	q.p.CubeTo(q.c(x0), q.c(y0)+q.f(k), q.c(x0)+q.f(k), q.c(y0), q.c(x0)+q.f(r), q.c(y0))
	q.p.ClosePath()
}

// ticket traces the ticket clockwise, with half-circle notches bitten out
// of the middle of its left and right edges, then the "L" anticlockwise so
// that it is a hole under the non-zero rule (and under even-odd in SVG).
func (q pen) ticket(s shape, dy float64) {
	x0, y0, x1, y1, r, n := s.tx0, s.ty0+dy, s.tx1, s.ty1+dy, s.tr, s.notch
	cy := (y0 + y1) / 2
	k := r * (1 - kappa)
	kn := n * kappa
	X0, X1, CY := q.c(x0), q.c(x1), q.c(cy)
	Y0, Y1 := q.c(y0), q.c(y1)
	R, K, N, KN := q.f(r), q.f(k), q.f(n), q.f(kn)

	q.p.MoveTo(X0+R, Y0)
	q.p.LineTo(X1-R, Y0)
	q.p.CubeTo(X1-K, Y0, X1, Y0+K, X1, Y0+R)
	q.p.LineTo(X1, CY-N)
	// Right notch: from (x1, cy-n) round through (x1-n, cy) to (x1, cy+n).
	q.p.CubeTo(X1-KN, CY-N, X1-N, CY-KN, X1-N, CY)
	q.p.CubeTo(X1-N, CY+KN, X1-KN, CY+N, X1, CY+N)
	q.p.LineTo(X1, Y1-R)
	q.p.CubeTo(X1, Y1-K, X1-K, Y1, X1-R, Y1)
	q.p.LineTo(X0+R, Y1)
	q.p.CubeTo(X0+K, Y1, X0, Y1-K, X0, Y1-R)
	q.p.LineTo(X0, CY+N)
	// Left notch: from (x0, cy+n) round through (x0+n, cy) to (x0, cy-n).
	q.p.CubeTo(X0+KN, CY+N, X0+N, CY+KN, X0+N, CY)
	q.p.CubeTo(X0+N, CY-KN, X0+KN, CY-N, X0, CY-N)
	q.p.LineTo(X0, Y0+R)
	q.p.CubeTo(X0, Y0+K, X0+K, Y0, X0+R, Y0)
	q.p.ClosePath()

	// The "L", anticlockwise: down the outer left edge first.
	lx0, ly0, lx1, ly1, w := s.lx0, s.ly0+dy, s.lx1, s.ly1+dy, s.stroke
	q.p.MoveTo(q.c(lx0), q.c(ly0))
	q.p.LineTo(q.c(lx0), q.c(ly1))
	q.p.LineTo(q.c(lx1), q.c(ly1))
	q.p.LineTo(q.c(lx1), q.c(ly1-w))
	q.p.LineTo(q.c(lx0+w), q.c(ly1-w))
	q.p.LineTo(q.c(lx0+w), q.c(ly0))
	q.p.ClosePath()
}

// render draws the icon at size x size pixels.
func render(size int) *image.NRGBA {
	s := shapeFor(size)
	scale := float64(size) / 512
	dst := image.NewRGBA(image.Rect(0, 0, size, size))
	b := dst.Bounds()

	fill := func(src image.Image, trace func(pen)) {
		z := vector.NewRasterizer(size, size)
		z.DrawOp = draw.Over
		trace(pen{p: z, scale: scale, snap: s.snap})
		z.Draw(dst, b, src, image.Point{})
	}

	fill(gradient(size), func(q pen) { q.roundRect(0, 0, 512, 512, s.radius) })
	if s.shadowOffset > 0 {
		fill(image.NewUniform(shadow), func(q pen) { q.ticket(s, s.shadowOffset) })
	}
	// Through the "L" cut-out one sees the background, not the shadow: clear
	// the letter's box before the ticket goes on top of it.
	if s.shadowOffset > 0 {
		fill(gradient(size), func(q pen) {
			q.p.MoveTo(q.c(s.lx0), q.c(s.ly0))
			q.p.LineTo(q.c(s.lx1), q.c(s.ly0))
			q.p.LineTo(q.c(s.lx1), q.c(s.ly1))
			q.p.LineTo(q.c(s.lx0), q.c(s.ly1))
			q.p.ClosePath()
		})
	}
	fill(image.NewUniform(gold), func(q pen) { q.ticket(s, 0) })

	out := image.NewNRGBA(b)
	draw.Draw(out, b, dst, image.Point{}, draw.Src)
	return out
}

// gradient is the background: navyTop at the top edge to navy at the bottom.
func gradient(size int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		t := (float64(y) + 0.5) / float64(size)
		c := color.RGBA{
			R: lerp(navyTop.R, navy.R, t),
			G: lerp(navyTop.G, navy.G, t),
			B: lerp(navyTop.B, navy.B, t),
			A: 0xFF,
		}
		for x := 0; x < size; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func lerp(a, b uint8, t float64) uint8 {
	return uint8(float64(a) + (float64(b)-float64(a))*t + 0.5)
}

// svgPath collects path commands as SVG path data.
type svgPath struct{ b strings.Builder }

func num(v float32) string {
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(float64(v), 'f', 2, 32), "0"), ".")
}

func (p *svgPath) MoveTo(x, y float32) { fmt.Fprintf(&p.b, "M%s %s", num(x), num(y)) }
func (p *svgPath) LineTo(x, y float32) { fmt.Fprintf(&p.b, "L%s %s", num(x), num(y)) }
func (p *svgPath) CubeTo(x1, y1, x2, y2, x3, y3 float32) {
	fmt.Fprintf(&p.b, "C%s %s %s %s %s %s", num(x1), num(y1), num(x2), num(y2), num(x3), num(y3))
}
func (p *svgPath) ClosePath() { p.b.WriteString("Z") }

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// svg is the large design as a hand-readable SVG document.
func svg() []byte {
	s := large
	var bg, sh, tk svgPath
	pen{p: &bg, scale: 1}.roundRect(0, 0, 512, 512, s.radius)
	pen{p: &sh, scale: 1}.ticket(s, s.shadowOffset)
	pen{p: &tk, scale: 1}.ticket(s, 0)
	var out bytes.Buffer
	fmt.Fprintf(&out, `<?xml version="1.0" encoding="UTF-8"?>
<!-- Loket application icon. Generated by packaging/icon (go run ./packaging/icon); edit the Go geometry, not this file. -->
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>Loket</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="%s"/>
      <stop offset="1" stop-color="%s"/>
    </linearGradient>
  </defs>
  <path fill="url(#bg)" d="%s"/>
  <path fill="%s" fill-opacity="%.2f" fill-rule="evenodd" d="%s"/>
  <path fill="url(#bg)" d="M%g %gH%gV%gH%gZ"/>
  <path fill="%s" fill-rule="evenodd" d="%s"/>
</svg>
`, hex(navyTop), hex(navy), bg.b.String(),
		hex(shadow), float64(shadow.A)/255, sh.b.String(),
		s.lx0, s.ly0, s.lx1, s.ly1, s.lx0,
		hex(gold), tk.b.String())
	return out.Bytes()
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// ico packs PNG images into a Windows .ico (PNG entries are understood by
// Windows Vista and later, and by windres, which copies them verbatim).
func ico(sizes []int) []byte {
	var dir, data bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&dir, le, [3]uint16{0, 1, uint16(len(sizes))})
	offset := 6 + 16*len(sizes)
	for _, n := range sizes {
		p := encodePNG(render(n))
		wh := uint8(n)
		if n >= 256 {
			wh = 0 // 0 means 256
		}
		binary.Write(&dir, le, struct {
			W, H, Colors, Reserved uint8
			Planes, BitCount       uint16
			Bytes, Offset          uint32
		}{wh, wh, 0, 0, 1, 32, uint32(len(p)), uint32(offset)})
		data.Write(p)
		offset += len(p)
	}
	dir.Write(data.Bytes())
	return dir.Bytes()
}

// outputs maps each generated file (relative to the module root) to its bytes.
func outputs() map[string][]byte {
	return map[string][]byte{
		"assets/icon.svg":             svg(),
		"assets/icon.png":             encodePNG(render(512)),
		"packaging/windows/loket.ico": ico(icoSizes),
	}
}

// linuxIcons maps paths under an install prefix to the icon files a desktop
// looks up for Icon=loket: the hicolor theme at each size (the small ones
// are the pixel-snapped variant, sharper than a scaled 512), the SVG, and
// the pixmaps fallback.
func linuxIcons() map[string][]byte {
	m := map[string][]byte{
		"share/icons/hicolor/scalable/apps/loket.svg": svg(),
		"share/pixmaps/loket.png":                     encodePNG(render(512)),
	}
	for _, n := range []int{16, 24, 32, 48, 64, 128, 256, 512} {
		m[fmt.Sprintf("share/icons/hicolor/%dx%d/apps/loket.png", n, n)] = encodePNG(render(n))
	}
	return m
}

func main() {
	root := flag.String("root", ".", "module root to write into")
	preview := flag.String("preview", "", "also write icon-N.png at common sizes into this folder")
	prefix := flag.String("linux-prefix", "", "only write the Linux icon theme files under this prefix (e.g. stage/usr/local)")
	flag.Parse()
	if *prefix != "" {
		for name, b := range linuxIcons() {
			p := filepath.Join(*prefix, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				log.Fatal(err)
			}
		}
		return
	}
	for name, b := range outputs() {
		p := filepath.Join(*root, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Println("wrote", p)
	}
	if *preview != "" {
		if err := os.MkdirAll(*preview, 0o755); err != nil {
			log.Fatal(err)
		}
		for _, n := range append([]int{512}, icoSizes...) {
			p := filepath.Join(*preview, fmt.Sprintf("icon-%d.png", n))
			if err := os.WriteFile(p, encodePNG(render(n)), 0o644); err != nil {
				log.Fatal(err)
			}
		}
		p := filepath.Join(*preview, "sheet.png")
		if err := os.WriteFile(p, encodePNG(sheet()), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Println("previews in", *preview)
	}
}

// sheet lays out the sizes a person checks: each at 1:1 on a light and a
// dark strip (as on a taskbar or title bar), and 16/24/32/48 zoomed 8x with
// hard pixels so blur and stray half-pixels are visible.
func sheet() image.Image {
	const w, h = 1100, 760
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, image.Rect(0, 0, w, 290), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 290, w, 580), image.NewUniform(color.NRGBA{0x20, 0x20, 0x20, 0xFF}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 580, w, h), image.NewUniform(color.NRGBA{0xF0, 0xF0, 0xF0, 0xFF}), image.Point{}, draw.Src)
	x := 10
	for _, n := range []int{16, 20, 24, 32, 40, 48, 64, 96, 256} {
		ic := render(n)
		for _, y := range []int{10, 300} {
			draw.Draw(img, image.Rect(x, y, x+n, y+n), ic, image.Point{}, draw.Over)
		}
		x += n + 12
	}
	x = 10
	for _, n := range []int{16, 24, 32, 48} {
		ic := render(n)
		const z = 3
		for py := 0; py < n; py++ {
			for px := 0; px < n; px++ {
				c := ic.NRGBAAt(px, py)
				r := image.Rect(x+px*z, 590+py*z, x+px*z+z, 590+py*z+z)
				draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
			}
		}
		x += n*z + 20
	}
	return img
}
