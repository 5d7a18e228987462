package office

import "testing"

// Satker lists saved by Excel on Windows keep their names: Windows-1252
// (the en dash is byte 0x96) and UTF-16 with BOM read as UTF-8 does.
func TestParseSatkerCSVEncodings(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "kode;nama\r\n409294;Kejaksaan Negeri – Pekanbaru\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	for name, in := range map[string][]byte{
		"utf-8":        []byte("kode;nama\n409294;Kejaksaan Negeri – Pekanbaru\n"),
		"windows-1252": []byte("kode;nama\r\n409294;Kejaksaan Negeri \x96 Pekanbaru\r\n"),
		"utf-16le":     utf16,
	} {
		t.Run(name, func(t *testing.T) {
			list, err := parseSatkerCSV(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Code != "409294" || list[0].Name != "Kejaksaan Negeri – Pekanbaru" {
				t.Errorf("parsed %+v", list)
			}
		})
	}
}
