// Package textenc turns the bytes of a file an office hands Loket (a satker
// list or holiday calendar saved from Excel, a standard exported from Word)
// into valid UTF-8 text, and cleans text of the characters that must never
// be stored (NUL and other control characters).
//
// Files on Indonesian Windows PCs come in three shapes: UTF-8 (with or
// without a byte-order mark), UTF-16 ("Unicode text" from Excel or
// Notepad, with a byte-order mark; some tools write none, recognised by
// its zero bytes), and Windows-1252 (Excel's "CSV (Comma
// delimited)" on a Windows set to English or Indonesian). Decode tells them
// apart by the BOM, then by whether the bytes are valid UTF-8: Windows-1252
// text with any byte of 0x80 or above is almost never valid UTF-8, and
// every byte sequence is valid Windows-1252.
package textenc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names what Decode found.
type Encoding string

// The encodings Decode recognises.
const (
	UTF8        Encoding = "UTF-8"
	UTF8BOM     Encoding = "UTF-8 (BOM)"
	UTF16LE     Encoding = "UTF-16 LE"
	UTF16BE     Encoding = "UTF-16 BE"
	Windows1252 Encoding = "Windows-1252"
)

// Decode returns b as UTF-8 text, without a byte-order mark, and the
// encoding it was read as. The result is always valid UTF-8; control
// characters are left for Clean.
func Decode(b []byte) (string, Encoding) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD"), UTF8BOM
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return string(s), UTF16LE
		}
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return string(s), UTF16BE
		}
	}
	if be, ok := utf16NoBOM(b); ok {
		order, enc := unicode.LittleEndian, UTF16LE
		if be {
			order, enc = unicode.BigEndian, UTF16BE
		}
		if s, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(b); err == nil {
			return string(s), enc
		}
	}
	if utf8.Valid(b) {
		return string(b), UTF8
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil { // cannot happen: every byte is a Windows-1252 character
		return strings.ToValidUTF8(string(b), "\uFFFD"), UTF8
	}
	return string(s), Windows1252
}

// utf16NoBOM recognises UTF-16 without a byte-order mark (saved so by some
// export tools): text of mostly ASCII in it has a zero in every other byte,
// which no UTF-8 or Windows-1252 text has.
func utf16NoBOM(b []byte) (bigEndian, ok bool) {
	n := min(len(b), 4096) &^ 1
	if n < 8 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*9 && even*10 < half:
		return false, true
	case even*10 >= half*9 && odd*10 < half:
		return true, true
	}
	return false, false
}

// Clean returns s as valid UTF-8 (invalid bytes become U+FFFD) without NUL
// and the other C0 and C1 control characters, keeping tab, line feed and
// carriage return. It returns s itself, without allocating, when there is
// nothing to change: it sits on every write path of the store.
func Clean(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r >= 0x80 && r <= 0x9f {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	sb.WriteString(s[:i])
	for _, r := range s[i:] { // range yields U+FFFD for each invalid byte
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// Valid reports whether s is what Clean would leave unchanged.
func Valid(s string) bool { return Clean(s) == s }
