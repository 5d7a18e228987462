// Command loket is the office binary. With no arguments it is the counter
// app on the office store in the user's config folder; the first argument
// may name another mode or a command-line verb (see usage).
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	_ "time/tzdata" // Windows PCs have no zoneinfo; offices run on WIB, WITA or WIT

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"loket/central"
	"loket/hub"
	"loket/office"
	"loket/printer"
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
  loket hub [--addr :8443] [--phone-addr :8080]
                             server kantor: komputer ini melayani loket, kiosk dan layar lain di LAN,
                             dan halaman tiket di ponsel pengunjung lewat http (--phone-addr "" = tidak)
  loket setup --office-code KODE --name NAMA [--zone WIB|WITA|WIT] [--admin admin] [--demo] < sandi
                             atur kantor baru tanpa layar (kata sandi admin dari masukan standar)
  loket unlock [NAMA-PENGGUNA | --device ID]   buka blokir masuk (tanpa argumen: daftar yang diblokir)
  loket --hub ALAMAT [kiosk|display]   pakai server kantor di LAN (dipasangkan sekali)
  loket standards parse FILE...   baca dokumen Standar Pelayanan, cetak JSON
  loket workday add --from YYYY-MM-DD --days N
  loket workday add --from "YYYY-MM-DD HH:MM" --work-hours N
  loket workday is YYYY-MM-DD
  loket sync                 kirim data ke kantor pusat sekarang (pengaturan: Admin → Sinkronisasi)
  loket sync config --url U --token T --pin SHA256 [--ca F] [--at JJ:MM]   pengaturan (PC hub)
  loket sync status          pengaturan dan riwayat sinkronisasi/cadangan
  loket backup [--dir D] [--keep N]   cadangan data kantor sekarang (diperiksa, simpan N terakhir)
  loket restore BERKAS       pulihkan cadangan (tutup dulu semua aplikasi Loket)
  loket survey               layar Survei Kepuasan Masyarakat di samping loket (tablet/kiosk)
  loket report harian|bulanan|rentang|briefing ...   laporan PDF/XLSX/CSV (loket report help)
  loket printer test HOST:PORT | --queue NAMA   cetak uji dan jawaban printer (loket printer help)
  loket privasi ekspor|batasi|hapus|retensi|catatan ...   data pribadi (UU 27/2022; loket privasi help)
  loket help                 bantuan ini

Lokasi data: %s
(ubah dengan variabel lingkungan LOKET_DB; log di folder logs di sampingnya)
`

var version = "dev"

// hubAddr is set by a leading `--hub ADDRESS`: the screens then use the
// office hub on the LAN instead of a store on this PC.
var hubAddr string

func main() {
	args := os.Args[1:]
	if len(args) >= 2 && (args[0] == "--hub" || args[0] == "-hub") {
		hubAddr, args = args[1], args[2:]
	}
	if len(args) > 0 {
		os.Exit(runVerb(args[0], args[1:], os.Stdout, os.Stderr))
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

// officeNotSetUp is said by a verb that needs the office's data on a store
// whose first run has not been done.
const officeNotSetUp = "Kantor belum diatur. Jalankan `loket` sekali di komputer ini untuk mengisi data kantor."

// openStoreOrSay opens the store for a command-line verb, or says why it
// cannot on stderr and returns nil.
func openStoreOrSay(stderr io.Writer) *store.Store {
	st, err := openStore()
	if err != nil {
		fmt.Fprintf(stderr, "Data kantor tidak dapat dibuka: %v\n", err)
		return nil
	}
	return st
}

// withApp connects to the office (the store on this PC, or the hub given
// with --hub, paired as kind: hub.KindCounter, KindKiosk, KindDisplay or
// KindSurvey), builds the UI app and runs start in it.
func withApp(kind string, start func(a *ui.App)) {
	tuneGUIMemory()
	logPath, closeLog := setupLog(time.Now())
	defer closeLog()
	log.Printf("loket %s mulai; data %s; log %s", version, dbPath(), logPath)
	var svc office.Service
	var ctl *central.Control // the nightly sync and backup, on the PC with the store
	if hubAddr != "" {
		c, err := hubClient(hubAddr, kind, os.Stdout)
		if err != nil {
			fail("Server kantor tidak dapat dihubungi", fmt.Errorf("server kantor %s: %s", hubAddr, store.Message(err)))
		}
		svc = c
	} else {
		st, err := openStore()
		if err != nil {
			fail("Data kantor tidak dapat dibuka", err)
		}
		defer st.Close()
		local := office.NewLocal(st)
		svc = local
		ctx, stop := context.WithCancel(context.Background())
		defer stop()
		if nightlyHere {
			ctl = startOwnerJobs(ctx, st, local, slog.Default())
		}
	}
	fa := app.NewWithID("app.loket.desktop")
	a := ui.New(fa, svc)
	a.UseSystemOpener()
	if ctl != nil { // a nil *central.Control would be a non-nil office.SyncControl
		a.SetSync(ctl)
	}
	start(a)
	defer quitOnSignal(fa)()
	a.Window().ShowAndRun()
	log.Printf("loket selesai")
}

// quitOnSignal closes the app on SIGTERM or Ctrl+C the way its window would
// close, so the store, the announcer and the log are closed by their
// defers instead of the process being killed mid-write (a service manager
// or a shutdown sends SIGTERM to a display left running). Call the
// function it returns once the app has stopped.
func quitOnSignal(fa fyne.App) (done func()) {
	sig, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	stopped := make(chan struct{})
	go func() {
		select {
		case <-sig.Done():
		case <-stopped:
			return
		}
		select {
		case <-stopped: // sig ended by stop below, not by a signal
			return
		default:
		}
		log.Printf("loket: sinyal diterima, aplikasi ditutup")
		fyne.Do(fa.Quit)
	}()
	return func() {
		close(stopped)
		stop()
	}
}

// nightlyHere: this process runs the nightly backup and sync and the
// consultation auto-close (the counter app; a kiosk or display on the same
// PC leaves them to the counter app).
var nightlyHere bool

func runCounter() {
	nightlyHere = true
	withApp(hub.KindCounter, (*ui.App).Start)
}

func runKiosk() {
	withApp(hub.KindKiosk, func(a *ui.App) {
		svc := a.Service()
		a.StartKiosk(ui.KioskOptions{Open: func(now time.Time) (bool, string) {
			return office.OpenForTickets(context.Background(), svc, now)
		}})
	})
}

// The display shows "suara tidak aktif" through this interface; the
// announcer it is given must keep implementing it.
var _ ui.AudioStatus = (*voice.Announcer)(nil)

func runDisplay() {
	ann := voice.NewAnnouncer(voice.NewSystemPlayer(), voice.Options{})
	defer ann.Close()
	withApp(hub.KindDisplay, func(a *ui.App) {
		on, vol := a.VoiceSettings()
		ann.SetVoice(on)
		ann.SetVolume(vol)
		a.StartDisplay(ui.DisplayOptions{Announcer: ann, Secondary: true})
	})
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
	case "hub":
		return runHub(args, stdout, stderr)
	case "workday":
		return workday.RunCLI(args, stdout, stderr)
	case "standards":
		return standards.RunCLI(args, stdout, stderr)
	case "sync":
		return runSync(args, stdout, stderr)
	case "backup":
		return runBackup(args, stdout, stderr)
	case "restore":
		return runRestore(args, stdout, stderr)
	case "report":
		return runReport(args, stdout, stderr)
	case "printer":
		return printer.RunCLI(args, stdout, stderr)
	case "survey":
		runSurvey()
		return 0
	case "setup":
		return runSetup(args, stdin, stdout, stderr)
	case "unlock":
		return runUnlock(args, stdout, stderr)
	case "privasi":
		return runPrivacy(args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "Perintah %q tidak dikenal.\n\n"+usage, verb, dbPath())
	return 2
}
