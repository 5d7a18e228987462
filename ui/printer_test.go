package ui

import (
	"bytes"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestKioskPrintsToThermalPrinter sends the kiosk ticket to a fake ESC/POS
// printer on loopback and checks the bytes that arrive.
func TestKioskPrintsToThermalPrinter(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan []byte, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		b, _ := io.ReadAll(c)
		got <- b
	}()
	h := newHarness(t)
	h.setUpOffice()
	h.app.savePrintSettings(printSettings{Mode: "escpos", Target: ln.Addr().String(), Layout: "thermal80"})
	h.app.StartKiosk(KioskOptions{})
	k := h.app.kiosk
	tapService(t, k, "C")
	if !strings.Contains(k.resPrint.Text, "ambil tiket") {
		t.Fatalf("print result %q", k.resPrint.Text)
	}
	select {
	case b := <-got:
		if !bytes.HasPrefix(b, []byte{0x1b, '@'}) || !bytes.Contains(b, []byte("C001")) || !bytes.Contains(b, []byte{0x1d, 'V'}) {
			t.Fatalf("ticket bytes % x", b[:min(len(b), 64)])
		}
	case <-time.After(5 * time.Second):
		t.Fatal("printer received nothing")
	}
	// The admin printer pane refuses a thermal printer without an address.
	p := newPrinterPane(h.app)
	p.mode.SetSelected(printModes[1].label)
	p.target.SetText("")
	p.onSave()
	if !strings.Contains(p.message.Text, "alamat printer") {
		t.Fatalf("empty target accepted: %q", p.message.Text)
	}
}

func TestVoiceSettingsPerPC(t *testing.T) {
	h := newHarness(t)
	if on, vol := h.app.VoiceSettings(); !on || vol != 1 {
		t.Fatalf("defaults %v %v", on, vol)
	}
	h.app.SaveVoiceSettings(false, 1.7)
	if on, vol := h.app.VoiceSettings(); on || vol != 1 {
		t.Fatalf("saved %v %v", on, vol)
	}
}
