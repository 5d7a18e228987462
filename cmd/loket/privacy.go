package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"loket/office"
	"loket/reports"
	"loket/store"
)

const privacyUsage = `Pemakaian (di komputer yang menyimpan data kantor, mis. hub tanpa layar):
  loket privasi ekspor  --nik N | --telepon T | --email E  --petugas NAMA-PENGGUNA [--keperluan TEKS] [--pdf BERKAS]
                        seluruh data pribadi seseorang dan catatan aksesnya, JSON ke keluaran standar
  loket privasi batasi  --nik N | --telepon T | --email E  --petugas NAMA-PENGGUNA --alasan TEKS
  loket privasi hapus   --nik N | --telepon T | --email E  --petugas NAMA-PENGGUNA --alasan TEKS
  loket privasi retensi [--dry-run] [--petugas NAMA-PENGGUNA]
                        hapus/samarkan data pribadi yang lewat masa retensi (--dry-run: hanya hitung)
  loket privasi catatan --petugas NAMA-PENGGUNA --pdf BERKAS
                        catatan kegiatan pemrosesan data pribadi (UU 27/2022 ps. 31)
--petugas: Admin atau Pejabat Pelindungan Data Pribadi; tercatat pada catatan akses dan peristiwa.
`

// runPrivacy is `loket privasi ...`: the personal data duties for a hub
// without a screen, on the PC that holds the store (like `loket unlock`,
// holding the machine is the trust; the officer named is checked to be an
// admin or the DPO and recorded).
func runPrivacy(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, privacyUsage)
		return 0
	}
	verb := args[0]
	fs := flag.NewFlagSet("privasi "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var q store.PersonQuery
	fs.StringVar(&q.IDNumber, "nik", "", "NIK atau NIP")
	fs.StringVar(&q.Phone, "telepon", "", "nomor telepon")
	fs.StringVar(&q.Email, "email", "", "alamat email")
	user := fs.String("petugas", "", "nama pengguna Admin/DPO yang menjalankan")
	reason := fs.String("alasan", "", "alasan (nomor surat permohonan ...)")
	purpose := fs.String("keperluan", "", "keperluan ekspor (dicatat di catatan akses)")
	pdfPath := fs.String("pdf", "", "simpan juga sebagai PDF")
	dry := fs.Bool("dry-run", false, "hanya hitung, tidak mengubah")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "Argumen %q tidak dikenal.\n\n%s", fs.Arg(0), privacyUsage)
		return 2
	}
	switch verb {
	case "ekspor", "batasi", "hapus", "retensi", "catatan":
	default:
		fmt.Fprintf(stderr, "Perintah privasi %q tidak dikenal.\n\n%s", verb, privacyUsage)
		return 2
	}
	st := openStoreOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	ctx := context.Background()
	l := office.NewLocal(st)
	say := func(err error) int {
		fmt.Fprintln(stderr, store.Message(err))
		return 1
	}
	actorID := ""
	if *user != "" {
		o, err := officerByUsername(ctx, st, *user)
		if err != nil {
			return say(err)
		}
		actorID = o.ID
	} else if verb != "retensi" {
		fmt.Fprintln(stderr, "Sebutkan petugas yang menjalankan dengan --petugas NAMA-PENGGUNA (Admin atau Pejabat Pelindungan Data Pribadi).")
		return 2
	}
	off, err := st.Office(ctx)
	if err != nil {
		return say(err)
	}
	switch verb {
	case "retensi":
		var r store.PurgeResult
		if actorID == "" {
			// The daily job's own pass, run by hand: no officer.
			r, err = st.PurgeRetention(ctx, "", *dry)
		} else {
			r, err = l.PurgeRetention(ctx, actorID, *dry)
		}
		if err != nil {
			return say(err)
		}
		verbWord := "disamarkan"
		if *dry {
			verbWord = "akan disamarkan (uji, tidak ada yang diubah)"
		}
		for _, k := range r.Kinds {
			fmt.Fprintf(stdout, "%-50s retensi %4d hari: %d rekaman %s\n", k.Label, k.Days, k.Rows, verbWord)
		}
		return 0
	case "catatan":
		if *pdfPath == "" {
			fmt.Fprintln(stderr, "Sebutkan berkas hasil dengan --pdf BERKAS.")
			return 2
		}
		items, err := l.ProcessingRecord(ctx, actorID)
		if err != nil {
			return say(err)
		}
		ret, err := st.Retention(ctx)
		if err != nil {
			return say(err)
		}
		return writeDoc(office.ProcessingRecordDocument(off, items, ret, st.Now()), *pdfPath, stdout, stderr)
	}
	if q.Empty() {
		fmt.Fprintln(stderr, "Sebutkan orangnya dengan --nik, --telepon atau --email.")
		return 2
	}
	if (verb == "hapus" || verb == "batasi") && strings.TrimSpace(*reason) == "" {
		fmt.Fprintln(stderr, "Tuliskan alasan dengan --alasan (misalnya nomor surat permohonan).")
		return 2
	}
	p := *purpose
	if p == "" {
		p = "loket privasi " + verb + " (baris perintah)"
	}
	people, err := l.PersonalData(ctx, actorID, p, q)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintln(stderr, "Tidak ada data pribadi dengan NIK/NIP, telepon atau email itu.")
			return 1
		}
		return say(err)
	}
	switch verb {
	case "ekspor":
		b, err := office.PersonalDataExport(people)
		if err != nil {
			return say(err)
		}
		if _, err := stdout.Write(b); err != nil {
			return 1
		}
		if *pdfPath != "" {
			officers, _ := st.Officers(ctx)
			return writeDoc(office.PersonalDataDocument(off, people, officers, st.Now()), *pdfPath, io.Discard, stderr)
		}
		return 0
	case "batasi", "hapus":
		for _, pd := range people {
			if verb == "hapus" {
				err = l.ErasePerson(ctx, actorID, pd.Visitor.ID, *reason)
			} else {
				err = l.RestrictPerson(ctx, actorID, pd.Visitor.ID, *reason)
			}
			if err != nil {
				return say(err)
			}
		}
		done := "dibatasi pemrosesannya"
		if verb == "hapus" {
			done = "dihapus (jumlah dan waktu layanan untuk laporan tetap)"
		}
		fmt.Fprintf(stdout, "Data %d orang %s.\n", len(people), done)
		return 0
	}
	return 2
}

// officerByUsername finds an active officer by username.
func officerByUsername(ctx context.Context, st *store.Store, username string) (store.Officer, error) {
	all, err := st.Officers(ctx)
	if err != nil {
		return store.Officer{}, err
	}
	for _, o := range all {
		if strings.EqualFold(o.Username, strings.TrimSpace(username)) && o.Active {
			return o, nil
		}
	}
	return store.Officer{}, &store.Error{Code: "not_found", Message: fmt.Sprintf("Petugas %q tidak ada atau tidak aktif.", username)}
}

func writeDoc(d reports.Document, path string, stdout, stderr io.Writer) int {
	b, err := reports.DocumentPDF(d)
	if err == nil {
		err = os.WriteFile(path, b, 0o600)
	}
	if err != nil {
		fmt.Fprintf(stderr, "PDF tidak dapat disimpan: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "PDF disimpan: %s\n", path)
	return 0
}
