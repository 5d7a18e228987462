package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"loket/office"
	"loket/store"
)

// stdin is where `loket setup` reads the admin's password; tests replace it.
var stdin io.Reader = os.Stdin

// zoneArg accepts WIB/WITA/WIT or the IANA name.
func zoneArg(v string) string {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "", "WIB":
		return "Asia/Jakarta"
	case "WITA":
		return "Asia/Makassar"
	case "WIT":
		return "Asia/Jayapura"
	}
	return strings.TrimSpace(v)
}

// runSetup is `loket setup`: the first-run form for a hub PC without a
// screen, with the same checks (office.Setup.Validate) before anything is
// written. The admin's password is the first line of standard input, so
// it never shows in the process list or the shell history.
func runSetup(args []string, in io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	code := fs.String("office-code", "", "kode kantor, 2-20 huruf kapital/angka (tidak dapat diubah kemudian)")
	name := fs.String("name", "", "nama kantor")
	address := fs.String("address", "", "alamat kantor")
	phone := fs.String("phone", "", "telepon kantor")
	zone := fs.String("zone", "WIB", "zona waktu: WIB, WITA atau WIT")
	admin := fs.String("admin", "admin", "nama pengguna admin pertama")
	adminName := fs.String("admin-name", "Administrator Kantor", "nama lengkap admin pertama")
	demo := fs.Bool("demo", false, "isi contoh layanan, loket dan petugas")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "Argumen %q tidak dikenal. Kata sandi admin dibaca dari masukan standar, bukan dari argumen.\n", fs.Arg(0))
		return 2
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintf(stderr, "Kata sandi admin tidak dapat dibaca: %v\n", err)
		return 1
	}
	setup := office.Setup{
		Office: store.Office{Code: *code, Name: *name, Address: strings.TrimSpace(*address), Phone: strings.TrimSpace(*phone),
			Zone: zoneArg(*zone), PriorityRatio: 2, NormalRatio: 1, MaxWait: office.DemoOffice().MaxWait},
		AdminUsername: *admin, AdminName: *adminName, AdminPassword: strings.TrimRight(line, "\r\n"), Demo: *demo,
	}
	// Checked before the store is even created, so a typo leaves nothing.
	if err := setup.Validate(); err != nil {
		fmt.Fprintln(stderr, store.Message(err))
		return 1
	}
	st := openStoreOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	l := office.NewLocal(st)
	if _, err := office.FirstRun(context.Background(), l, setup); err != nil {
		fmt.Fprintln(stderr, store.Message(err))
		return 1
	}
	off, err := l.Office(context.Background())
	if err != nil {
		fmt.Fprintln(stderr, store.Message(err))
		return 1
	}
	fmt.Fprintf(stdout, "Kantor %s (%s, %s) siap; admin %s dapat masuk. Data: %s\n", off.Name, off.Code, off.ZoneLabel(),
		strings.ToLower(strings.TrimSpace(*admin)), dbPath())
	return 0
}

// runUnlock is `loket unlock`: lifts a username's or a device's login
// delay or lock from the PC that holds the store, for when the only admin
// is the one locked out. Without arguments it lists what is held back.
func runUnlock(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("unlock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	device := fs.String("device", "", "id perangkat hub (bukan nama pengguna)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st := openStoreOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	ctx := context.Background()
	var subject string
	switch {
	case *device != "" && fs.NArg() == 0:
		subject = "device:" + *device
	case *device == "" && fs.NArg() == 1:
		subject = "user:" + strings.ToLower(strings.TrimSpace(fs.Arg(0)))
	case *device == "" && fs.NArg() == 0:
		locks, err := st.LoginLocks(ctx)
		if err != nil {
			fmt.Fprintln(stderr, store.Message(err))
			return 1
		}
		if len(locks) == 0 {
			fmt.Fprintln(stdout, "Tidak ada pengguna atau perangkat yang tertunda atau terkunci.")
		}
		for _, l := range locks {
			state := "ditunda"
			if l.Locked {
				state = "DIKUNCI"
			}
			fmt.Fprintf(stdout, "%s %s: %d kali gagal, %s\n", l.Kind, l.Name, l.Failures, state)
		}
		return 0
	default:
		fmt.Fprintln(stderr, "Pemakaian: loket unlock [NAMA-PENGGUNA | --device ID]")
		return 2
	}
	if err := st.UnlockLogin(ctx, "", subject); err != nil {
		fmt.Fprintln(stderr, store.Message(err))
		return 1
	}
	fmt.Fprintf(stdout, "Blokir %s dibuka.\n", subject)
	return 0
}
