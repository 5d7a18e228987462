package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"filippo.io/age"

	"loket/central"
	"loket/office"
	"loket/store"
)

// newControl is the sync and backup of the store on this PC, with pushed
// down updates applied through the office service as the first active
// admin (the update comes from the centre; the event log names an admin).
func newControl(st *store.Store, svc office.Service, logger *slog.Logger) (*central.Control, error) {
	ctl, err := central.NewControl(st, dbPath(), logger)
	if err != nil {
		return nil, err
	}
	ctl.Apply = func(ctx context.Context, u store.SyncUpdate) error {
		actor := ""
		if offs, err := st.Officers(ctx); err == nil {
			for _, o := range offs {
				if o.Active && o.Role == store.RoleAdmin {
					actor = o.ID
					break
				}
			}
		}
		switch u.Kind {
		case central.UpdateHolidays:
			_, err := svc.ImportHolidays(ctx, actor, u.Content)
			return err
		case central.UpdateCatalog:
			_, err := svc.ImportCatalog(ctx, actor, u.Name, u.Content)
			return err
		}
		return fmt.Errorf("jenis pembaruan %q tidak dikenal", u.Kind)
	}
	// Before every run (nightly, catch-up, sync now, loket sync) the
	// office computes its day figures for the centre's SLA %; a failure
	// is logged and recorded by the Control and the raw data goes anyway.
	local, ok := svc.(*office.Local)
	if !ok {
		local = office.NewLocal(st)
	}
	ctl.Prepare = func(ctx context.Context) error {
		start := time.Now()
		res, err := local.RefreshDayFigures(ctx)
		if err == nil {
			logger.Info("sync: day figures", "from", res.From, "to", res.To, "days", res.Days, "changed", res.Changed,
				"took", time.Since(start).Round(time.Millisecond))
		}
		return err
	}
	return ctl, nil
}

// startNightly starts the nightly backup and sync of the store on this PC
// (the counter app and `loket hub`, never a hub client). A bad
// configuration is logged, not fatal: the admin fixes it in the app.
func startNightly(ctx context.Context, st *store.Store, svc office.Service, logger *slog.Logger) *central.Control {
	ctl, err := newControl(st, svc, logger)
	if err != nil {
		logger.Error("nightly: config", "err", err)
		return nil
	}
	if err := ctl.Start(ctx); err != nil {
		logger.Error("nightly: start", "err", central.Message(err))
	}
	return ctl
}

// startOwnerJobs starts the background jobs of the process that owns the
// store (the counter app on its own store and `loket hub`; never a kiosk,
// display or survey screen, nor a hub client): the nightly backup and sync,
// and the auto-close of answered consultations left without reply (at
// start-up and every 30 minutes, whether or not a CSO screen is open).
// Both end with ctx.
func startOwnerJobs(ctx context.Context, st *store.Store, local *office.Local, logger *slog.Logger) *central.Control {
	ctl := startNightly(ctx, st, local, logger)
	if _, err := office.StartAutoClose(ctx, local, office.AutoCloseEvery, logger); err != nil {
		logger.Error("cso: auto-close job", "err", err)
	}
	if _, err := office.StartRetention(ctx, local, logger, nil); err != nil { // personal data past retention
		logger.Error("pdp: retention job", "err", err)
	}
	return ctl
}

// runSync is `loket sync`: a sync to the central office now, with its
// progress; exit code 1 when it fails.
func runSync(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "config" || args[0] == "status") {
		return runSyncConfig(args[0], args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st := openStoreOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	ctl, err := newControl(st, office.NewLocal(st), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		fmt.Fprintf(stderr, "Pengaturan sinkronisasi (%s) tidak dapat dibaca: %v\n", central.ConfigPathFor(dbPath()), err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	run, err := ctl.SyncNow(ctx, store.TrigCLI, func(p central.Progress) {
		fmt.Fprintf(stdout, "\r%3.0f%%  %d batch, %d rekaman, posisi %d dari %d", p.Fraction()*100, p.Batches, p.Records,
			p.Position, p.Target)
	})
	fmt.Fprintln(stdout)
	if err != nil {
		fmt.Fprintln(stderr, "Sinkronisasi gagal:", central.Message(err))
		return 1
	}
	fmt.Fprintf(stdout, "Sinkronisasi selesai dalam %s: %d batch, %d rekaman (%s).\n",
		time.Since(start).Round(time.Millisecond), run.Batches, run.Records, run.Detail)
	return 0
}

// runBackup is `loket backup [--dir D] [--keep N]`: a checked backup now.
func runBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "folder cadangan (bawaan: pengaturan sinkronisasi, atau folder cadangan di samping data)")
	keep := fs.Int("keep", 0, "jumlah cadangan yang disimpan (bawaan: pengaturan, atau 14)")
	newKey := fs.String("kunci-baru", "", "buat kunci cadangan kantor di BERKAS dan enkripsi semua cadangan berikutnya dengannya")
	pass := fs.Bool("sandi", false, "enkripsi cadangan ini dengan kata sandi dari masukan standar")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, ctl := openSyncSettingsOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	cfg, _ := ctl.Config()
	if *dir == "" {
		*dir = cfg.BackupDir
	}
	if *keep <= 0 {
		*keep = cfg.Keep
	}
	if *newKey != "" {
		return runNewBackupKey(ctl, cfg, *newKey, stdout, stderr)
	}
	rcp, err := cfg.BackupRecipients()
	if err != nil {
		fmt.Fprintln(stderr, central.Message(err))
		return 1
	}
	if *pass {
		p, err := readSecret(stdin)
		if err == nil {
			var r age.Recipient
			if r, err = central.PassphraseRecipient(p); err == nil {
				rcp = []age.Recipient{r}
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, central.Message(err))
			return 1
		}
	}
	path, err := central.BackupRun(context.Background(), st, *dir, *keep, store.TrigCLI, rcp...)
	if err != nil {
		fmt.Fprintln(stderr, "Cadangan gagal:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Cadangan dibuat dan diperiksa (integrity_check ok): %s\nDisimpan %d cadangan terakhir di %s.\n",
		path, *keep, *dir)
	return 0
}

// runRestore is `loket restore FILE`: puts a backup back as the store,
// refusing while Loket still has the store open.
func runRestore(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keyFile := fs.String("kunci", "", "berkas kunci cadangan kantor (untuk cadangan terenkripsi)")
	pass := fs.Bool("sandi", false, "kata sandi cadangan dari masukan standar")
	// Flags may follow the file name.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		files, rest = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "Pemakaian: loket restore BERKAS-CADANGAN [--kunci BERKAS-KUNCI | --sandi] (tutup dulu semua aplikasi Loket di komputer ini)")
		return 2
	}
	ids, err := restoreIdentities(*keyFile, *pass)
	if err != nil {
		fmt.Fprintln(stderr, central.Message(err))
		return 1
	}
	err = central.RestoreEncrypted(files[0], dbPath(), ids)
	if errors.Is(err, central.ErrStoreInUse) {
		fmt.Fprintln(stderr, "Data kantor sedang dipakai: tutup semua aplikasi Loket (loket, kiosk, layar, hub) di komputer ini, lalu ulangi.")
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "Pemulihan gagal:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Data kantor dipulihkan dari %s ke %s.\nData sebelumnya disimpan di samping sebagai %s.sebelum-pulih-<waktu>.\n",
		files[0], dbPath(), filepath.Base(dbPath()))
	return 0
}

// openSyncSettingsOrSay opens the store and reads its sync and backup
// settings (no nightly job, no pushed bookings: the verbs only read and
// save them), or says on stderr why it cannot and returns nils. The caller
// closes st.
func openSyncSettingsOrSay(stderr io.Writer) (*store.Store, *central.Control) {
	st := openStoreOrSay(stderr)
	if st == nil {
		return nil, nil
	}
	ctl, err := central.NewControl(st, dbPath(), nil)
	if err != nil {
		st.Close()
		fmt.Fprintf(stderr, "Pengaturan sinkronisasi (%s) tidak dapat dibaca: %v\n", central.ConfigPathFor(dbPath()), err)
		return nil, nil
	}
	return st, ctl
}

// runSyncConfig is `loket sync config --url U --token T ...` (the sync
// settings of a headless hub PC, same checks as Admin → Sinkronisasi) and
// `loket sync status` (the settings, token hidden, and the latest runs).
func runSyncConfig(verb string, args []string, stdout, stderr io.Writer) int {
	st, ctl := openSyncSettingsOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	cfg, tokenSet := ctl.Config()
	if verb == "config" {
		fs := flag.NewFlagSet("sync config", flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.StringVar(&cfg.URL, "url", cfg.URL, "alamat server pusat (https://...)")
		fs.StringVar(&cfg.Token, "token", "", "token kantor (kosong: tetap memakai yang tersimpan)")
		fs.StringVar(&cfg.PinSHA256, "pin", cfg.PinSHA256, "sidik jari SHA-256 sertifikat server pusat")
		fs.StringVar(&cfg.CAFile, "ca", cfg.CAFile, "berkas PEM CA (pengganti sidik jari)")
		fs.StringVar(&cfg.At, "at", cfg.At, "jam sinkronisasi malam JJ:MM")
		fs.StringVar(&cfg.BackupDir, "dir", cfg.BackupDir, "folder cadangan")
		fs.IntVar(&cfg.Keep, "keep", cfg.Keep, "jumlah cadangan yang disimpan")
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if err := ctl.SaveConfig(cfg); err != nil {
			fmt.Fprintln(stderr, central.Message(err))
			return 1
		}
		fmt.Fprintf(stdout, "Pengaturan sinkronisasi tersimpan di %s.\nMulai ulang `loket hub` atau aplikasi Loket agar jadwal baru berlaku.\n",
			ctl.ConfigPath())
		cfg, tokenSet = ctl.Config()
	}
	token := "belum diisi"
	if tokenSet {
		token = "tersimpan (tersembunyi)"
	}
	fmt.Fprintf(stdout, "Server pusat: %s\nToken kantor: %s\nSidik jari: %s\nBerkas CA: %s\nJam malam: %s\nCadangan: %s (simpan %d)\n",
		orDash(cfg.URL), token, orDash(cfg.PinSHA256), orDash(cfg.CAFile), cfg.At, cfg.BackupDir, cfg.Keep)
	if verb == "status" {
		runs, err := ctl.Runs(context.Background(), 10)
		if err != nil {
			fmt.Fprintln(stderr, store.Message(err))
			return 1
		}
		for _, r := range runs {
			res := r.Result
			if r.Error != "" {
				res += ": " + r.Error
			}
			fmt.Fprintf(stdout, "%s  %-6s %-8s %4d batch %7d rekaman  %s\n", r.StartedAt.Local().Format("2006-01-02 15:04"),
				r.Kind, r.Trigger, r.Batches, r.Records, res)
		}
	}
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
