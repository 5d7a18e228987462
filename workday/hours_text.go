package workday

import (
	"fmt"
	"strings"
	"time"
)

// FormatHours writes office hours as one line, Sunday first, spans
// separated by ";": "tutup;08:00-17:00;...;08:00-16:30;tutup". It is how
// the office store keeps them.
func FormatHours(w WeekHours) string {
	parts := make([]string, 7)
	for d := time.Sunday; d <= time.Saturday; d++ {
		parts[d] = w[d].String()
	}
	return strings.Join(parts, ";")
}

// ParseHours reads FormatHours' text; an empty text gives DefaultHours.
func ParseHours(s string) (WeekHours, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DefaultHours(), nil
	}
	parts := strings.Split(s, ";")
	if len(parts) != 7 {
		return WeekHours{}, fmt.Errorf("jam layanan harus berisi 7 hari (Minggu sampai Sabtu), ditemukan %d", len(parts))
	}
	var w WeekHours
	for d, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || strings.EqualFold(p, "tutup") {
			continue
		}
		sp, err := ParseSpan(p)
		if err != nil {
			return WeekHours{}, fmt.Errorf("%s: %w", DayName(time.Weekday(d)), err)
		}
		w[d] = sp
	}
	if err := w.Validate(); err != nil {
		return WeekHours{}, err
	}
	return w, nil
}
