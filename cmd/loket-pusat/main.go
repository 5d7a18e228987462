// Command loket-pusat is the central office server: it receives every
// office's nightly sync into PostgreSQL (or a SQLite file for a trial),
// pushes the holiday calendar and catalog documents down to the offices,
// and serves the cross-office report. See central/README.md.
//
//	loket-pusat serve [--addr :8443] [--data DIR] [--db DSN] [--cert F --key F] [--host NAMA,...]
//	loket-pusat office add KODE [--name NAMA]    prints the office's token once
//	loket-pusat office token KODE                 replaces the office's token
//	loket-pusat office list
//	loket-pusat token report                      prints a report token once
//	loket-pusat update holidays|catalog FILE [--name NAMA]
//	loket-pusat report --from TTTT-BB-HH --to TTTT-BB-HH
//	loket-pusat karantina [KODE]                  records the centre could not store
//	loket-pusat fingerprint                       the SHA-256 offices pin
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"loket/central"
	"loket/standards"
	"loket/tlspin"
	"loket/workday"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "loket-pusat:", err)
		os.Exit(1)
	}
}

const usage = `Penggunaan:
  loket-pusat serve [--addr :8443] [--data DIR] [--db DSN] [--cert F --key F] [--host NAMA,...]
  loket-pusat office add KODE [--name NAMA]
  loket-pusat office token KODE
  loket-pusat office list
  loket-pusat token report
  loket-pusat update holidays|catalog BERKAS [--name NAMA]
  loket-pusat report --from TTTT-BB-HH --to TTTT-BB-HH
  loket-pusat karantina [KODE]
  loket-pusat fingerprint
Semua perintah menerima --data DIR dan --db DSN (atau LOKET_PUSAT_DB).
Tanpa --db, data disimpan di SQLite DIR/pusat.db (untuk uji coba).`

// common flags of every verb.
type common struct {
	data string
	db   string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.data, "data", envOr("LOKET_PUSAT_DATA", "loket-pusat-data"), "direktori data (sertifikat, SQLite)")
	fs.StringVar(&c.db, "db", os.Getenv("LOKET_PUSAT_DB"), "DSN PostgreSQL (postgres://...); kosong: SQLite di direktori data")
}

func (c *common) open(ctx context.Context) (central.DB, error) {
	if err := os.MkdirAll(c.data, 0o700); err != nil {
		return nil, err
	}
	dsn := c.db
	if dsn == "" {
		dsn = filepath.Join(c.data, "pusat.db")
	}
	return central.OpenDB(ctx, dsn)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// parse parses flags wherever they stand among the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func run(args []string) error {
	if len(args) == 0 {
		fmt.Println(usage)
		return nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	verb := args[0]
	fs := flag.NewFlagSet("loket-pusat "+verb, flag.ContinueOnError)
	var c common
	c.register(fs)
	switch verb {
	case "serve":
		addr := fs.String("addr", ":8443", "alamat dengar HTTPS")
		cert := fs.String("cert", "", "berkas sertifikat PEM (kosong: swa-tanda di direktori data)")
		key := fs.String("key", "", "berkas kunci PEM")
		hosts := fs.String("host", "", "nama host/IP untuk sertifikat swa-tanda, dipisah koma")
		if _, err := parse(fs, args[1:]); err != nil {
			return err
		}
		return serve(ctx, &c, *addr, *cert, *key, *hosts)
	case "office":
		name := fs.String("name", "", "nama kantor")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		return office(ctx, &c, pos, *name)
	case "token":
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 || pos[0] != "report" {
			return errors.New("gunakan: loket-pusat token report")
		}
		db, err := c.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		tok, hash, err := central.NewToken()
		if err != nil {
			return err
		}
		if err := db.SetToken(ctx, "", central.RoleReport, hash); err != nil {
			return err
		}
		fmt.Println("Token laporan (simpan sekarang, tidak ditampilkan lagi):")
		fmt.Println(tok)
		return nil
	case "update":
		name := fs.String("name", "", "nama dokumen (bawaan: nama berkas)")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 2 || (pos[0] != central.UpdateHolidays && pos[0] != central.UpdateCatalog) {
			return errors.New("gunakan: loket-pusat update holidays|catalog BERKAS [--name NAMA]")
		}
		content, err := os.ReadFile(pos[1])
		if err != nil {
			return err
		}
		if *name == "" {
			*name = filepath.Base(pos[1])
		}
		// Checked here with the offices' own parsers: a document they
		// would refuse is refused before it reaches 300 offices.
		if err := checkUpdate(pos[0], *name, content); err != nil {
			return err
		}
		db, err := c.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		u, err := db.PutUpdate(ctx, pos[0], *name, content)
		if err != nil {
			return err
		}
		fmt.Printf("Pembaruan %s %q versi %d disimpan; kantor menerimanya pada sinkronisasi berikutnya.\n", u.Kind, u.Name, u.Version)
		return nil
	case "karantina":
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) > 1 {
			return errors.New("gunakan: loket-pusat karantina [KODE]")
		}
		office := ""
		if len(pos) == 1 {
			office = pos[0]
		}
		db, err := c.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		qs, err := db.Quarantine(ctx, office)
		if err != nil {
			return err
		}
		if len(qs) == 0 {
			fmt.Println("Tidak ada rekaman dalam karantina.")
			return nil
		}
		fmt.Printf("%-12s %-20s %-38s %-20s %s\n", "Kantor", "Tabel", "Id", "Diterima", "Alasan")
		for _, q := range qs {
			fmt.Printf("%-12s %-20s %-38s %-20s %s\n", q.Office, q.Table, q.ID, q.ReceivedAt.Format("2006-01-02 15:04"), q.Reason)
		}
		return nil
	case "report":
		from := fs.String("from", time.Now().AddDate(0, 0, -7).Format("2006-01-02"), "tanggal awal")
		to := fs.String("to", time.Now().Format("2006-01-02"), "tanggal akhir")
		if _, err := parse(fs, args[1:]); err != nil {
			return err
		}
		db, err := c.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		rows, err := db.Report(ctx, *from, *to)
		if err != nil {
			return err
		}
		fmt.Printf("%-12s %-10s %7s %7s %7s %6s %6s %6s\n", "Kantor", "Tanggal", "Tiket", "Selesai", "SLA %", "IKM", "IPK", "IPAK")
		value := func(v *float64) string {
			if v == nil {
				return "-"
			}
			return fmt.Sprintf("%.2f", *v)
		}
		for _, r := range rows {
			sla := "-"
			if r.SLAPercent != nil {
				sla = fmt.Sprintf("%.1f", *r.SLAPercent)
			}
			if r.SLABasis != central.SLABasisNorm {
				sla += "*"
			}
			fmt.Printf("%-12s %-10s %7d %7d %7s %6s %6s %6s\n", r.Office, r.Date, r.Issued, r.Served, sla,
				value(r.IKM), value(r.IPK), value(r.IPAK))
		}
		fmt.Println("SLA % = " + central.SLABasisNorm + ", dari angka harian yang dihitung kantor")
		fmt.Println("  (- bila tidak ada tiket selesai yang layanannya punya norma waktu);")
		fmt.Println("  tanda * = " + central.SLABasisWait + ".")
		fmt.Println("IKM, IPK dan IPAK (nilai konversi 25-100) dari survei yang tersinkron (- bila tidak ada jawaban hari itu).")
		return nil
	case "fingerprint":
		if _, err := parse(fs, args[1:]); err != nil {
			return err
		}
		cert, err := central.EnsureSelfSigned(filepath.Join(c.data, "pusat.crt"), filepath.Join(c.data, "pusat.key"), nil)
		if err != nil {
			return err
		}
		fmt.Println(tlspin.Fingerprint(cert.Leaf.Raw))
		return nil
	case "help", "-h", "--help":
		fmt.Println(usage)
		return nil
	}
	return fmt.Errorf("perintah %q tidak dikenal\n%s", verb, usage)
}

func office(ctx context.Context, c *common, pos []string, name string) error {
	if len(pos) == 0 {
		return errors.New("gunakan: loket-pusat office add|token|list")
	}
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch pos[0] {
	case "list":
		offs, err := db.Offices(ctx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(offs)
	case "add", "token":
		if len(pos) != 2 {
			return fmt.Errorf("gunakan: loket-pusat office %s KODE", pos[0])
		}
		code := strings.ToUpper(pos[1])
		tok, hash, err := central.NewToken()
		if err != nil {
			return err
		}
		if pos[0] == "add" {
			err = db.AddOffice(ctx, code, name, hash)
		} else {
			err = db.SetToken(ctx, code, central.RoleOffice, hash)
		}
		switch {
		case errors.Is(err, central.ErrOfficeExists):
			return fmt.Errorf("kantor %s sudah terdaftar; gunakan `loket-pusat office token %s` untuk mengganti token", code, code)
		case errors.Is(err, central.ErrUnknownOffice):
			return fmt.Errorf("kantor %s belum terdaftar; gunakan `loket-pusat office add %s`", code, code)
		case err != nil:
			return err
		}
		fmt.Printf("Token kantor %s (simpan sekarang, tidak ditampilkan lagi):\n%s\n", code, tok)
		return nil
	}
	return fmt.Errorf("perintah office %q tidak dikenal", pos[0])
}

func serve(ctx context.Context, c *common, addr, certFile, keyFile, hosts string) error {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := central.StartCentreRetention(ctx, db, logger); err != nil { // personal data past retention (UU 27/2022)
		return err
	}
	var cert tls.Certificate
	if certFile != "" {
		cert, err = tls.LoadX509KeyPair(certFile, keyFile)
	} else {
		if err := os.MkdirAll(c.data, 0o700); err != nil {
			return err
		}
		cert, err = central.EnsureSelfSigned(filepath.Join(c.data, "pusat.crt"), filepath.Join(c.data, "pusat.key"),
			strings.Split(hosts, ","))
	}
	if err != nil {
		return fmt.Errorf("sertifikat: %w", err)
	}
	handler, err := publicHandler(ctx, db, logger)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              addr,
		Handler:           handler,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	logger.Info("loket-pusat mendengarkan", "addr", addr, "sha256", tlspin.Fingerprint(cert.Leaf.Raw))
	if err := srv.ListenAndServeTLS("", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkUpdate refuses a document the offices would refuse: a holiday CSV
// that does not parse, a catalog document with no service in it.
func checkUpdate(kind, name string, content []byte) error {
	switch kind {
	case central.UpdateHolidays:
		hs, err := workday.ParseHolidaysCSV(bytes.NewReader(content))
		if err != nil {
			return fmt.Errorf("kalender %s ditolak, tidak dikirim ke kantor: %w", name, err)
		}
		if len(hs) == 0 {
			return fmt.Errorf("kalender %s tidak memuat satu tanggal pun; tidak dikirim ke kantor", name)
		}
	case central.UpdateCatalog:
		doc, _, err := standards.Parse(name, content)
		if err != nil {
			return fmt.Errorf("dokumen %s ditolak, tidak dikirim ke kantor: %w", name, err)
		}
		if len(doc.Services) == 0 {
			return fmt.Errorf("dokumen %s tidak memuat layanan yang dikenali; tidak dikirim ke kantor", name)
		}
	}
	return nil
}
