package standards

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"loket/textenc"
)

// The errors Parse returns for input it cannot read. Each message is one
// sentence, without its full stop, for the person who chose the file
// (office.parseDocument shows it after "Dokumen X tidak dapat dibaca: "
// and ends the sentence); errors.Is tells them apart.
var (
	// ErrNotText: an image, a spreadsheet, an old .doc, any binary file.
	ErrNotText = errors.New("berkas ini bukan dokumen teks, PDF, atau Word (.docx) yang dapat dibaca")
	// ErrEmpty: a file with no text at all.
	ErrEmpty = errors.New("berkas kosong, tidak ada teks di dalamnya")
	// ErrScanned: a PDF whose pages are images without a text layer.
	ErrScanned = errors.New("PDF ini hasil pindaian (gambar) tanpa lapisan teks; gunakan PDF yang teksnya dapat dipilih atau berkas Word aslinya")
	// ErrEncrypted: a PDF that needs a password to open.
	ErrEncrypted = errors.New("PDF ini dilindungi kata sandi; buka proteksinya terlebih dahulu lalu pilih berkas itu lagi")
	// ErrCorruptPDF: a PDF that is cut short or damaged.
	ErrCorruptPDF = errors.New("berkas PDF ini rusak atau tidak lengkap sehingga teksnya tidak dapat dibaca")
	// ErrCorruptDOCX: a .docx that is not a valid Word archive.
	ErrCorruptDOCX = errors.New("berkas Word (.docx) ini rusak atau tidak lengkap sehingga teksnya tidak dapat dibaca")
	// ErrOldWord: a Word 97-2003 .doc (OLE compound file).
	ErrOldWord = errors.New("berkas Word lama (.doc) belum dapat dibaca; simpan sebagai .docx atau PDF lalu pilih berkas itu")
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

// decodeText reads plain text in any of the encodings textenc tells
// apart (UTF-8 with or without BOM, UTF-16 with or without one,
// Windows-1252, the encoding Word and Notepad used for years on Indonesian
// Windows, so "–" and "±" survive as themselves), and refuses binary data
// that happens to decode.
func decodeText(data []byte) (string, error) {
	s, _ := textenc.Decode(data)
	if strings.IndexByte(s, 0) >= 0 || !mostlyText(s) {
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
