package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestRegisterVisitorChecklistAndReceipt(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	var opened []string
	h.app.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	r, tk := h.registerB()
	c := h.app.counter
	if r == nil || r.ticket.ID != tk.ID {
		t.Fatal("registration window not opened for the current ticket")
	}
	if !r.linked || len(r.checks) != 2 {
		t.Fatalf("checklist from the KPPN standard: linked=%v, %d items", r.linked, len(r.checks))
	}
	cur, _ := h.svc.CurrentTicket(context.Background(), c.session.CounterID)
	if cur.Status != "serving" {
		t.Fatalf("registering did not start service: %s", cur.Status)
	}
	// A first-time visitor looked up by satker code: nothing found, and
	// the code lands in the form with its satker name.
	r.lookup.SetText("409294")
	r.onLookup()
	if len(r.found) != 0 || r.satker.Text != "409294" || !strings.Contains(r.message.Text, "belum pernah tercatat") {
		t.Fatalf("lookup of a new satker: found %d, satker %q, %q", len(r.found), r.satker.Text, r.message.Text)
	}
	if !strings.Contains(r.satkerName.Text, "Sekretariat Jenderal") {
		t.Fatalf("satker name %q", r.satkerName.Text)
	}
	test.Type(r.name, "Budi Santoso")
	test.Type(r.phone, "0812")
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "telepon") {
		t.Fatalf("short phone accepted: %q", r.message.Text)
	}
	r.phone.SetText("0812-3456-7890")
	r.checks[0].SetChecked(true)
	if !strings.Contains(r.decision.Text, "belum lengkap") {
		t.Fatalf("decision %q", r.decision.Text)
	}
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "tulis catatan") {
		t.Fatalf("missing item without note: %q", r.message.Text)
	}
	r.checks[1].SetChecked(true)
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "TT-KPPN019-2026-00001") || !strings.Contains(r.message.Text, "selesai paling lambat") {
		t.Fatalf("saved: %q", r.message.Text)
	}
	if len(opened) != 1 {
		t.Fatalf("receipt opened %d times", len(opened))
	}
	pdf, err := os.ReadFile(opened[0])
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("receipt file: %v", err)
	}
	if r.save.Text != "Simpan Perubahan dan Cetak Ulang" || r.newRcpt.Hidden {
		t.Fatalf("after saving, the button says %q (new receipt button hidden: %v)", r.save.Text, r.newRcpt.Hidden)
	}
	// A thermal printer that is off: saving again keeps the one receipt
	// number, and the reprint failure is said.
	h.app.savePrintSettings(printSettings{Mode: "escpos", Target: "127.0.0.1:1", Layout: "thermal80"})
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "gagal dicetak") || !strings.Contains(r.message.Text, "00001") || !strings.Contains(r.message.Text, "nomor tetap") {
		t.Fatalf("failed print on saving again: %q", r.message.Text)
	}
	if len(r.receipts) != 1 {
		t.Fatalf("saving twice made %d receipts", len(r.receipts))
	}
	// Back to the PDF viewer: saving again reprints it as a SALINAN.
	h.app.savePrintSettings(printSettings{Mode: "pdf", Layout: "a5"})
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "SALINAN") || len(opened) != 2 || !strings.Contains(opened[1], "salinan") {
		t.Fatalf("saving again after a print: %q %v", r.message.Text, opened)
	}
	// A second receipt for the ticket is an explicit choice.
	test.Tap(r.newRcpt)
	confirmDialog(t, r.win)
	if !r.another || !strings.Contains(r.save.Text, "Tanda Terima Baru") {
		t.Fatalf("after choosing a new receipt: %q", r.save.Text)
	}
	h.app.savePrintSettings(printSettings{Mode: "escpos", Target: "127.0.0.1:1", Layout: "thermal80"})
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "gagal dicetak") || !strings.Contains(r.message.Text, "00002") {
		t.Fatalf("failed print: %q", r.message.Text)
	}
	rc, err := h.svc.FindReceipt(context.Background(), "TT-KPPN019-2026-00002")
	if err != nil || rc.PrintCount != 0 || rc.PrintError == "" {
		t.Fatalf("unprinted receipt %+v %v", rc, err)
	}
	if len(r.receipts) != 2 {
		t.Fatalf("today's receipts %d", len(r.receipts))
	}
	// Back to the PDF viewer and reprint the first as a copy.
	h.app.savePrintSettings(printSettings{Mode: "pdf", Layout: "a5"})
	r.receiptList.Select(1) // newest first: row 1 is the first receipt
	test.Tap(r.reprintBtn)
	if !strings.Contains(r.message.Text, "dicetak ulang") || len(opened) != 3 || !strings.Contains(opened[2], "salinan") {
		t.Fatalf("reprint: %q %v", r.message.Text, opened)
	}
	// The returning visitor is found by phone.
	r.lookup.SetText("081234567890")
	r.onLookup()
	if len(r.found) != 1 || r.name.Text != "Budi Santoso" {
		t.Fatalf("lookup %d %q", len(r.found), r.name.Text)
	}
	// An unknown phone number goes into the phone field.
	r.phone.SetText("")
	r.lookup.SetText("+62 811-7654-3210")
	r.onLookup()
	if len(r.found) != 0 || r.phone.Text != "+62 811-7654-3210" {
		t.Fatalf("lookup of a new phone: found %d, phone %q", len(r.found), r.phone.Text)
	}
}
