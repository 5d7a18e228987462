package office_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

func TestOpenForTickets(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l := office.NewLocal(st)
	ctx := context.Background()
	if _, err := office.FirstRun(ctx, l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "A", AdminPassword: "rahasia1"}); err != nil {
		t.Fatal(err)
	}
	wib := time.FixedZone("WIB", 7*3600)
	for _, tc := range []struct {
		name string
		at   time.Time
		open bool
		want string
	}{
		{"Monday morning", time.Date(2026, 11, 23, 9, 0, 0, 0, wib), true, ""},
		{"before opening", time.Date(2026, 11, 23, 7, 15, 0, 0, wib), false, "mulai pukul 08.00 WIB"},
		{"after closing", time.Date(2026, 11, 23, 17, 30, 0, 0, wib), false, "Selasa pukul 08.00"},
		{"Saturday", time.Date(2026, 11, 21, 10, 0, 0, 0, wib), false, "Sabtu"},
		{"Nyepi", time.Date(2026, 3, 19, 10, 0, 0, 0, wib), false, "Nyepi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			open, why := office.OpenForTickets(ctx, l, tc.at)
			if open != tc.open || !strings.Contains(why, tc.want) {
				t.Fatalf("open=%v %q", open, why)
			}
		})
	}
}
