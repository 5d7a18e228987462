package ui

import (
	"fmt"
	"time"
)

var hariID = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

var bulanID = [...]string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// tanggal formats a date the Indonesian way: "Senin, 23 November 2026".
func tanggal(t time.Time) string {
	return fmt.Sprintf("%s, %d %s %d", hariID[t.Weekday()], t.Day(), bulanID[t.Month()], t.Year())
}

// durasi says a wait in words: "± 15 menit", "± 1 jam 20 menit".
func durasi(d time.Duration) string {
	m := int((d + 30*time.Second) / time.Minute)
	switch {
	case m < 1:
		return "kurang dari 1 menit"
	case m < 60:
		return fmt.Sprintf("± %d menit", m)
	case m%60 == 0:
		return fmt.Sprintf("± %d jam", m/60)
	default:
		return fmt.Sprintf("± %d jam %d menit", m/60, m%60)
	}
}
