package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"loket/hub"
	"loket/office"
	"loket/store"
)

// configDir is the per-user Loket folder beside the store.
func configDir() string { return filepath.Dir(dbPath()) }

// runHub serves the office store to the other PCs of the office until
// interrupted. Pairing requests are approved on this console.
func runHub(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("hub", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8443", "alamat dengar (host:port)")
	phoneAddr := fs.String("phone-addr", ":8080", "alamat dengar halaman tiket di ponsel lewat http (host:port; kosong = tidak)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st := openStoreOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	if _, err := st.Office(context.Background()); errors.Is(err, store.ErrNoOffice) {
		fmt.Fprintln(stderr, officeNotSetUp)
		return 1
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	svc := office.NewLocal(st)
	srv, err := hub.NewServer(filepath.Join(configDir(), "hub"), svc, logger)
	if err != nil {
		fmt.Fprintf(stderr, "Server kantor tidak dapat disiapkan: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	startOwnerJobs(ctx, st, svc, logger)
	srv.OnPairingRequest = func(p hub.Pairing) { hub.ConsoleAnnounce(stdout, p) }
	fmt.Fprintf(stdout, "Server kantor (hub) Loket\n  Data: %s\n  Alamat: %s\n  Sidik jari sertifikat: %s\n",
		dbPath(), *addr, hub.ShortFingerprint(srv.Fingerprint()))
	if ips := lanIPs(); len(ips) > 0 {
		fmt.Fprintf(stdout, "  Alamat IP komputer ini di jaringan: %s\n", strings.Join(ips, ", "))
	}
	fmt.Fprintln(stdout, "Pasangkan komputer lain dengan: loket --hub <alamat-IP-komputer-ini>:<port>")
	if *phoneAddr != "" {
		// The phone pages over plain HTTP (hub.ServePhonePages), on their
		// own port, beside the hub: it serves on without them if the port
		// is taken.
		go func() {
			ln, err := hub.Listen(ctx, *phoneAddr, 5*time.Second, logger)
			if err != nil {
				fmt.Fprintf(stderr, "Halaman tiket di ponsel tidak dapat dibuka di %s (%v); hub tetap berjalan tanpa halaman itu. "+
					"Pilih port lain dengan --phone-addr.\n", *phoneAddr, err)
				return
			}
			fmt.Fprintf(stdout, "Halaman tiket di ponsel: http://<alamat-IP-komputer-ini>%s (isi di Admin → Janji Temu)\n",
				portOf(ln.Addr().String()))
			if err := srv.ServePhonePages(ctx, ln); err != nil && ctx.Err() == nil {
				logger.Warn("hub: phone pages stopped", "err", err)
			}
		}()
	}
	go func() { _ = srv.Console(ctx, os.Stdin, stdout) }()
	if err := srv.ListenAndServe(ctx, *addr); err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "Server kantor berhenti: %v\n", err)
		return 1
	}
	return 0
}

// lanIPs are this PC's IPv4 addresses other PCs and phones may reach it
// at (up, not loopback or link-local), for the banner: the IT person
// types one of them into the counters and the phone address setting.
func lanIPs() []string {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []string
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				if ip4 := n.IP.To4(); ip4 != nil && !ip4.IsLinkLocalUnicast() && !ip4.IsLoopback() {
					out = append(out, ip4.String())
				}
			}
		}
	}
	return out
}

// portOf is ":port" of a listener's address.
func portOf(addr string) string {
	if _, port, err := net.SplitHostPort(addr); err == nil {
		return ":" + port
	}
	return ""
}

// hubClient returns the office service of a paired hub, pairing this PC as
// kind first when it has never been paired so (the code and fingerprint
// are shown here and must match what the hub's console shows). A counter
// pairing (hub-client.json, also one made before kinds existed) serves
// every screen; a kiosk, display or survey screen on a PC without one
// pairs as its own kind, in its own file, and may call only what that
// kind needs.
func hubClient(addr, kind string, stdout io.Writer) (office.Service, error) {
	counterPath := filepath.Join(configDir(), "hub-client.json")
	path := counterPath
	if kind != hub.KindCounter {
		path = filepath.Join(configDir(), "hub-client-"+kind+".json")
	}
	usable := func(cfg hub.ClientConfig, err error) bool { return err == nil && (addr == "" || cfg.Addr == addr) }
	cfg, err := hub.LoadClientConfig(path)
	if !usable(cfg, err) && path != counterPath {
		if c, cerr := hub.LoadClientConfig(counterPath); usable(c, cerr) && (c.Kind == "" || c.Kind == hub.KindCounter) {
			cfg, err, path = c, nil, counterPath
		}
	}
	if !usable(cfg, err) {
		host, _ := os.Hostname()
		fmt.Fprintf(stdout, "Memasangkan komputer ini (%s) sebagai %s dengan server kantor %s ...\n", host, kind, addr)
		cfg, err = hub.Pair(context.Background(), addr, host, func(p hub.PairInfo) {
			fmt.Fprintf(stdout, "Kode pemasangan: %s   Sidik jari hub: %s\nSetujui kode ini di konsol server kantor.\n",
				p.Code, hub.ShortFingerprint(p.Fingerprint))
		}, hub.PairOptions{Kind: kind})
		if err != nil {
			return nil, err
		}
		if err := hub.SaveClientConfig(path, cfg); err != nil {
			return nil, err
		}
		fmt.Fprintln(stdout, "Komputer ini sudah dipasangkan.")
	}
	return hub.NewClient(cfg, slog.New(slog.NewTextHandler(os.Stderr, nil)))
}
