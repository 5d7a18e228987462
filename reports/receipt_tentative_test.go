package reports

import (
	"strings"
	"testing"
	"time"
)

// A promise in a year whose SKB is not loaded carries one line saying the
// date may move with cuti bersama, on every layout; a firm one does not.
func TestReceiptTentativeDue(t *testing.T) {
	for _, layout := range []Layout{Thermal80, A5, A4} {
		t.Run(layout.String(), func(t *testing.T) {
			d := sampleReceipt()
			d.DueAt = time.Date(2027, 1, 4, 17, 0, 0, 0, d.ReceivedAt.Location())
			d.DueTentative = true
			b, err := ReceiptPDF(d, layout)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(pdfText(t, b)), " ")
			assertContains(t, text, "4 Januari 2027", "dapat bergeser bila ada cuti bersama")

			d.DueTentative = false
			b, err = ReceiptPDF(d, layout)
			if err != nil {
				t.Fatal(err)
			}
			if text := strings.Join(strings.Fields(pdfText(t, b)), " "); strings.Contains(text, "cuti bersama") {
				t.Error("firm promise mentions cuti bersama")
			}
		})
	}
	d := ReceiptData{DueNote: "5 hari kerja", DueTentative: true}
	if got := d.DueNotes(); got != "5 hari kerja. "+DueTentativeNote {
		t.Errorf("DueNotes = %q", got)
	}
}
