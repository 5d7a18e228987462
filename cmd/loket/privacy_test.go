package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"loket/store"
)

// `loket privasi` on a headless hub: the export is JSON on stdout with the
// person's data and the export's own access log row; hapus needs a reason
// and an admin/DPO; retensi --dry-run changes nothing.
func TestPrivacyVerb(t *testing.T) {
	_, st, l := demoStore(t, nil)
	ctx := context.Background()
	officers, _ := l.Officers(ctx)
	var cso store.Officer
	for _, o := range officers {
		if o.Username == "cso1" {
			cso = o
		}
	}
	c, err := l.CreateConsultation(ctx, cso.ID, store.Consultation{Channel: "telepon", Category: "sakti", OfficerID: cso.ID,
		Question: "Akun terblokir", Identification: "Pak Budi lupa sandi",
		Visitor: store.Visitor{SatkerCode: "409294", Name: "Budi Santoso", Phone: "081311112222", IDNumber: "3171012345670001"}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		rc := runVerb("privasi", args, &out, &errb)
		return rc, out.String(), errb.String()
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no officer", []string{"ekspor", "--nik", "3171012345670001"}, "--petugas"},
		{"not DPO", []string{"ekspor", "--nik", "3171012345670001", "--petugas", "fo1"}, "hanya dapat dikelola"},
		{"no person", []string{"ekspor", "--petugas", "admin"}, "--nik"},
		{"unknown person", []string{"ekspor", "--telepon", "089999999999", "--petugas", "admin"}, "Tidak ada data pribadi"},
		{"erase without reason", []string{"hapus", "--nik", "3171012345670001", "--petugas", "admin"}, "alasan"},
		{"unknown verb", []string{"jual"}, "tidak dikenal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if rc, _, errs := run(c.args...); rc == 0 || !strings.Contains(errs, c.want) {
				t.Fatalf("rc %d, stderr %q, want %q", rc, errs, c.want)
			}
		})
	}
	rc, out, errs := run("ekspor", "--telepon", "0813-1111-2222", "--petugas", "admin", "--keperluan", "Surat 9/2026")
	if rc != 0 {
		t.Fatalf("export: rc %d %s", rc, errs)
	}
	var got struct {
		Data []store.PersonData `json:"data"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, out)
	}
	if len(got.Data) != 1 || got.Data[0].Visitor.IDNumber != "3171012345670001" || len(got.Data[0].Consultations) != 1 ||
		got.Data[0].Consultations[0].Identification != c.Identification {
		t.Fatalf("export: %+v", got.Data)
	}
	if al := got.Data[0].AccessLog; len(al) != 1 || al[0].Screen != "Surat 9/2026" {
		t.Fatalf("access log of the export: %+v", al)
	}
	if rc, out, errs := run("retensi", "--dry-run"); rc != 0 || !strings.Contains(out, "0 rekaman akan disamarkan") {
		t.Fatalf("retensi --dry-run: rc %d %q %q", rc, out, errs)
	}
	if rc, out, errs := run("hapus", "--nik", "3171012345670001", "--petugas", "admin", "--alasan", "Permohonan 10/2026"); rc != 0 || !strings.Contains(out, "Data 1 orang dihapus") {
		t.Fatalf("hapus: rc %d %q %q", rc, out, errs)
	}
	if rc, _, errs := run("ekspor", "--nik", "3171012345670001", "--petugas", "admin"); rc == 0 || !strings.Contains(errs, "Tidak ada data pribadi") {
		t.Fatalf("erased person still exported by NIK: %q", errs)
	}
}

// `loket backup --kunci-baru` makes the office key and from then on every
// backup is encrypted; `loket restore` refuses it without the key and
// restores it with the key file.
func TestBackupKeyVerbs(t *testing.T) {
	db, st, _ := demoStore(t, nil)
	st.Close()
	dir := t.TempDir()
	keyPath := dir + "/kunci-cadangan.txt"
	var out, errb bytes.Buffer
	if rc := runVerb("backup", []string{"--dir", dir + "/cadangan", "--kunci-baru", keyPath}, &out, &errb); rc != 0 ||
		!strings.Contains(out.String(), "tidak dapat dibuka oleh siapa pun") {
		t.Fatalf("new key: rc %d %q %q", rc, out.String(), errb.String())
	}
	if rc := runVerb("backup", []string{"--dir", dir + "/cadangan", "--kunci-baru", keyPath}, &out, &errb); rc == 0 ||
		!strings.Contains(errb.String(), "tidak ditimpa") {
		t.Fatalf("key overwritten: rc %d %q", rc, errb.String())
	}
	out.Reset()
	if rc := runVerb("backup", []string{"--dir", dir + "/cadangan"}, &out, &errb); rc != 0 || !strings.Contains(out.String(), ".db.age") {
		t.Fatalf("backup: rc %d %q %q", rc, out.String(), errb.String())
	}
	var backup string
	for _, f := range strings.Fields(out.String()) {
		if strings.HasSuffix(f, ".db.age") {
			backup = f
		}
	}
	errb.Reset()
	if rc := runVerb("restore", []string{backup}, &out, &errb); rc == 0 || !strings.Contains(errb.String(), "terenkripsi") {
		t.Fatalf("restore without key: rc %d %q", rc, errb.String())
	}
	out.Reset()
	if rc := runVerb("restore", []string{backup, "--kunci", keyPath}, &out, &errb); rc != 0 || !strings.Contains(out.String(), "dipulihkan") {
		t.Fatalf("restore with key: rc %d %q %q", rc, out.String(), errb.String())
	}
	st2, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if _, err := st2.Office(context.Background()); err != nil {
		t.Fatalf("restored store: %v", err)
	}
}
