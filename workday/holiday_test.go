package workday

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"loket/assets"
)

func TestParseHolidaysCSVShipped(t *testing.T) {
	data := assets.HolidayCalendars()["hari-libur-2026.csv"]
	hs, err := ParseHolidaysCSV(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var national, cuti int
	for _, h := range hs {
		switch h.Kind {
		case KindLiburNasional:
			national++
		case KindCutiBersama:
			cuti++
		}
	}
	// The SKB 3 Menteri for 2026: 17 holiday dates and 8 cuti bersama.
	if national != 17 || cuti != 8 {
		t.Errorf("got %d libur nasional and %d cuti bersama, want 17 and 8", national, cuti)
	}
	want := Holiday{Date: Date{2026, time.March, 19}, Kind: KindLiburNasional, Name: "Hari Suci Nyepi (Tahun Baru Saka 1948)"}
	if !slices.Contains(hs, want) {
		t.Errorf("Nyepi missing: %v", hs)
	}
}

func TestParseHolidaysCSVAccepts(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Holiday
	}{
		{"plain", "tanggal,jenis,keterangan\n2026-03-19,libur_nasional,Nyepi\n",
			[]Holiday{{Date: Date{2026, 3, 19}, Kind: KindLiburNasional, Name: "Nyepi"}}},
		{"header only", "tanggal,jenis,keterangan\n", nil},
		{"BOM CRLF semicolons blank lines", "\uFEFFTanggal;Jenis;Keterangan\r\n\r\n2026-03-18;cuti_bersama;Nyepi\r\n2026-03-19;LIBUR_NASIONAL; Nyepi \r\n",
			[]Holiday{{Date: Date{2026, 3, 18}, Kind: KindCutiBersama, Name: "Nyepi"}, {Date: Date{2026, 3, 19}, Kind: KindLiburNasional, Name: "Nyepi"}}},
		{"quoted comma", "tanggal,jenis,keterangan\n2026-01-01,libur_nasional,\"Tahun Baru, Masehi\"\n",
			[]Holiday{{Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: "Tahun Baru, Masehi"}}},
		{"file order kept", "tanggal,jenis,keterangan\n2026-12-25,libur_nasional,Natal\n2026-01-01,libur_nasional,Tahun Baru\n",
			[]Holiday{{Date: Date{2026, 12, 25}, Kind: KindLiburNasional, Name: "Natal"}, {Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: "Tahun Baru"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHolidaysCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestParseHolidaysCSVErrors(t *testing.T) {
	const h = "tanggal,jenis,keterangan\n"
	tests := []struct {
		name, in, want string
		line           int
	}{
		{"bad month", h + "2026-01-01,libur_nasional,A\n2026-02-02,libur_nasional,B\n2026-03-03,libur_nasional,C\n2026-13-01,libur_nasional,D\n",
			`baris 5: tanggal "2026-13-01" tidak valid (format YYYY-MM-DD)`, 5},
		{"blank lines keep real line numbers", h + "\n\n2026-02-30,libur_nasional,X\n",
			`baris 4: tanggal "2026-02-30" tidak valid (format YYYY-MM-DD)`, 4},
		{"empty file", "", "baris 1: berkas kalender kosong; baris judul tanggal,jenis,keterangan wajib ada", 1},
		{"no header", "2026-03-19,libur_nasional,Nyepi\n", `baris 1: baris judul harus tanggal,jenis,keterangan, bukan "2026-03-19,libur_nasional,Nyepi"`, 1},
		{"unknown jenis", h + "2026-03-19,libur,Nyepi\n", `baris 2: jenis "libur" tidak dikenal (pilih libur_nasional atau cuti_bersama)`, 2},
		{"duplicate", h + "2026-03-19,libur_nasional,Nyepi\n2026-03-19,cuti_bersama,Nyepi\n", "baris 3: tanggal 2026-03-19 sudah tercantum di baris 2", 3},
		{"unquoted comma", h + "2026-01-01,libur_nasional,Tahun Baru, Masehi\n", "baris 2: harus ada 3 kolom (tanggal,jenis,keterangan), ditemukan 4; keterangan yang memuat koma harus diberi tanda kutip", 2},
		{"empty name", h + "2026-01-01,libur_nasional,  \n", "baris 2: keterangan untuk tanggal 2026-01-01 kosong", 2},
		{"bare quote", h + "2026-01-01,libur_nasional,Hari \"Besar\"\n", "baris 2: tanda kutip (\") di tengah kolom; kolom yang memuat tanda kutip harus diapit tanda kutip seluruhnya", 2},
		{"open quote", h + "2026-01-01,libur_nasional,\"Hari\n", "baris 2: tanda kutip (\") tidak tertutup atau salah tempat", 2},
		{"control char", h + "2026-01-01,libur_nasional,\"Hari\nBesar\"\n", "baris 2: keterangan untuk tanggal 2026-01-01 memuat baris baru atau karakter kontrol", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHolidaysCSV(strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line {
				t.Errorf("want *ParseError at line %d, got %#v", tt.line, err)
			}
		})
	}
}

func TestParseHolidaysCSVTooLarge(t *testing.T) {
	big := "tanggal,jenis,keterangan\n" + strings.Repeat("x", maxCSVSize)
	if _, err := ParseHolidaysCSV(strings.NewReader(big)); err == nil || !strings.Contains(err.Error(), "terlalu besar") {
		t.Errorf("err = %v", err)
	}
}

func TestWriteHolidaysCSVRoundTrip(t *testing.T) {
	in := []Holiday{
		{Date: Date{2026, 12, 25}, Kind: KindLiburNasional, Name: "Kelahiran Yesus Kristus"},
		{Date: Date{2026, 3, 19}, Kind: KindLiburNasional, Name: `Hari Suci "Nyepi", Saka 1948`},
		{Date: Date{2026, 3, 18}, Kind: KindCutiBersama, Name: "Hari Suci Nyepi"},
	}
	var buf bytes.Buffer
	if err := WriteHolidaysCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "tanggal,jenis,keterangan\n2026-03-18,cuti_bersama,Hari Suci Nyepi\n") {
		t.Errorf("output not sorted with header:\n%s", buf.String())
	}
	got, err := ParseHolidaysCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(in)
	slices.SortFunc(want, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip\n got %v\nwant %v", got, want)
	}
}

func TestWriteHolidaysCSVRefuses(t *testing.T) {
	tests := map[string][]Holiday{
		"bad kind":     {{Date: Date{2026, 1, 1}, Kind: "libur", Name: "X"}},
		"bad date":     {{Date: Date{2026, 2, 30}, Kind: KindLiburNasional, Name: "X"}},
		"empty name":   {{Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: ""}},
		"newline name": {{Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: "a\nb"}},
		"padded name":  {{Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: " a"}},
		"duplicate":    {{Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: "a"}, {Date: Date{2026, 1, 1}, Kind: KindCutiBersama, Name: "b"}},
	}
	for name, hs := range tests {
		if err := WriteHolidaysCSV(&bytes.Buffer{}, hs); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParseHolidaysCSV(f *testing.F) {
	for _, data := range assets.HolidayCalendars() {
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"tanggal,jenis,keterangan\n",
		"tanggal;jenis;keterangan\n2026-03-19;libur_nasional;Nyepi\n",
		"\uFEFFtanggal,jenis,keterangan\r\n2026-03-19,cuti_bersama,\"a,\"\"b\"\"\"\r\n",
		"tanggal,jenis,keterangan\n2026-13-01,libur_nasional,X\n",
		"tanggal,jenis,keterangan\n2026-03-19,libur_nasional,A\n2026-03-19,libur_nasional,B\n",
		"tanggal,jenis,keterangan\n2026-03-19,libur_nasional,\"open\n",
		"tanggal,jenis,keterangan\n2026-03-19,x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := ParseHolidaysCSV(bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || !strings.HasPrefix(err.Error(), "baris ") {
				t.Fatalf("error not a located ParseError: %#v", err)
			}
			return
		}
		// Whatever parses must be valid, buildable and survive a round trip.
		if _, err := NewCalendar(hs); err != nil {
			t.Fatalf("parsed holidays rejected by NewCalendar: %v", err)
		}
		var buf bytes.Buffer
		if err := WriteHolidaysCSV(&buf, hs); err != nil {
			t.Fatalf("parsed holidays rejected by writer: %v", err)
		}
		again, err := ParseHolidaysCSV(&buf)
		if err != nil {
			t.Fatalf("written file does not parse: %v\n%s", err, buf.String())
		}
		want := slices.Clone(hs)
		slices.SortFunc(want, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(again, want) {
			t.Fatalf("round trip changed data\n got %v\nwant %v", again, want)
		}
	})
}

// Calendars saved from Excel on Windows: Windows-1252 and UTF-16 read as
// the same holidays as UTF-8.
func TestParseHolidaysCSVEncodings(t *testing.T) {
	want := "Hari Raya Idul Fitri 1447 H – hari kedua"
	for name, in := range map[string][]byte{
		"windows-1252": []byte("tanggal,jenis,keterangan\n2026-03-21,libur_nasional,Hari Raya Idul Fitri 1447 H \x96 hari kedua\n"),
		"utf-16le": func() []byte {
			out := []byte{0xFF, 0xFE}
			for _, r := range "tanggal,jenis,keterangan\r\n2026-03-21,libur_nasional," + want + "\r\n" {
				out = append(out, byte(r), byte(r>>8))
			}
			return out
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ParseHolidaysCSV(bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Name != want {
				t.Errorf("got %+v, want one holiday named %q", got, want)
			}
		})
	}
}
