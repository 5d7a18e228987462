package booking_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"loket/booking"
	"loket/workday"
)

func TestCaps(t *testing.T) {
	for _, tc := range []struct{ quota, percent, regular, total int }{
		{0, 20, 0, 0}, {1, 0, 1, 1}, {1, 20, 0, 1}, {4, 25, 3, 4}, {5, 20, 4, 5}, {10, 15, 8, 10}, {3, 100, 0, 3},
	} {
		r, tot := booking.Caps(tc.quota, tc.percent)
		if r != tc.regular || tot != tc.total {
			t.Errorf("Caps(%d, %d) = %d, %d; want %d, %d", tc.quota, tc.percent, r, tot, tc.regular, tc.total)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"0812-3456-7890", "081234567890", ""},
		{"+62 812 3456 7890", "081234567890", ""},
		{"6281234567890", "081234567890", ""},
		{"812 3456 789", "08123456789", ""},
		{"(0812) 3456.7890", "081234567890", ""},
		{"021 3449230", "", "seluler"},
		{"0812", "", "seluler"},
		{"08123456789012345", "", "seluler"},
		{"0812abc", "", "angka"},
		{"08+12345678", "", "angka"},
		{"", "", "seluler"},
	} {
		got, err := booking.NormalizePhone(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
	if m := booking.MaskPhone("081234567890"); m != "0812****7890" {
		t.Errorf("mask %q", m)
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := booking.NewCode()
		if got, ok := booking.CleanCode(c); !ok || got != c {
			t.Fatalf("new code %q does not read back", c)
		}
		seen[c] = true
	}
	if len(seen) < 999 {
		t.Fatalf("%d distinct codes of 1000", len(seen))
	}
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{{"k7mq-2xpa", "K7MQ2XPA", true}, {" K7MQ 2XPA ", "K7MQ2XPA", true}, {"K7MQ2XP0", "", false}, {"K7MQ2XP", "", false}, {"", "", false}} {
		if got, ok := booking.CleanCode(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("CleanCode(%q) = %q, %v", tc.in, got, ok)
		}
	}
}

// Slots lie on working days within the booking hours, start no sooner
// than the lead, and skip the holidays of the calendar.
func TestSlots(t *testing.T) {
	c := booking.DefaultConfig()
	c.Hours = "tutup;08:00-10:00;08:00-10:00;08:00-10:00;08:00-10:00;08:00-09:00;tutup"
	c.DaysAhead = 7
	cal, err := workday.NewCalendar([]workday.Holiday{{Date: workday.NewDate(2027, 3, 3), Kind: workday.KindLiburNasional, Name: "Libur"}})
	if err != nil {
		t.Fatal(err)
	}
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2027, 3, 1, 8, 50, 0, 0, wib) // Monday, 08:50
	days, err := c.Slots(cal, now, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range days {
		got = append(got, d.Date.String()+":"+itoa(len(d.Slots)))
	}
	// Monday from 09:30 (09:00 starts within the lead), Wednesday a
	// holiday, Friday closes at 09:00, the weekend closed.
	want := "2027-03-01:1 2027-03-02:4 2027-03-04:4 2027-03-05:2 2027-03-08:4"
	if strings.Join(got, " ") != want {
		t.Fatalf("days %v, want %s", got, want)
	}
	if s := days[0].Slots[0]; !s.Start.Equal(time.Date(2027, 3, 1, 9, 30, 0, 0, wib)) || s.End.Sub(s.Start) != 30*time.Minute {
		t.Fatalf("first slot %v-%v", s.Start, s.End)
	}
	if _, _, ok := c.FindSlot(cal, now, 15*time.Minute, time.Date(2027, 3, 3, 8, 0, 0, 0, wib)); ok {
		t.Fatal("a slot on a holiday was found")
	}
	if s, d, ok := c.FindSlot(cal, now, 15*time.Minute, time.Date(2027, 3, 2, 8, 30, 0, 0, wib)); !ok || d.String() != "2027-03-02" || s.End.Sub(s.Start) != 30*time.Minute {
		t.Fatalf("FindSlot: %v %v %v", s, d, ok)
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestConfigValidate(t *testing.T) {
	good := booking.DefaultConfig()
	good.Services = []booking.ServiceQuota{{ID: "S1", Name: "Layanan", Quota: 3}}
	if c, err := booking.Parse(good.Format()); err != nil || c.Services[0].Quota != 3 {
		t.Fatalf("round trip: %+v %v", c, err)
	}
	if c, err := booking.Parse(""); err != nil || c.Enabled {
		t.Fatalf("empty: %+v %v", c, err)
	}
	for _, tc := range []struct {
		name string
		edit func(*booking.Config)
		want string
	}{
		{"zone", func(c *booking.Config) { c.Zone = "Mars/Olympus" }, "zona waktu"},
		{"hours", func(c *booking.Config) { c.Hours = "08:00-12:00" }, "jam janji temu"},
		{"slot", func(c *booking.Config) { c.SlotMinutes = 4 }, "panjang slot"},
		{"share", func(c *booking.Config) { c.PriorityPercent = -1 }, "porsi prioritas"},
		{"ahead", func(c *booking.Config) { c.DaysAhead = 61 }, "60 hari"},
		{"duplicate", func(c *booking.Config) { c.Services = append(c.Services, c.Services[0]) }, "unik"},
		{"quota", func(c *booking.Config) { c.Services[0].Quota = 501 }, "kuota"},
		{"name", func(c *booking.Config) { c.Services[0].Name = " " }, "nama layanan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			c.Services = append([]booking.ServiceQuota(nil), good.Services...)
			tc.edit(&c)
			if _, err := booking.Parse(c.Format()); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%v, want %q", err, tc.want)
			}
		})
	}
	if _, err := booking.Parse("{"); err == nil {
		t.Fatal("broken JSON accepted")
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"0812-3456-7890", "+6281234567890", "8123", "٠٨١٢", "0812\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := booking.NormalizePhone(s)
		if err != nil {
			if p != "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("%q: %q, %v", s, p, err)
			}
			return
		}
		if !strings.HasPrefix(p, "08") || len(p) < 10 || len(p) > 13 || strings.Trim(p, "0123456789") != "" {
			t.Fatalf("%q gave %q", s, p)
		}
		if again, err := booking.NormalizePhone(p); err != nil || again != p {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, p, again, err)
		}
	})
}

func FuzzParse(f *testing.F) {
	good := booking.DefaultConfig()
	good.Services = []booking.ServiceQuota{{ID: "S1", Name: "Layanan", Quota: 3}}
	for _, s := range []string{good.Format(), "", "{}", `{"slot_minutes":-1}`, `{"hours":"tutup"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := booking.Parse(s)
		if err != nil {
			return
		}
		// A configuration that parses gives slots without error.
		if _, err := c.Slots(nil, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), 0); err != nil {
			t.Fatalf("%q parsed but gives no slots: %v", s, err)
		}
	})
}
