// Package reports renders the paper Loket hands out: kiosk ticket stubs,
// front-office receipts (tanda terima) and one-page service standard sheets,
// as PDF.
//
// It is the only package that imports gofpdf. gofpdf is frozen upstream and
// has sharp edges that this package hides from callers:
//   - every document uses the embedded DejaVu Sans (assets.FontRegular,
//     assets.FontBold) through AddUTF8FontFromBytes, so Indonesian text,
//     the rupiah sign and dashes print the same on every PC;
//   - every string passes through clean before it reaches gofpdf, because
//     gofpdf indexes a 64K width table by rune and panics on runes above
//     U+FFFF (emoji typed into a visitor name must not take the kiosk down);
//   - gofpdf reports errors through a sticky Err on the document, which the
//     render functions check and wrap with a "reports:" prefix.
//
// Inputs are plain structs defined here (no store import) so that the UI,
// the hub and tests can fill them from any source.
package reports
