// Command loket is the office binary. With no arguments it is the counter
// app on the office store in the user's config folder; the first argument
// may name another mode or a command-line verb (see usage).
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	_ "time/tzdata" // Windows PCs have no zoneinfo; offices run on WIB, WITA or WIT

	"fyne.io/fyne/v2/app"

	"loket/office"
	"loket/store"
	"loket/ui"
)

const usage = `Pemakaian:
  loket                      aplikasi loket (petugas)
  loket help                 bantuan ini

Lokasi data: %s
(ubah dengan variabel lingkungan LOKET_DB)
`

var version = "dev"

func main() {
	if len(os.Args) > 1 {
		os.Exit(runVerb(os.Args[1], os.Args[2:], os.Stdout, os.Stderr))
	}
	runCounter()
}

// dbPath is the office store: LOKET_DB, or Loket/loket.db in the per-user
// config folder (%AppData% on Windows, ~/.config on Linux).
func dbPath() string {
	if p := os.Getenv("LOKET_DB"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "Loket", "loket.db")
}

func openStore() (*store.Store, error) {
	p := dbPath()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("folder data %s tidak dapat dibuat: %w", filepath.Dir(p), err)
	}
	return store.Open(p)
}

func runCounter() {
	st, err := openStore()
	if err != nil {
		log.Fatalf("loket: %v", err)
	}
	defer st.Close()
	fa := app.NewWithID("app.loket.desktop")
	a := ui.New(fa, office.NewLocal(st))
	a.Start()
	a.Window().ShowAndRun()
}

func runVerb(verb string, args []string, stdout, stderr io.Writer) int {
	switch verb {
	case "help", "-h", "--help":
		fmt.Fprintf(stdout, usage, dbPath())
		return 0
	}
	fmt.Fprintf(stderr, "Perintah %q tidak dikenal.\n\n"+usage, verb, dbPath())
	return 2
}
