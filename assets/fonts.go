package assets

import _ "embed"

// The report font is DejaVu Sans (Bitstream Vera licence, see
// fonts/LICENSE-DejaVu.txt): it covers Latin, the rupiah and dash
// punctuation and the check mark, and it is free to embed in PDFs we hand
// to visitors.

//go:embed fonts/DejaVuSans.ttf
var fontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var fontBold []byte

// FontRegular returns the embedded DejaVu Sans TrueType font. The slice is
// shared: callers must not modify it.
func FontRegular() []byte { return fontRegular }

// FontBold returns the embedded DejaVu Sans Bold TrueType font. The slice is
// shared: callers must not modify it.
func FontBold() []byte { return fontBold }
