package standards

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The errors Parse returns for input it cannot read. Each message is one
// sentence for the person who chose the file (office.parseDocument shows it
// after "Dokumen X tidak dapat dibaca: "); errors.Is tells them apart.
var (
	// ErrNotText: an image, a spreadsheet, an old .doc, any binary file.
	ErrNotText = errors.New("berkas ini bukan dokumen teks, PDF, atau Word (.docx) yang dapat dibaca.")
	// ErrEmpty: a file with no text at all.
	ErrEmpty = errors.New("berkas kosong, tidak ada teks di dalamnya.")
	// ErrScanned: a PDF whose pages are images without a text layer.
	ErrScanned = errors.New("PDF ini hasil pindaian (gambar) tanpa lapisan teks; gunakan PDF yang teksnya dapat dipilih atau berkas Word aslinya.")
	// ErrEncrypted: a PDF that needs a password to open.
	ErrEncrypted = errors.New("PDF ini dilindungi kata sandi; buka proteksinya terlebih dahulu lalu pilih berkas itu lagi.")
	// ErrCorruptPDF: a PDF that is cut short or damaged.
	ErrCorruptPDF = errors.New("berkas PDF ini rusak atau tidak lengkap sehingga teksnya tidak dapat dibaca.")
	// ErrCorruptDOCX: a .docx that is not a valid Word archive.
	ErrCorruptDOCX = errors.New("berkas Word (.docx) ini rusak atau tidak lengkap sehingga teksnya tidak dapat dibaca.")
	// ErrOldWord: a Word 97-2003 .doc (OLE compound file).
	ErrOldWord = errors.New("berkas Word lama (.doc) belum dapat dibaca; simpan sebagai .docx atau PDF lalu pilih berkas itu.")
)

// documentText turns the bytes of a document as the office has it (text in
// any of the usual encodings, a PDF with a text layer, a .docx) into text
// for the parser. The format is found from the content, never the name, so
// a file renamed by a browser download still reads.
func documentText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return pdfText(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return docxText(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", ErrOldWord
	}
	text, err := decodeText(data)
	if err != nil {
		return "", err
	}
	if isBlank(text) {
		return "", ErrEmpty
	}
	return text, nil
}

// decodeText reads plain text: UTF-8 (with or without BOM), UTF-16 LE/BE
// with a BOM (or without one, recognised by its zero bytes), and otherwise
// Windows-1252, the encoding Word and Notepad used for years on Indonesian
// Windows, so "–" and "±" survive as themselves.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16Text(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16Text(data[2:], true)
	default:
		if be, ok := utf16NoBOM(data); ok {
			return utf16Text(data, be)
		}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrNotText
	}
	if utf8.Valid(data) {
		s := string(data)
		if !mostlyText(s) {
			return "", ErrNotText
		}
		return s, nil
	}
	s, err := charmap.Windows1252.NewDecoder().String(string(data))
	if err != nil || !mostlyText(s) {
		return "", ErrNotText
	}
	return s, nil
}

// utf16NoBOM recognises UTF-16 without a byte order mark: ASCII text in it
// has a zero in every other byte.
func utf16NoBOM(data []byte) (bigEndian, ok bool) {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
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

func utf16Text(data []byte, bigEndian bool) (string, error) {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if bytes.IndexByte([]byte(s), 0) >= 0 || !mostlyText(s) {
		return "", ErrNotText
	}
	return s, nil
}

// mostlyText rejects binary data that happens to decode: more than one in a
// hundred characters is a control character other than white space.
func mostlyText(s string) bool {
	ctl, n := 0, 0
	for _, r := range s {
		n++
		if (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v') || r == 0x7f || r == utf8.RuneError {
			ctl++
		}
		if n >= 65536 {
			break
		}
	}
	return ctl*100 <= n
}

func isBlank(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\ufeff', '\u200b':
		default:
			return false
		}
	}
	return true
}
