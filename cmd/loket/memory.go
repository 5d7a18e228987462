package main

import (
	"os"
	"runtime/debug"
)

// guiGCPercent and guiMemoryLimit keep the Go heap of the screen apps
// (counter, kiosk, display, survey) near what they use. Their live heap is
// about 25 MB (mostly the parsed fonts) and flat over a day, but with Go's
// default GOGC=100 the heap doubled that before each collection and the
// freed pages stayed with the process: measured under Xvfb, the counter
// app held 60–70 MB of Go memory for 25 MB of live data. A collection of
// 25 MB takes a few milliseconds, several seconds apart: no cost a person
// sees.
const (
	guiGCPercent   = 50
	guiMemoryLimit = 64 << 20 // bytes; soft: Go collects harder above it, never fails
)

// tuneGUIMemory applies guiGCPercent and guiMemoryLimit unless the
// environment (GOGC, GOMEMLIMIT) says otherwise.
func tuneGUIMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(guiGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(guiMemoryLimit)
	}
}
