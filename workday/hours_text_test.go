package workday

import (
	"strings"
	"testing"
)

func TestHoursText(t *testing.T) {
	def := FormatHours(DefaultHours())
	if !strings.HasPrefix(def, "tutup;08:00-17:00") || !strings.HasSuffix(def, ";tutup") {
		t.Fatalf("default hours text %q", def)
	}
	w, err := ParseHours("tutup;07:30-16:00;07:30-16:00;07:30-16:00;07:30-16:00;07:30-16:30;tutup")
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatHours(w); got != "tutup;07:30-16:00;07:30-16:00;07:30-16:00;07:30-16:00;07:30-16:30;tutup" {
		t.Fatalf("round trip %q", got)
	}
	if w, err := ParseHours(""); err != nil || w != DefaultHours() {
		t.Fatalf("empty: %v %v", w, err)
	}
	for _, bad := range []string{"08:00-17:00", "tutup;x;tutup;tutup;tutup;tutup;tutup", "tutup;17:00-08:00;tutup;tutup;tutup;tutup;tutup"} {
		if _, err := ParseHours(bad); err == nil {
			t.Fatalf("accepted %q", bad)
		}
	}
}
