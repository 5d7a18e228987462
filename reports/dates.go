package reports

import (
	"fmt"
	"time"
)

var dayNames = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

var monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// DayNameID returns the Indonesian name of a weekday ("Senin").
func DayNameID(d time.Weekday) string {
	if d < 0 || int(d) >= len(dayNames) {
		return ""
	}
	return dayNames[d]
}

// MonthNameID returns the Indonesian name of a month ("Agustus").
func MonthNameID(m time.Month) string {
	if m < 1 || int(m) > len(monthNames) {
		return ""
	}
	return monthNames[m-1]
}

// FormatDateID formats the calendar date of t in t's own location, the way
// Indonesian letters write it: "Senin, 23 November 2026". Callers convert t
// to the office's zone first. The zero time gives "".
func FormatDateID(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s, %d %s %d", DayNameID(t.Weekday()), t.Day(), MonthNameID(t.Month()), t.Year())
}

// FormatDateTimeID formats t as "Senin, 23 November 2026 08:15 WIB". An empty
// zoneLabel falls back to ZoneLabelID(t). The zero time gives "".
func FormatDateTimeID(t time.Time, zoneLabel string) string {
	if t.IsZero() {
		return ""
	}
	if zoneLabel == "" {
		zoneLabel = ZoneLabelID(t)
	}
	s := fmt.Sprintf("%s %02d:%02d", FormatDateID(t), t.Hour(), t.Minute())
	if zoneLabel != "" {
		s += " " + zoneLabel
	}
	return s
}

// ZoneLabelID names the Indonesian time zone of t's location: WIB, WITA or
// WIT for the IANA zones of Indonesia, otherwise the location's abbreviation
// when it is a word (not "+07"), otherwise "".
func ZoneLabelID(t time.Time) string {
	switch t.Location().String() {
	case "Asia/Jakarta", "Asia/Pontianak":
		return "WIB"
	case "Asia/Makassar":
		return "WITA"
	case "Asia/Jayapura":
		return "WIT"
	}
	name, _ := t.Zone()
	for _, r := range name {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return ""
		}
	}
	return name
}

// FormatWaitID describes an estimated waiting time for a visitor: "± 25
// menit", "± 1 jam 10 menit", "kurang dari 1 menit". Negative durations are
// treated as zero.
func FormatWaitID(d time.Duration) string {
	if d < time.Minute {
		return "kurang dari 1 menit"
	}
	m := int((d + 30*time.Second) / time.Minute)
	h, m := m/60, m%60
	switch {
	case h == 0:
		return fmt.Sprintf("± %d menit", m)
	case m == 0:
		return fmt.Sprintf("± %d jam", h)
	default:
		return fmt.Sprintf("± %d jam %d menit", h, m)
	}
}
