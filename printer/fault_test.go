package printer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"loket/printer/printertest"
	"loket/reports"
)

// fast keeps the fault tests short: every wait is a second or two, far
// below the production defaults, yet long enough that a fake printer's
// answer delayed by a loaded machine (the race detector on two cores) is
// never taken for silence.
func fast(addr string) TCPPrinter {
	return TCPPrinter{Addr: addr, DialTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second,
		StatusTimeout: time.Second, JobTimeout: 2 * time.Second}
}

// faultBound is how long one fault may take to be found: a few of fast's
// timeouts.
const faultBound = 10 * time.Second

func sampleReceipt() []byte {
	return ReceiptESCPOS(reports.ReceiptData{OfficeName: "KPPN Jakarta II", ReceiptNumber: "TT-KPPN019-2026-00001",
		VisitorName: "Siti Rahmawati", ServiceName: "SPM Gaji Susulan",
		Requirements: []reports.RequirementCheck{{Name: "SPM", Present: true}, {Name: "ADK SPM", Present: true}}}, Paper80)
}

// TestTCPPrinterFaults runs one job against each fake printer and checks
// the typed error, the Indonesian sentence, what the printer received and
// that the fault was found within a bounded time.
func TestTCPPrinterFaults(t *testing.T) {
	job := sampleReceipt()
	tests := []struct {
		name     string
		cfg      printertest.Config
		noStatus bool
		big      bool // a job far larger than socket buffers
		kind     Kind // KindUnknown: printed
		op       string
		message  string
		printed  bool // the fake received the whole job
		sentNone bool // the fake received no job bytes at all
	}{
		{name: "answers status and prints", cfg: printertest.Config{}, printed: true},
		{name: "answers DLE EOT but not GS r", cfg: printertest.Config{NoBarrier: true}, printed: true},
		{name: "paper near end prints", cfg: printertest.Config{State: printertest.NearEnd()}, printed: true},
		{name: "closes after 0 bytes", cfg: printertest.Config{Close: true, CloseAfter: 0}, kind: KindDropped, op: "status",
			message: "memutus sambungan sebelum mencetak"},
		{name: "closes after 100 bytes", cfg: printertest.Config{Close: true, CloseAfter: 100}, kind: KindDropped,
			message: "memutus sambungan sebelum selesai mencetak"},
		{name: "never reads", cfg: printertest.Config{NeverRead: true}, kind: KindNoStatus, op: "status",
			message: "menerima sambungan tetapi tidak menjawab"},
		{name: "paper out", cfg: printertest.Config{State: printertest.PaperOut()}, kind: KindPaperOut, op: "status",
			message: "kehabisan kertas", sentNone: true},
		{name: "cover open", cfg: printertest.Config{State: printertest.CoverOpen()}, kind: KindCoverOpen, op: "status",
			message: "Tutup printer", sentNone: true},
		{name: "paper runs out during the job", cfg: printertest.Config{FaultAfter: 200, FaultState: printertest.PaperOut()},
			kind: KindPaperOut, op: "confirm", message: "habis saat mencetak"},
		{name: "hangs mid-job", cfg: printertest.Config{SilentAfter: 10}, kind: KindTimeout, op: "confirm",
			message: "berhenti menerima data"},
		{name: "silent clone, status required", cfg: printertest.Config{Silent: true}, kind: KindNoStatus, op: "status",
			message: "tidak menjawab", sentNone: true},
		{name: "silent clone, NoStatus", cfg: printertest.Config{Silent: true}, noStatus: true, printed: true},
		{name: "NoStatus, closes after 0 bytes", cfg: printertest.Config{Close: true, CloseAfter: 0}, noStatus: true,
			kind: KindDropped, message: "memutus sambungan"},
		{name: "NoStatus, never reads, big job: write deadline", cfg: printertest.Config{NeverRead: true}, noStatus: true, big: true,
			kind: KindTimeout, op: "write", message: "berhenti menerima data"},
		{name: "NoStatus, answers status, paper out", cfg: printertest.Config{State: printertest.PaperOut()}, noStatus: true,
			kind: KindOffline, op: "confirm", message: "luring"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := printertest.Start(t, tt.cfg)
			p := fast(f.Addr)
			p.NoStatus = tt.noStatus
			data := job
			if tt.big {
				data = bytes.Repeat([]byte("x"), 32<<20)
			}
			start := time.Now()
			rep, err := p.PrintReport(context.Background(), Job{Name: "Tanda terima", ESCPOS: data})
			if d := time.Since(start); d > faultBound {
				t.Errorf("took %v; every fault must be found within a few timeouts", d)
			}
			if tt.kind == KindUnknown {
				if err != nil {
					t.Fatalf("Print: %v (%s)", err, Message(err))
				}
				if !tt.noStatus && (!rep.Confirmed || !rep.Before.Answered || !rep.After.Answered || rep.After.Problem() != KindUnknown) {
					t.Errorf("report %+v", rep)
				}
				if tt.noStatus && tt.cfg.Silent && rep.Confirmed {
					t.Errorf("a silent printer cannot confirm: %+v", rep)
				}
			} else {
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("err = %v, want *Error kind %d", err, tt.kind)
				}
				if pe.Kind != tt.kind || (tt.op != "" && pe.Op != tt.op) {
					t.Fatalf("err = %v (kind %d op %s), want kind %d op %q", err, pe.Kind, pe.Op, tt.kind, tt.op)
				}
				msg := Message(err)
				if !strings.Contains(msg, tt.message) {
					t.Errorf("Message = %q, want it to say %q", msg, tt.message)
				}
				checkSentence(t, msg)
			}
			f.Stop()
			var got []byte
			select {
			case got = <-f.Jobs:
			default:
			}
			if tt.printed && !bytes.Equal(got, data) {
				t.Errorf("printer received %d job bytes, sent %d", len(got), len(data))
			}
			if tt.sentNone && len(got) != 0 {
				t.Errorf("a printer that cannot print was sent %d job bytes", len(got))
			}
		})
	}
}

// checkSentence asserts msg is one Indonesian sentence for an operator:
// one final full stop, no raw Go or OS error text.
func checkSentence(t *testing.T, msg string) {
	t.Helper()
	if !strings.HasSuffix(msg, ".") {
		t.Errorf("%q does not end a sentence", msg)
	}
	body := strings.TrimSuffix(msg, ".")
	for _, raw := range []string{"exec:", "dial tcp", "read tcp", "write tcp", "connection reset", "broken pipe",
		"i/o timeout", "EOF", "executable file not found", ". "} {
		if strings.Contains(body, raw) {
			t.Errorf("%q contains %q", msg, raw)
		}
	}
}

func TestStatusDecode(t *testing.T) {
	tests := []struct {
		name     string
		dle      [4]byte
		barrier  int // -1: not answered
		problem  Kind
		describe string
	}{
		{"ready", [4]byte{0x12, 0x12, 0x12, 0x12}, 0, KindUnknown, "daring (online); kertas cukup; tutup tertutup; tanpa galat"},
		{"near end", [4]byte{0x16, 0x12, 0x12, 0x1E}, -1, KindUnknown, "daring (online); kertas hampir habis; tutup tertutup; tanpa galat"},
		{"paper out", [4]byte{0x1A, 0x32, 0x12, 0x72}, 0x0C, KindPaperOut, "luring (offline); kertas habis; tutup tertutup; tanpa galat"},
		{"cover open", [4]byte{0x1A, 0x16, 0x12, 0x12}, -1, KindCoverOpen, "luring (offline); kertas cukup; tutup terbuka; tanpa galat"},
		{"cutter", [4]byte{0x1A, 0x52, 0x1A, 0x12}, -1, KindPrinterError, "luring (offline); kertas cukup; tutup tertutup; galat pemotong kertas"},
		{"offline only", [4]byte{0x1A, 0x12, 0x12, 0x12}, -1, KindOffline, "luring (offline); kertas cukup; tutup tertutup; tanpa galat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Status
			for i, b := range tt.dle {
				if !isRealtimeReply(b) {
					t.Fatalf("0x%02X is not a DLE EOT reply", b)
				}
				s.set(i+1, b)
			}
			if tt.barrier >= 0 {
				if !isBarrierReply(byte(tt.barrier)) || isRealtimeReply(byte(tt.barrier)) {
					t.Fatalf("barrier 0x%02X misread", tt.barrier)
				}
				s.setBarrier(byte(tt.barrier))
			}
			if got := s.Problem(); got != tt.problem {
				t.Errorf("Problem = %d, want %d", got, tt.problem)
			}
			if got := s.Describe(); got != tt.describe {
				t.Errorf("Describe = %q\n          want %q", got, tt.describe)
			}
		})
	}
	if (Status{}).Describe() != "printer tidak menjawab permintaan status" {
		t.Error("unanswered status")
	}
	// Automatic status back blocks (0xx1xx00 first byte) are not DLE EOT
	// replies.
	for _, b := range []byte{0x10, 0x00, 0x0C, 0x90, 0x13} {
		if isRealtimeReply(b) {
			t.Errorf("0x%02X taken for a DLE EOT reply", b)
		}
	}
}

func FuzzStatus(f *testing.F) {
	f.Add([]byte{0x12, 0x12, 0x12, 0x12, 0x00})
	f.Add([]byte{0x1A, 0x32, 0x12, 0x72, 0x0C})
	f.Fuzz(func(t *testing.T, b []byte) {
		// As session.status does: DLE EOT 2-4 count only once 1 answered.
		var s Status
		for i, c := range b {
			if i < 4 && isRealtimeReply(c) && (i == 0 || s.Answered) {
				s.set(i+1, c)
			} else if isBarrierReply(c) {
				s.setBarrier(c)
			}
		}
		d := s.Describe()
		if d == "" || strings.ContainsAny(d, "\x00\n") {
			t.Fatalf("Describe = %q", d)
		}
		if s.Problem() != KindUnknown && !s.Answered && !s.Barrier {
			t.Fatalf("problem without any answer: %+v", s)
		}
		_ = s.Raw()
	})
}

func TestStatusWithoutPrinting(t *testing.T) {
	f := printertest.Start(t, printertest.Config{State: printertest.CoverOpen()})
	st, err := fast(f.Addr).Status(context.Background())
	if err != nil || !st.CoverOpen || !st.Barrier {
		t.Fatalf("status %+v, %v", st, err)
	}
	f.Stop()
	if got := <-f.Jobs; len(got) != 0 {
		t.Errorf("a status check printed %d bytes", len(got))
	}
}

// BenchmarkCheckedPrint measures a status-checked receipt print on
// loopback (connect, DLE EOT 1-4 and GS r before, the job, GS r and DLE
// EOT 1-4 after): the protocol's own cost, without a printer's print time.
//
// Figure: ns/op, one checked print on loopback.
func BenchmarkCheckedPrint(b *testing.B) {
	f := printertest.Start(b, printertest.Config{})
	p := TCPPrinter{Addr: f.Addr}
	job := Job{ESCPOS: sampleReceipt()}
	go func() {
		for range f.Jobs {
		}
	}()
	b.ResetTimer()
	for range b.N {
		if err := p.Print(context.Background(), job); err != nil {
			b.Fatal(err)
		}
	}
}

// scriptedConn answers every read from a fixed byte stream, then times
// out; writes are swallowed.
type scriptedConn struct{ data []byte }

func (c *scriptedConn) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, os.ErrDeadlineExceeded
	}
	n := copy(p, c.data[:min(len(c.data), 3)]) // dribble, as a slow link does
	c.data = c.data[n:]
	return n, nil
}
func (c *scriptedConn) Write(p []byte) (int, error)      { return len(p), nil }
func (c *scriptedConn) SetReadDeadline(time.Time) error  { return nil }
func (c *scriptedConn) SetWriteDeadline(time.Time) error { return nil }

// FuzzStatusReplies feeds the status reader whatever bytes a printer (or
// line noise, or automatic status back left on) might send: it never
// panics, takes only bytes of the right shape, and reports an unanswered
// printer as such.
func FuzzStatusReplies(f *testing.F) {
	f.Add([]byte{0x12, 0x12, 0x12, 0x12, 0x00})
	f.Add([]byte{0x10, 0x00, 0x00, 0x00, 0x1A, 0x32, 0x12, 0x72, 0x0C})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, stream []byte) {
		s := &session{ctx: context.Background(), c: &scriptedConn{data: stream}, target: "fuzz"}
		st, err := s.status(time.Second)
		if err != nil {
			if !errors.Is(err, errNoAnswer) || st.Answered {
				t.Fatalf("status error %v with %+v", err, st)
			}
			return
		}
		for i, got := range st.Got {
			if got && !isRealtimeReply(st.Bytes[i]) {
				t.Fatalf("took 0x%02X for DLE EOT %d", st.Bytes[i], i+1)
			}
		}
		if b, err := s.ask(reqBarrier, isBarrierReply, time.Second); err == nil && !isBarrierReply(b) {
			t.Fatalf("took 0x%02X for GS r", b)
		}
	})
}
