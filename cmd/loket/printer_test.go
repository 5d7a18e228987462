package main

import (
	"bytes"
	"strings"
	"testing"

	"loket/printer/printertest"
)

// TestPrinterVerb runs `loket printer test HOST:PORT` against a fake
// printer, as the office's IT person would.
func TestPrinterVerb(t *testing.T) {
	f := printertest.Start(t, printertest.Config{})
	var out, errb bytes.Buffer
	if code := runVerb("printer", []string{"test", f.Addr}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "kertas cukup") || !strings.Contains(out.String(), "mengonfirmasi") {
		t.Errorf("output:\n%s", out.String())
	}
	out.Reset()
	if code := runVerb("printer", []string{"--help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "loket printer test") {
		t.Errorf("help: %d %q", code, out.String())
	}
	out.Reset()
	if code := runVerb("help", nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "loket printer test") {
		t.Errorf("main usage lacks the printer verb: %q", out.String())
	}
}
