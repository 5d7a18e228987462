// Command loket is the office binary. With no arguments it is the counter
// app on the office store in the user's config folder; the first argument
// may name another mode or a command-line verb (see usage).
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	_ "time/tzdata" // Windows PCs have no zoneinfo; offices run on WIB, WITA or WIT

	"fyne.io/fyne/v2/app"

	"loket/office"
	"loket/standards"
	"loket/store"
	"loket/ui"
	"loket/voice"
	"loket/workday"
)

const usage = `Pemakaian:
  loket                      aplikasi loket (petugas)
  loket kiosk                mesin antrean layar sentuh (layar penuh)
  loket display              layar antrean ruang tunggu (layar penuh, suara)
  loket standards parse FILE...   baca dokumen Standar Pelayanan, cetak JSON
  loket workday add --from YYYY-MM-DD --days N
  loket workday add --from "YYYY-MM-DD HH:MM" --work-hours N
  loket workday is YYYY-MM-DD
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

// withApp opens the store, builds the UI app and runs start in it.
func withApp(start func(a *ui.App)) {
	st, err := openStore()
	if err != nil {
		log.Fatalf("loket: %v", err)
	}
	defer st.Close()
	fa := app.NewWithID("app.loket.desktop")
	a := ui.New(fa, office.NewLocal(st))
	start(a)
	a.Window().ShowAndRun()
}

func runCounter() { withApp((*ui.App).Start) }

func runKiosk() {
	withApp(func(a *ui.App) {
		svc := a.Service()
		a.StartKiosk(ui.KioskOptions{Open: func(now time.Time) (bool, string) {
			return office.OpenForTickets(context.Background(), svc, now)
		}})
	})
}

func runDisplay() {
	ann := voice.NewAnnouncer(voice.NewSystemPlayer(), voice.Options{})
	defer ann.Close()
	withApp(func(a *ui.App) { a.StartDisplay(ui.DisplayOptions{Announcer: ann, Secondary: true}) })
}

func runVerb(verb string, args []string, stdout, stderr io.Writer) int {
	switch verb {
	case "help", "-h", "--help":
		fmt.Fprintf(stdout, usage, dbPath())
		return 0
	case "kiosk":
		runKiosk()
		return 0
	case "display":
		runDisplay()
		return 0
	case "workday":
		return workday.RunCLI(args, stdout, stderr)
	case "standards":
		return standards.RunCLI(args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "Perintah %q tidak dikenal.\n\n"+usage, verb, dbPath())
	return 2
}
