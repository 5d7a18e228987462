package printer

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// cliUsage is for the office's IT person, in Indonesian like the rest.
const cliUsage = `Pemakaian:
  loket printer test HOST[:PORT] [--kertas 58|80] [--tanpa-status] [--batas-waktu DETIK]
      cetak halaman uji ke printer thermal jaringan (port bawaan 9100) dan
      tampilkan jawaban printer: daring/luring, kertas (cukup, hampir habis,
      habis), tutup, galat, beserta byte status mentahnya
  loket printer test --queue NAMA
      cetak halaman uji lewat antrean cetak sistem (CUPS lp / Windows)
      dan tampilkan keadaan antrean serta jawabannya
  loket printer test --device BERKAS [--kertas 58|80] [--tanpa-status]
      cetak halaman uji ke printer USB/serial lewat berkas perangkat
      (mis. /dev/usb/lp0) dan tampilkan jawabannya
  loket printer help

Opsi:
  --kertas 58|80       lebar gulungan (bawaan 80 mm)
  --tanpa-status       untuk printer yang tidak menjawab permintaan status
  --batas-waktu DETIK  batas tunggu jawaban status (bawaan 2)
`

// RunCLI runs `loket printer ...` with args (without "printer") and returns
// the exit code: 0 when the printer confirmed the test page, 1 when the
// print failed, 2 for a mistake on the command line.
func RunCLI(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "Perintah printer belum diberikan.\n\n"+cliUsage)
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, cliUsage)
		return 0
	case "test":
	default:
		fmt.Fprintf(stderr, "Perintah printer %q tidak dikenal; gunakan test.\n\n%s", args[0], cliUsage)
		return 2
	}
	var addr, queue, device string
	queueSet, deviceSet := false, false
	p := TCPPrinter{}
	paper := Paper80
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		next := func() (string, bool) {
			if hasVal {
				return val, true
			}
			if i+1 < len(rest) {
				i++
				return rest[i], true
			}
			return "", false
		}
		switch {
		case a == "-h" || a == "--help" || a == "help":
			fmt.Fprint(stdout, cliUsage)
			return 0
		case !strings.HasPrefix(a, "-"):
			if addr != "" {
				fmt.Fprintf(stderr, "Alamat printer diberikan dua kali (%s dan %s).\n\n%s", addr, a, cliUsage)
				return 2
			}
			addr = a
		case name == "queue" || name == "antrean":
			v, ok := next()
			if !ok {
				fmt.Fprint(stderr, "--queue perlu nama antrean cetak.\n\n"+cliUsage)
				return 2
			}
			queue, queueSet = v, true
		case name == "device" || name == "perangkat":
			v, ok := next()
			if !ok || v == "" {
				fmt.Fprint(stderr, "--device perlu berkas perangkat printer, mis. /dev/usb/lp0.\n\n"+cliUsage)
				return 2
			}
			device, deviceSet = v, true
		case name == "kertas" || name == "paper":
			v, ok := next()
			switch {
			case ok && v == "58":
				paper = Paper58
			case ok && v == "80":
				paper = Paper80
			default:
				fmt.Fprint(stderr, "--kertas harus 58 atau 80.\n\n"+cliUsage)
				return 2
			}
		case name == "tanpa-status" || name == "no-status":
			p.NoStatus = true
		case name == "batas-waktu" || name == "timeout":
			v, ok := next()
			secs, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
			if !ok || err != nil || secs <= 0 || secs > 120 {
				fmt.Fprint(stderr, "--batas-waktu harus jumlah detik antara 0 dan 120.\n\n"+cliUsage)
				return 2
			}
			p.StatusTimeout = time.Duration(secs * float64(time.Second))
		default:
			fmt.Fprintf(stderr, "Opsi %q tidak dikenal.\n\n%s", a, cliUsage)
			return 2
		}
	}
	given := 0
	for _, set := range []bool{addr != "", queueSet, deviceSet} {
		if set {
			given++
		}
	}
	if given != 1 {
		fmt.Fprint(stderr, "Berikan alamat printer thermal (HOST:PORT), --queue NAMA, atau --device BERKAS, salah satu.\n\n"+cliUsage)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var res TestResult
	switch {
	case queueSet:
		res = TestQueue(ctx, SpoolerPrinter{Name: queue}, time.Now())
	case deviceSet:
		res = TestDevice(ctx, FilePrinter{Path: device, CheckStatus: !p.NoStatus, StatusTimeout: p.StatusTimeout}, paper, time.Now())
	default:
		p.Addr = addr
		res = TestTCP(ctx, p, paper, time.Now())
	}
	for _, l := range res.Lines {
		fmt.Fprintln(stdout, l)
	}
	if !res.OK {
		if res.Err != nil {
			fmt.Fprintln(stderr, "rincian teknis:", res.Err)
		}
		return 1
	}
	return 0
}
