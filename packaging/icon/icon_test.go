package main

import (
	"bytes"
	"image/color"
	"os"
	"path/filepath"
	"testing"
)

// The committed icon files are generated; a change to the geometry must be
// followed by `make icon` (go run ./packaging/icon) and a commit of the result.
func TestCommittedIconsAreCurrent(t *testing.T) {
	for name, want := range outputs() {
		got, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run `make icon` and commit the result", name)
		}
	}
}

// At every size the corners are background (rounded), the centre of the
// ticket's left half is gold, and the "L" stem is navy: the three shapes
// that must survive down to 16 px.
func TestRenderKeepsTheMotifAtEverySize(t *testing.T) {
	for _, n := range append([]int{512}, icoSizes...) {
		img := render(n)
		if a := img.NRGBAAt(0, 0).A; a > 8 {
			t.Errorf("%d px: corner alpha %d, want (nearly) transparent", n, a)
		}
		s := shapeFor(n)
		at := func(x, y float64) color.NRGBA {
			return img.NRGBAAt(int(x*float64(n)/512), int(y*float64(n)/512))
		}
		if c := at((s.tx0+s.lx0)/2+s.notch/2, s.ty0+(s.ly0-s.ty0)/2); c != gold {
			t.Errorf("%d px: ticket pixel %v, want gold", n, c)
		}
		if c := at(s.lx0+s.stroke/2, (s.ly0+s.ly1)/2); c.B < 0x70 || c.R > 0x20 {
			t.Errorf("%d px: L stem pixel %v, want navy", n, c)
		}
	}
}

func TestICOHeader(t *testing.T) {
	b := ico([]int{16, 256})
	if !bytes.Equal(b[:6], []byte{0, 0, 1, 0, 2, 0}) {
		t.Fatalf("header % x", b[:6])
	}
	if b[6] != 16 || b[6+16] != 0 { // 256 is stored as 0
		t.Errorf("widths %d, %d", b[6], b[6+16])
	}
}
