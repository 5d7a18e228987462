package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The harness clock stands at 23 November 2026 and only the 2026 calendar
// ships, so the coming two months reach into 2027: until an admin imports
// 2027, admins see the warning under the header and other officers a small
// sign in it.
func TestCalendarBanner(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("fo1")
	// An officer who cannot act on it gets the small sign in the header,
	// the whole warning behind it; the banner is for admins.
	if !h.app.calBanner.Hidden || h.app.calSign.Hidden ||
		!strings.Contains(h.app.calWarn, "Hari libur tahun 2027 masih perkiraan sampai SKB-nya diimpor") ||
		!strings.Contains(h.app.calWarn, "Minta admin") {
		t.Fatalf("fo1: banner hidden=%v, sign hidden=%v, %q", h.app.calBanner.Hidden, h.app.calSign.Hidden, h.app.calWarn)
	}

	h.app.onLogout()
	ls := h.app.login
	test.Type(ls.user, "admin")
	test.Type(ls.pass, "rahasia1")
	test.Tap(ls.login)
	if h.app.calBanner.Hidden || !h.app.calSign.Hidden || !strings.Contains(h.app.calText.Text, "Impor SKB-nya di tab Admin, bagian Hari Libur") {
		t.Fatalf("admin banner hidden=%v %q", h.app.calBanner.Hidden, h.app.calText.Text)
	}
	// A malformed file changes nothing and keeps the banner.
	h.app.admin.calendar.importCSV([]byte("tanggal,jenis\nbukan-tanggal,libur_nasional\n"))
	if h.app.calBanner.Hidden {
		t.Fatal("banner hidden after a refused import")
	}
	h.app.admin.calendar.importCSV([]byte("tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n"))
	if !h.app.calBanner.Hidden {
		t.Fatalf("banner still shown after importing 2027: %q / %q", h.app.calText.Text, h.app.admin.calendar.message.Text)
	}
	h.loginAs("fo1")
	if !h.app.calBanner.Hidden || !h.app.calSign.Hidden {
		t.Fatalf("banner or sign shown to fo1 with 2027 loaded: %q", h.app.calText.Text)
	}
}
