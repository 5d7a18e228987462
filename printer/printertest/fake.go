// Package printertest runs fake ESC/POS network printers on 127.0.0.1 for
// tests: one that answers status and prints, and the faults a counter
// meets (closing after N bytes, never reading, silent clones, paper out,
// cover open, paper running out mid-job). Each fake stops when the test
// ends; every connection also gives up after a few seconds by itself.
package printertest

import (
	"net"
	"os"
	"sync"
	"testing"
	"time"
)

// Status bytes a fake answers, as real printers send them.
const (
	StatusOnline      byte = 0x12 // DLE EOT 1..4: fixed bits only, all well
	StatusOffline     byte = 0x1A // DLE EOT 1: bit 3
	StatusCoverOpen   byte = 0x16 // DLE EOT 2: bit 2
	StatusPaperStop   byte = 0x32 // DLE EOT 2: bit 5, printing stopped at paper end
	StatusPaperOut    byte = 0x72 // DLE EOT 4: bits 5-6
	StatusNearEnd     byte = 0x1E // DLE EOT 4: bits 2-3
	StatusCutterError byte = 0x1A // DLE EOT 3: bit 3
	BarrierOK         byte = 0x00 // GS r 1: paper present
	BarrierPaperOut   byte = 0x0C // GS r 1: bits 2-3
)

// State is what the fake printer reports.
type State struct {
	// DLE is the answer to DLE EOT 1..4 (index 0..3).
	DLE [4]byte
	// Barrier is the answer to GS r 1.
	Barrier byte
}

// Ready is a printer with paper, cover closed, no error.
func Ready() State {
	return State{DLE: [4]byte{StatusOnline, StatusOnline, StatusOnline, StatusOnline}, Barrier: BarrierOK}
}

// PaperOut is a printer whose roll is empty.
func PaperOut() State {
	return State{DLE: [4]byte{StatusOffline, StatusPaperStop, StatusOnline, StatusPaperOut}, Barrier: BarrierPaperOut}
}

// NearEnd is a working printer whose roll is nearly used up.
func NearEnd() State {
	return State{DLE: [4]byte{StatusOnline, StatusOnline, StatusOnline, StatusNearEnd}, Barrier: 0x03}
}

// CoverOpen is a printer with its cover open.
func CoverOpen() State {
	return State{DLE: [4]byte{StatusOffline, StatusCoverOpen, StatusOnline, StatusOnline}, Barrier: BarrierOK}
}

// Config chooses the fake's behaviour.
type Config struct {
	// State is what it reports; the zero value means Ready.
	State State
	// Silent never answers status (a cheap clone), but reads everything.
	Silent bool
	// NoBarrier ignores GS r (answers DLE EOT only).
	NoBarrier bool
	// CloseAfter closes the connection once this many bytes arrived
	// (status requests included); 0 closes right after accepting. Set
	// Close to use it.
	CloseAfter int
	Close      bool
	// NeverRead accepts the connection and never reads from it.
	NeverRead bool
	// SilentAfter stops answering once this many job bytes arrived (a
	// printer that hangs mid-job); 0 means never.
	SilentAfter int
	// FaultAfter switches to FaultState once this many job bytes arrived
	// (paper running out mid-job); 0 means never.
	FaultAfter int
	FaultState State
}

// Fake is a running fake printer.
type Fake struct {
	// Addr is its "127.0.0.1:port".
	Addr string
	// Jobs receives the job bytes (status requests removed) of each
	// connection that read anything, when it ends; Stop closes it.
	Jobs chan []byte

	cfg  Config
	ln   net.Listener
	done chan struct{}
	wg   sync.WaitGroup
}

// Start runs a fake printer until t ends.
func Start(t testing.TB, cfg Config) *Fake {
	t.Helper()
	if cfg.State == (State{}) {
		cfg.State = Ready()
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &Fake{Addr: ln.Addr().String(), Jobs: make(chan []byte, 16), cfg: cfg, ln: ln, done: make(chan struct{})}
	f.wg.Add(1)
	go f.accept()
	t.Cleanup(f.Stop)
	return f
}

// StartDevice plays the printer on the far side of a device file: dev is
// the controlling end (a pseudo-terminal master), the printer under test
// opens the other end. Close, CloseAfter and NeverRead do not apply. It
// runs until t ends or Stop.
func StartDevice(t testing.TB, dev *os.File, cfg Config) *Fake {
	t.Helper()
	if cfg.State == (State{}) {
		cfg.State = Ready()
	}
	f := &Fake{Addr: dev.Name(), Jobs: make(chan []byte, 16), cfg: cfg, done: make(chan struct{})}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		f.serve(dev)
	}()
	t.Cleanup(f.Stop)
	return f
}

// Stop closes the listener and every connection and waits for them.
func (f *Fake) Stop() {
	select {
	case <-f.done:
		return
	default:
	}
	close(f.done)
	if f.ln != nil {
		f.ln.Close()
	}
	f.wg.Wait()
	close(f.Jobs)
}

// endpoint is a connection or a device.
type endpoint interface {
	Read([]byte) (int, error)
	Write([]byte) (int, error)
	SetDeadline(time.Time) error
}

func (f *Fake) accept() {
	defer f.wg.Done()
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer c.Close()
			f.serve(c)
		}()
	}
}

// connLife bounds every fake connection, so a test that forgets one
// still ends.
const connLife = 5 * time.Second

func (f *Fake) serve(c endpoint) {
	cfg := f.cfg
	if cfg.NeverRead {
		select {
		case <-f.done:
		case <-time.After(connLife):
		}
		return
	}
	if cfg.Close && cfg.CloseAfter == 0 {
		return
	}
	_ = c.SetDeadline(time.Now().Add(connLife))
	ended := make(chan struct{})
	defer close(ended)
	go func() {
		select {
		case <-f.done:
			_ = c.SetDeadline(time.Unix(1, 0))
		case <-ended:
		}
	}()
	state := cfg.State
	var job []byte
	var esc []byte // a status request being assembled
	received := 0
	buf := make([]byte, 4096)
	defer func() { f.Jobs <- job }()
	for {
		want := len(buf)
		if cfg.Close {
			want = min(want, cfg.CloseAfter-received)
			if want <= 0 {
				return // closes with unread data: the kernel sends RST
			}
		}
		n, err := c.Read(buf[:want])
		for _, b := range buf[:n] {
			received++
			esc = append(esc, b)
			switch {
			case len(esc) == 1 && (b == 0x10 || b == 0x1D):
				continue
			case len(esc) == 2 && ((esc[0] == 0x10 && b == 0x04) || (esc[0] == 0x1D && b == 'r')):
				continue
			case len(esc) == 3 && esc[0] == 0x10 && b >= 1 && b <= 4:
				if !cfg.Silent && !(cfg.SilentAfter > 0 && len(job) >= cfg.SilentAfter) {
					_, _ = c.Write([]byte{state.DLE[b-1]})
				}
				esc = esc[:0]
				continue
			case len(esc) == 3 && esc[0] == 0x1D && (b == 1 || b == 49):
				if !cfg.Silent && !cfg.NoBarrier && !(cfg.SilentAfter > 0 && len(job) >= cfg.SilentAfter) {
					_, _ = c.Write([]byte{state.Barrier})
				}
				esc = esc[:0]
				continue
			}
			job = append(job, esc...)
			esc = esc[:0]
			if cfg.FaultAfter > 0 && len(job) >= cfg.FaultAfter {
				state = cfg.FaultState
			}
		}
		if err != nil {
			return
		}
	}
}
