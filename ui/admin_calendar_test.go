package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"loket/office"
	"loket/store"
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

	// Saving one 2027 day makes the stored list count for 2027, and says so.
	p.date.SetText("2027-01-04")
	p.kind.SetSelected("Cuti bersama")
	p.name.SetText("Cuti tambahan")
	p.onSave()
	if !strings.Contains(p.message.Text, "perkiraannya tidak dipakai lagi") {
		t.Fatalf("save into 2027: %q", p.message.Text)
	}
	for _, d := range p.days {
		if d.Estimated {
			t.Fatalf("estimate %+v still listed after saving a 2027 day", d)
		}
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

// A receipt promising a date in 2027, whose SKB is not loaded, is printed
// with the caveat; once 2027 is imported, a reprint is not.
func TestReceiptDataTentative(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("fo1")
	loc := h.app.office.Location()
	r := store.Receipt{Number: "TT-1", CreatedAt: time.Date(2026, 12, 23, 10, 0, 0, 0, loc),
		DueAt: time.Date(2027, 1, 4, 17, 0, 0, 0, loc), Complete: true, DueNote: "5 hari kerja"}
	ctx := context.Background()
	if d := h.app.receiptData(ctx, r, false); !d.DueTentative || !strings.Contains(d.DueNotes(), "cuti bersama") {
		t.Fatalf("receipt into 2027 without SKB: tentative %v, %q", d.DueTentative, d.DueNotes())
	}
	r2 := r
	r2.DueAt = time.Date(2026, 12, 31, 17, 0, 0, 0, loc)
	if d := h.app.receiptData(ctx, r2, false); d.DueTentative {
		t.Fatal("promise inside 2026 marked tentative")
	}
	offs, err := h.svc.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var admin store.Officer
	for _, o := range offs {
		if o.Username == "admin" {
			admin = o
		}
	}
	if _, err := h.svc.ImportHolidays(ctx, admin.ID, []byte("tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n")); err != nil {
		t.Fatal(err)
	}
	if d := h.app.receiptData(ctx, r, true); d.DueTentative {
		t.Fatal("reprint still tentative after the 2027 SKB was imported")
	}
}

// storedDays counts the listed days that come from the store, leaving out
// the estimates of a year without its SKB.
func storedDays(days []office.CalendarDay) int {
	n := 0
	for _, d := range days {
		if !d.Estimated {
			n++
		}
	}
	return n
}
