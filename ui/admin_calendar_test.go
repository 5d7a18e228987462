package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The harness clock stands at 23 November 2026 and only the 2026 SKB
// ships: the holiday list shows the 2026 decree and the estimated 2027
// days, labelled perkiraan, until a 2027 file is imported.
func TestCalendarPaneEstimates(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.onLogout()
	test.Type(h.app.login.user, "admin")
	test.Type(h.app.login.pass, "rahasia1")
	test.Tap(h.app.login.login)
	p := h.app.admin.calendar
	p.reload()
	var est, decree int
	var newYear string
	for _, d := range p.days {
		row := calendarRow(d)
		switch {
		case d.Estimated:
			est++
			if !strings.HasPrefix(d.Date, "2027-") || !strings.Contains(row, "(perkiraan)") {
				t.Errorf("estimated row %q", row)
			}
			if d.Date == "2027-01-01" {
				newYear = row
			}
		default:
			decree++
			if strings.Contains(row, "perkiraan") {
				t.Errorf("decree row says perkiraan: %q", row)
			}
		}
	}
	if decree != 25 || est < 15 || newYear != "Jumat, 1 Januari 2027  ·  Libur nasional (perkiraan)  ·  Tahun Baru 2027 Masehi" {
		t.Fatalf("%d decree rows, %d estimated, 1 Jan 2027 row %q", decree, est, newYear)
	}

	// Deleting an estimate is refused with a message that says why.
	p.date.SetText("2027-01-01")
	p.onDelete()
	if !strings.Contains(p.message.Text, "perkiraan dan tidak dapat dihapus") {
		t.Fatalf("delete estimate: %q", p.message.Text)
	}

	p.importCSV([]byte("tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n"))
	for _, d := range p.days {
		if d.Estimated {
			t.Fatalf("estimate %+v still listed after importing 2027", d)
		}
	}
	if len(p.days) != 26 {
		t.Fatalf("%d rows after import, want 26", len(p.days))
	}
}
