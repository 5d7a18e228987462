package hub

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"loket/store"
)

// Console is the headless hub's admin prompt (`loket hub` on a terminal):
// it reads commands from in and answers on out until in ends or ctx is
// done. Commands, in Indonesian:
//
//	permintaan       list pending pairing requests
//	setujui KODE     approve a request
//	tolak KODE       reject a request
//	perangkat        list paired devices
//	cabut ID         revoke a device
//	sidik            show the hub's certificate fingerprint
//
// Announce new requests by calling ConsoleAnnounce from OnPairingRequest.
func (s *Server) Console(ctx context.Context, in io.Reader, out io.Writer) error {
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errc <- sc.Err()
	}()
	fmt.Fprintf(out, "Sidik jari sertifikat hub: %s\nKetik \"bantuan\" untuk daftar perintah.\n", ShortFingerprint(s.fp))
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			return err
		case line := <-lines:
			s.consoleCommand(line, out)
		}
	}
}

// ConsoleAnnounce writes a new pairing request for the admin to see.
func ConsoleAnnounce(out io.Writer, p Pairing) {
	fmt.Fprintf(out, "\nPermintaan pemasangan dari %q sebagai %s (%s)\n  Kode: %s   Sidik jari hub: %s\n"+
		"  Setujui hanya bila perangkat menampilkan kode dan sidik jari yang sama: setujui %s\n",
		p.DeviceName, kindLabel(p.Kind), p.RemoteAddr, p.Code, ShortFingerprint(p.Fingerprint), p.Code)
}

func (s *Server) consoleCommand(line string, out io.Writer) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return
	}
	arg := ""
	if len(f) > 1 {
		arg = f[1]
	}
	fail := func(err error) { fmt.Fprintln(out, "Gagal:", store.Message(err)) }
	switch strings.ToLower(f[0]) {
	case "permintaan":
		ps := s.PendingPairings()
		if len(ps) == 0 {
			fmt.Fprintln(out, "Tidak ada permintaan pemasangan.")
		}
		for _, p := range ps {
			fmt.Fprintf(out, "  %s  %-24q %-14s %s  berlaku s.d. %s\n", p.Code, p.DeviceName, kindLabel(p.Kind), p.RemoteAddr, p.ExpiresAt.Local().Format("15:04"))
		}
	case "setujui":
		d, err := s.ApprovePairing(arg)
		if err != nil {
			fail(err)
			return
		}
		fmt.Fprintf(out, "Perangkat %q dipasangkan sebagai %s (id %s).\n", d.Name, kindLabel(kindOf(d)), d.ID)
	case "tolak":
		if err := s.RejectPairing(arg); err != nil {
			fail(err)
			return
		}
		fmt.Fprintln(out, "Permintaan ditolak.")
	case "perangkat":
		ds := s.Devices()
		if len(ds) == 0 {
			fmt.Fprintln(out, "Belum ada perangkat yang dipasangkan.")
		}
		for _, d := range ds {
			state := "aktif"
			if d.Revoked() {
				state = "dicabut " + d.RevokedAt.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(out, "  %s  %-24q %-14s dipasangkan %s  %s\n", d.ID, d.Name, kindLabel(kindOf(d)), d.PairedAt.Local().Format("2006-01-02 15:04"), state)
		}
	case "cabut":
		if err := s.RevokeDevice(arg); err != nil {
			fail(err)
			return
		}
		fmt.Fprintln(out, "Izin perangkat dicabut.")
	case "sidik":
		fmt.Fprintf(out, "Sidik jari sertifikat hub: %s\n(lengkap: %s)\n", ShortFingerprint(s.fp), s.fp)
	default:
		fmt.Fprintln(out, "Perintah: permintaan | setujui KODE | tolak KODE | perangkat | cabut ID | sidik")
	}
}
