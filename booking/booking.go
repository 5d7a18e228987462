// Package booking holds the rules of appointments (janji temu) that both
// ends share: the office's booking configuration (hours per weekday, slot
// length, quota per service per slot, the share set aside for the priority
// groups), the slots it gives on the office's working calendar, the
// capacity rule, and the checks of what a visitor types (phone, name, Kode
// Satker, booking code). Pure logic: the centre's store applies the
// capacity rule inside its transaction, the office keeps the configuration
// as a setting that travels up on sync.
package booking

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loket/workday"
)

// Statuses of a booking, the same words at the centre and in the office's
// office_bookings table.
const (
	StatusBooked    = "booked"
	StatusCheckedIn = "checked_in"
	StatusCancelled = "cancelled"
	StatusNoShow    = "no_show"
)

// Config is an office's booking configuration, kept as JSON in the
// office's settings (store.SettingBookingConfig) and sent to the centre.
type Config struct {
	// Enabled opens the office on the public booking page.
	Enabled bool `json:"enabled"`
	// Zone is the office's IANA zone (or WIB/WITA/WIT): slots are in it.
	Zone string `json:"zone"`
	// Hours are the booking hours per weekday as workday.FormatHours
	// writes them ("tutup;08:00-15:00;...;tutup"); they may be shorter
	// than the office hours (the last hour kept for walk-ins).
	Hours string `json:"hours"`
	// SlotMinutes is the length of one slot (5..240).
	SlotMinutes int `json:"slot_minutes"`
	// PriorityPercent of every slot's quota is kept for the priority
	// groups (lansia, penyandang disabilitas, ibu hamil/menyusui).
	PriorityPercent int `json:"priority_percent"`
	// DaysAhead is how far ahead a visitor may book (1..60 days).
	DaysAhead int `json:"days_ahead"`
	// Services are the bookable services with their quota per slot.
	Services []ServiceQuota `json:"services"`
}

// ServiceQuota is one bookable service: its id in the office store, its
// name for the booking page, and how many visitors one slot takes.
type ServiceQuota struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Quota int    `json:"quota"`
}

// DefaultConfig is what a new office starts from: closed to bookings,
// 08:00-15:00 Monday to Friday, 30-minute slots, 20% for priority.
func DefaultConfig() Config {
	return Config{Zone: workday.ZoneJakarta, Hours: "tutup;08:00-15:00;08:00-15:00;08:00-15:00;08:00-15:00;08:00-15:00;tutup",
		SlotMinutes: 30, PriorityPercent: 20, DaysAhead: 14}
}

// Parse reads a configuration from its JSON; the empty text gives
// DefaultConfig. Every error is a sentence for the admin.
func Parse(text string) (Config, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return DefaultConfig(), nil
	}
	var c Config
	if err := json.Unmarshal([]byte(text), &c); err != nil {
		return Config{}, errors.New("pengaturan janji temu tidak dapat dibaca")
	}
	return c, c.Validate()
}

// Format writes the configuration as compact JSON.
func (c Config) Format() string {
	b, _ := json.Marshal(c)
	return string(b)
}

// Validate checks the configuration; the error is a sentence for the admin.
func (c Config) Validate() error {
	if _, err := workday.LoadZone(c.Zone); err != nil {
		return fmt.Errorf("zona waktu %q tidak dikenal", c.Zone)
	}
	if _, err := c.WeekHours(); err != nil {
		return err
	}
	switch {
	case c.SlotMinutes < 5 || c.SlotMinutes > 240:
		return errors.New("panjang slot harus 5 sampai 240 menit")
	case c.PriorityPercent < 0 || c.PriorityPercent > 100:
		return errors.New("porsi prioritas harus 0 sampai 100 persen")
	case c.DaysAhead < 1 || c.DaysAhead > 60:
		return errors.New("pemesanan paling jauh harus 1 sampai 60 hari ke depan")
	}
	seen := map[string]bool{}
	for _, s := range c.Services {
		switch {
		case s.ID == "" || seen[s.ID]:
			return errors.New("setiap layanan harus punya id yang unik")
		case strings.TrimSpace(s.Name) == "":
			return errors.New("nama layanan wajib diisi")
		case s.Quota < 0 || s.Quota > 500:
			return fmt.Errorf("kuota layanan %s harus 0 sampai 500 per slot", s.Name)
		}
		seen[s.ID] = true
	}
	return nil
}

// WeekHours are the booking hours as a workday.WeekHours.
func (c Config) WeekHours() (workday.WeekHours, error) {
	w, err := workday.ParseHours(c.Hours)
	if err != nil {
		return w, fmt.Errorf("jam janji temu tidak valid: %v", err)
	}
	return w, nil
}

// Service returns the bookable service with id, or false.
func (c Config) Service(id string) (ServiceQuota, bool) {
	for _, s := range c.Services {
		if s.ID == id && s.Quota > 0 {
			return s, true
		}
	}
	return ServiceQuota{}, false
}

// Caps splits a slot's quota: regular is what visitors outside the
// priority groups may take, total what everyone together may take. The
// reserved share is rounded up, so a priority share above 0 always keeps
// at least one place when the quota has one.
func Caps(quota, priorityPercent int) (regular, total int) {
	if quota <= 0 {
		return 0, 0
	}
	reserved := (quota*priorityPercent + 99) / 100
	return quota - reserved, quota
}

// Slot is one bookable time of one day.
type Slot struct {
	Start, End time.Time
}

// Day is one working day and its slots.
type Day struct {
	Date  workday.Date
	Slots []Slot
}

// Slots lists the slots from the day of now up to DaysAhead days ahead,
// on the office's working days (cal: its holiday calendar; nil uses the
// estimates) and within its booking hours. Slots that start before
// now+lead are left out, so nobody books a slot that has begun.
func (c Config) Slots(cal *workday.Calendar, now time.Time, lead time.Duration) ([]Day, error) {
	hours, err := c.WeekHours()
	if err != nil {
		return nil, err
	}
	sch, err := workday.NewSchedule(c.Zone, hours, cal)
	if err != nil {
		return nil, err
	}
	step := time.Duration(c.SlotMinutes) * time.Minute
	first := sch.Date(now)
	var out []Day
	for i := 0; i <= c.DaysAhead; i++ {
		d := first.AddDays(i)
		if ok, _ := sch.IsWorkingDay(d); !ok {
			continue
		}
		open, closing, ok := sch.OfficeHours(d)
		if !ok {
			continue
		}
		day := Day{Date: d}
		for t := open; !t.Add(step).After(closing); t = t.Add(step) {
			if t.Before(now.Add(lead)) {
				continue
			}
			day.Slots = append(day.Slots, Slot{Start: t.UTC(), End: t.Add(step).UTC()})
		}
		if len(day.Slots) > 0 {
			out = append(out, day)
		}
	}
	return out, nil
}

// FindSlot returns the slot of the configuration that starts at start,
// or false (a slot the form did not offer, or one no longer open).
func (c Config) FindSlot(cal *workday.Calendar, now time.Time, lead time.Duration, start time.Time) (Slot, workday.Date, bool) {
	days, err := c.Slots(cal, now, lead)
	if err != nil {
		return Slot{}, workday.Date{}, false
	}
	for _, d := range days {
		for _, s := range d.Slots {
			if s.Start.Equal(start) {
				return s, d.Date, true
			}
		}
	}
	return Slot{}, workday.Date{}, false
}

// Problem is a refusal of what a visitor typed: its text is a sentence in
// Bahasa Indonesia for the visitor, shown as it is.
type Problem string

func (p Problem) Error() string { return string(p) }

// NormalizePhone turns an Indonesian mobile number as people type it
// (0812-3456-7890, +62 812 3456 7890, 62812...) into 0812...; the error
// is a sentence for the visitor.
func NormalizePhone(s string) (string, error) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return "", Problem("Nomor HP hanya boleh berisi angka.")
		}
	}
	p := b.String()
	switch {
	case strings.HasPrefix(p, "62"):
		p = "0" + p[2:]
	case strings.HasPrefix(p, "8"):
		p = "0" + p
	}
	if !strings.HasPrefix(p, "08") || len(p) < 10 || len(p) > 13 {
		return "", Problem("Nomor HP harus nomor seluler Indonesia, misalnya 0812 3456 7890.")
	}
	return p, nil
}

// MaskPhone hides the middle of a normalised phone: 0812****7890.
func MaskPhone(p string) string {
	if len(p) < 8 {
		return strings.Repeat("*", len(p))
	}
	return p[:4] + strings.Repeat("*", len(p)-8) + p[len(p)-4:]
}

// HashPhone is how the centre keeps a phone: enough to refuse a second
// booking of the same number, without storing the number itself.
func HashPhone(p string) string {
	h := sha256.Sum256([]byte("loket-janji-temu:" + p))
	return hex.EncodeToString(h[:])
}

// CleanName checks a visitor's name: 2 to 80 letters, no control
// characters; the error is a sentence for the visitor.
func CleanName(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if !utf8.ValidString(s) {
		return "", Problem("Nama memuat karakter yang tidak sah.")
	}
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 80 {
		return "", Problem("Nama wajib diisi, 2 sampai 80 huruf.")
	}
	for _, r := range s {
		if unicode.IsControl(r) || r > 0xFFFF {
			return "", Problem("Nama memuat karakter yang tidak sah.")
		}
	}
	return s, nil
}

// CleanSatker checks the optional Kode Satker: empty or six digits.
func CleanSatker(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) != 6 || strings.Trim(s, "0123456789") != "" {
		return "", Problem("Kode Satker terdiri dari 6 angka, atau kosongkan.")
	}
	return s, nil
}

// codeAlphabet leaves out letters and digits people confuse (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLen is the length of a booking code: 31^8 ≈ 8.5·10^11 codes, so a
// code cannot be guessed within the rate limits.
const CodeLen = 8

// NewCode makes a random booking code. Random bytes at or above the
// largest multiple of the alphabet's size are drawn again, so every
// character is equally likely.
func NewCode() string {
	const limit = 256 - 256%len(codeAlphabet)
	out := make([]byte, 0, CodeLen)
	var buf [16]byte
	for len(out) < CodeLen {
		_, _ = rand.Read(buf[:])
		for _, c := range buf {
			if int(c) < limit && len(out) < CodeLen {
				out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
			}
		}
	}
	return string(out)
}

// CleanCode reads a booking code as typed or scanned (lower case, spaces
// and dashes allowed); false when it cannot be one.
func CleanCode(s string) (string, bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(s) != CodeLen {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(codeAlphabet, rune(s[i])) {
			return "", false
		}
	}
	return s, true
}
