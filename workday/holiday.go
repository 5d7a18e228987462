package workday

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"loket/textenc"
)

// Kind says why a holiday is a day off. It is kept even though both kinds
// close a government office, because reports and the calendar editor show
// the difference and the decree lists them separately.
type Kind string

const (
	// KindLiburNasional is a national public holiday (hari libur nasional).
	KindLiburNasional Kind = "libur_nasional"
	// KindCutiBersama is collective leave (cuti bersama) set by the SKB 3
	// Menteri; government service offices are closed on it too.
	KindCutiBersama Kind = "cuti_bersama"
)

// Valid reports whether k is one of the two kinds the decree knows.
func (k Kind) Valid() bool { return k == KindLiburNasional || k == KindCutiBersama }

// Label is the Indonesian name of the kind for people to read.
func (k Kind) Label() string {
	switch k {
	case KindLiburNasional:
		return "Libur nasional"
	case KindCutiBersama:
		return "Cuti bersama"
	}
	return string(k)
}

// Holiday is one day off from the decree: its date, its kind and its
// keterangan (the name people see, e.g. "Hari Suci Nyepi").
type Holiday struct {
	Date Date
	Kind Kind
	Name string
	// Estimated marks a holiday computed by rule for a year whose decree is
	// not loaded (perkiraan); see EstimatedHolidays. Holidays from a decree
	// or entered by people are never estimated.
	Estimated bool
	// Method says how an estimated holiday was computed; empty otherwise.
	Method Method
}

// Label is the name with "(perkiraan)" added when the day is estimated,
// the form every screen and the CLI show so nobody takes it for the decree.
func (h Holiday) Label() string {
	if h.Estimated {
		return h.Name + " (perkiraan)"
	}
	return h.Name
}

// ParseError is a problem in a holiday CSV file at a given line, kept as a
// type so the calendar editor can point at the line as well as show the
// message.
type ParseError struct {
	Line int    // 1-based line in the file; the header is line 1
	Msg  string // Indonesian description without the line prefix
}

// Error formats the problem as `baris N: ...`, the form shown to people.
func (e *ParseError) Error() string { return fmt.Sprintf("baris %d: %s", e.Line, e.Msg) }

// csvHeader is the required header; it documents the columns for whoever
// edits the file in a spreadsheet.
var csvHeader = []string{"tanggal", "jenis", "keterangan"}

// maxCSVSize bounds the input: a year's decree is a few dozen lines, so
// anything near a megabyte is the wrong file and should not be read whole.
const maxCSVSize = 1 << 20

// ParseHolidaysCSV reads a holiday calendar shaped tanggal,jenis,keterangan
// with the header line required. It accepts a UTF-8 byte order mark and a
// semicolon separator because that is what spreadsheet programs with an
// Indonesian locale export. Holidays come back in file order. Every problem
// is a *ParseError naming the line: bad dates, unknown jenis, empty
// keterangan and a date listed twice (a second entry would make it unclear
// which name and kind apply).
func ParseHolidaysCSV(r io.Reader) ([]Holiday, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVSize+1))
	if err != nil {
		return nil, fmt.Errorf("berkas kalender tidak dapat dibaca: %w", err)
	}
	if len(data) > maxCSVSize {
		return nil, &ParseError{Line: 1, Msg: "berkas kalender terlalu besar (lebih dari 1 MB)"}
	}
	// Saved from Excel on Windows: Windows-1252 or UTF-16 as often as UTF-8.
	text, _ := textenc.Decode(data)
	data = []byte(text)

	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffSeparator(data)
	cr.FieldsPerRecord = -1 // counted here, to give an Indonesian message

	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{Line: 1, Msg: "berkas kalender kosong; baris judul tanggal,jenis,keterangan wajib ada"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	if !isHeader(header) {
		return nil, &ParseError{Line: 1, Msg: fmt.Sprintf("baris judul harus tanggal,jenis,keterangan, bukan %q", strings.Join(header, string(cr.Comma)))}
	}

	var out []Holiday
	seen := map[Date]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 3 {
			return nil, &ParseError{Line: line, Msg: fmt.Sprintf("harus ada 3 kolom (tanggal,jenis,keterangan), ditemukan %d; keterangan yang memuat koma harus diberi tanda kutip", len(rec))}
		}
		h, msg := parseRecord(rec)
		if msg != "" {
			return nil, &ParseError{Line: line, Msg: msg}
		}
		if prev, dup := seen[h.Date]; dup {
			return nil, &ParseError{Line: line, Msg: fmt.Sprintf("tanggal %s sudah tercantum di baris %d", h.Date, prev)}
		}
		seen[h.Date] = line
		out = append(out, h)
	}
}

// sniffSeparator picks ';' when the header line has semicolons and no
// commas, and ',' otherwise.
func sniffSeparator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.IndexByte(first, ';') >= 0 && bytes.IndexByte(first, ',') < 0 {
		return ';'
	}
	return ','
}

func isHeader(rec []string) bool {
	if len(rec) != len(csvHeader) {
		return false
	}
	for i, want := range csvHeader {
		if !strings.EqualFold(strings.TrimSpace(rec[i]), want) {
			return false
		}
	}
	return true
}

// parseRecord validates one data row and returns an Indonesian message
// instead of an error so the caller adds the line number once.
func parseRecord(rec []string) (Holiday, string) {
	dateText := strings.TrimSpace(rec[0])
	d, err := ParseDate(dateText)
	if err != nil {
		return Holiday{}, err.Error()
	}
	kind := Kind(strings.ToLower(strings.TrimSpace(rec[1])))
	if !kind.Valid() {
		return Holiday{}, fmt.Sprintf("jenis %q tidak dikenal (pilih %s atau %s)", strings.TrimSpace(rec[1]), KindLiburNasional, KindCutiBersama)
	}
	name := strings.TrimSpace(rec[2])
	if name == "" {
		return Holiday{}, fmt.Sprintf("keterangan untuk tanggal %s kosong", d)
	}
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return Holiday{}, fmt.Sprintf("keterangan untuk tanggal %s memuat baris baru atau karakter kontrol", d)
	}
	return Holiday{Date: d, Kind: kind, Name: name}, ""
}

// csvError turns encoding/csv's English errors into the Indonesian form.
func csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("berkas kalender tidak dapat dibaca: %w", err)
	}
	msg := "format CSV tidak valid"
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = "tanda kutip (\") di tengah kolom; kolom yang memuat tanda kutip harus diapit tanda kutip seluruhnya"
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = "tanda kutip (\") tidak tertutup atau salah tempat"
	}
	line := pe.StartLine
	if line == 0 {
		line = pe.Line
	}
	return &ParseError{Line: line, Msg: msg}
}

// WriteHolidaysCSV writes holidays in the shape ParseHolidaysCSV reads,
// header first and rows in date order, so an edited calendar can be
// exported, reviewed and imported again. It refuses what the parser would
// refuse, so a written file always reads back.
func WriteHolidaysCSV(w io.Writer, holidays []Holiday) error {
	hs := slices.Clone(holidays)
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("kalender tidak dapat ditulis: %w", err)
	}
	for i, h := range hs {
		if err := checkHoliday(h); err != nil {
			return err
		}
		if i > 0 && hs[i-1].Date == h.Date {
			return fmt.Errorf("tanggal %s tercantum dua kali", h.Date)
		}
		if err := cw.Write([]string{h.Date.String(), string(h.Kind), h.Name}); err != nil {
			return fmt.Errorf("kalender tidak dapat ditulis: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("kalender tidak dapat ditulis: %w", err)
	}
	return nil
}

// checkHoliday applies the parser's rules to a Holiday built in code.
func checkHoliday(h Holiday) error {
	if _, err := ParseDate(h.Date.String()); err != nil {
		return err
	}
	if !h.Kind.Valid() {
		return fmt.Errorf("jenis %q untuk tanggal %s tidak dikenal (pilih %s atau %s)", h.Kind, h.Date, KindLiburNasional, KindCutiBersama)
	}
	_, msg := parseRecord([]string{h.Date.String(), string(h.Kind), h.Name})
	if msg != "" {
		return errors.New(msg)
	}
	if strings.TrimSpace(h.Name) != h.Name {
		return fmt.Errorf("keterangan untuk tanggal %s diawali atau diakhiri spasi", h.Date)
	}
	return nil
}
