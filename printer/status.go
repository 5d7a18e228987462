package printer

import (
	"fmt"
	"strings"
)

// ESC/POS status requests. DLE EOT n is a real-time command: the printer
// answers at once, even with a full buffer or offline, one byte per
// request. GS r 1 is an ordinary command: it waits its turn behind the job
// in the printer's buffer, so its answer means "everything before me has
// been processed", the closest thing ESC/POS has to "printed".
var (
	reqPrinterStatus = []byte{0x10, 0x04, 1} // DLE EOT 1: online/offline
	reqOfflineCause  = []byte{0x10, 0x04, 2} // DLE EOT 2: cover, paper-end stop, error
	reqErrorCause    = []byte{0x10, 0x04, 3} // DLE EOT 3: cutter, mechanical, fatal
	reqPaperSensor   = []byte{0x10, 0x04, 4} // DLE EOT 4: roll near end / out
	reqBarrier       = []byte{gs, 'r', 1}    // GS r 1: paper sensor, after the buffer
)

// isRealtimeReply reports whether b has the fixed bits of a DLE EOT answer
// (0xx1xx10). Bytes of any other shape (automatic status back blocks left
// on by another program, GS r answers) are not taken for one.
func isRealtimeReply(b byte) bool { return b&0x93 == 0x12 }

// isBarrierReply reports whether b has the shape of a GS r 1 answer
// (0000xxxx), which cannot be mistaken for a DLE EOT answer (bit 4 set).
func isBarrierReply(b byte) bool { return b&0xF0 == 0 }

// Status is what an ESC/POS printer said about itself. The zero value is
// "nothing known".
type Status struct {
	// Answered is true when the printer answered DLE EOT 1 at all.
	Answered bool
	// Bytes holds the answers to DLE EOT 1 to 4 (index 0 to 3); Got says
	// which of them came.
	Bytes [4]byte
	Got   [4]bool
	// Barrier is true when the printer answered GS r 1, so "after the job"
	// can mean "after the printer processed it".
	Barrier     bool
	BarrierByte byte

	Offline         bool // DLE EOT 1 bit 3
	WaitingRecovery bool // DLE EOT 1 bit 5
	CoverOpen       bool // DLE EOT 2 bit 2
	FeedButton      bool // DLE EOT 2 bit 3: paper being fed by the button
	PaperEndStop    bool // DLE EOT 2 bit 5: printing stopped at paper end
	ErrorOccurred   bool // DLE EOT 2 bit 6
	MechanicalError bool // DLE EOT 3 bit 2 (recoverable, e.g. paper jam)
	CutterError     bool // DLE EOT 3 bit 3
	Unrecoverable   bool // DLE EOT 3 bit 5
	AutoRecoverable bool // DLE EOT 3 bit 6 (head too hot, will resume)
	PaperNearEnd    bool // DLE EOT 4 bits 2-3, or GS r 1 bits 0-1
	PaperOut        bool // DLE EOT 4 bits 5-6, or GS r 1 bits 2-3
}

// set records the answer to DLE EOT n (1 to 4).
func (s *Status) set(n int, b byte) {
	s.Bytes[n-1], s.Got[n-1] = b, true
	switch n {
	case 1:
		s.Answered = true
		s.Offline = b&0x08 != 0
		s.WaitingRecovery = b&0x20 != 0
	case 2:
		s.CoverOpen = b&0x04 != 0
		s.FeedButton = b&0x08 != 0
		s.PaperEndStop = b&0x20 != 0
		s.ErrorOccurred = b&0x40 != 0
	case 3:
		s.MechanicalError = b&0x04 != 0
		s.CutterError = b&0x08 != 0
		s.Unrecoverable = b&0x20 != 0
		s.AutoRecoverable = b&0x40 != 0
	case 4:
		s.PaperNearEnd = b&0x0C != 0
		s.PaperOut = b&0x60 != 0
	}
}

// setBarrier records the answer to GS r 1.
func (s *Status) setBarrier(b byte) {
	s.Barrier, s.BarrierByte = true, b
	if b&0x03 != 0 {
		s.PaperNearEnd = true
	}
	if b&0x0C != 0 {
		s.PaperOut = true
	}
}

// Problem is the reason this printer cannot print now, or KindUnknown when
// it reports nothing wrong. Paper out comes before cover open before other
// errors: the first names the fix most likely to help.
func (s Status) Problem() Kind {
	switch {
	case s.PaperOut || s.PaperEndStop:
		return KindPaperOut
	case s.CoverOpen:
		return KindCoverOpen
	case s.MechanicalError || s.CutterError || s.Unrecoverable || s.AutoRecoverable || s.ErrorOccurred:
		return KindPrinterError
	case s.Offline:
		return KindOffline
	}
	return KindUnknown
}

// Describe says in Bahasa Indonesia what the printer reported, for the IT
// person: "daring; kertas cukup; tutup tertutup; tanpa galat".
func (s Status) Describe() string {
	if !s.Answered {
		return "printer tidak menjawab permintaan status"
	}
	var parts []string
	if s.Offline {
		parts = append(parts, "luring (offline)")
	} else {
		parts = append(parts, "daring (online)")
	}
	switch {
	case s.PaperOut || s.PaperEndStop:
		parts = append(parts, "kertas habis")
	case s.PaperNearEnd:
		parts = append(parts, "kertas hampir habis")
	case s.Got[3] || s.Barrier:
		parts = append(parts, "kertas cukup")
	default:
		parts = append(parts, "sensor kertas tidak dilaporkan")
	}
	switch {
	case s.CoverOpen:
		parts = append(parts, "tutup terbuka")
	case s.Got[1]:
		parts = append(parts, "tutup tertutup")
	}
	var errs []string
	if s.MechanicalError {
		errs = append(errs, "galat mekanis (kertas macet?)")
	}
	if s.CutterError {
		errs = append(errs, "galat pemotong kertas")
	}
	if s.Unrecoverable {
		errs = append(errs, "galat yang tidak dapat pulih sendiri")
	}
	if s.AutoRecoverable {
		errs = append(errs, "kepala cetak terlalu panas, menunggu dingin")
	}
	if len(errs) == 0 && s.ErrorOccurred {
		errs = append(errs, "printer melaporkan galat")
	}
	switch {
	case len(errs) > 0:
		parts = append(parts, strings.Join(errs, ", "))
	case s.Got[2] || s.Got[1]:
		parts = append(parts, "tanpa galat")
	}
	if s.FeedButton {
		parts = append(parts, "tombol FEED sedang ditekan")
	}
	return strings.Join(parts, "; ")
}

// Raw lists the status bytes as they came, for the IT person and the log:
// "DLE EOT 1=0x16 2=0x12 3=0x12 4=0x12, GS r 1=0x00".
func (s Status) Raw() string {
	var b strings.Builder
	b.WriteString("DLE EOT")
	for i, got := range s.Got {
		if got {
			fmt.Fprintf(&b, " %d=0x%02X", i+1, s.Bytes[i])
		} else {
			fmt.Fprintf(&b, " %d=-", i+1)
		}
	}
	if s.Barrier {
		fmt.Fprintf(&b, ", GS r 1=0x%02X", s.BarrierByte)
	} else {
		b.WriteString(", GS r 1=-")
	}
	return b.String()
}
