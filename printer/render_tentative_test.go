package printer

import (
	"bytes"
	"testing"
	"time"

	"loket/reports"
)

// A thermal receipt whose promise rests on estimated holidays carries the
// cuti bersama line too (the words may wrap, so check a short phrase).
func TestReceiptESCPOSTentativeDue(t *testing.T) {
	d := reports.ReceiptData{ReceiptNumber: "TT-1", VisitorName: "Siti",
		DueAt: time.Date(2027, 1, 4, 17, 0, 0, 0, time.FixedZone("WIB", 7*3600)), DueNote: "5 hari kerja"}
	if bytes.Contains(ReceiptESCPOS(d, Paper80), []byte("cuti bersama")) {
		t.Fatal("firm promise mentions cuti bersama")
	}
	d.DueTentative = true
	if !bytes.Contains(ReceiptESCPOS(d, Paper80), []byte("cuti bersama")) {
		t.Fatal("tentative promise lacks the cuti bersama line")
	}
}
