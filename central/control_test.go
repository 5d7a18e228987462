package central_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/central"
	"loket/store"
)

// controlFor is an office's Control on its store, its configuration file
// beside the store.
func controlFor(t *testing.T, o *office) *central.Control {
	t.Helper()
	ctl, err := central.NewControl(o.st, o.st.Path(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	return ctl
}

func TestControlConfigKeepsTheTokenSecret(t *testing.T) {
	o := newOffice(t, "KPPN030")
	ctl := controlFor(t, o)
	cfg, tokenSet := ctl.Config()
	if tokenSet || cfg.At != "23:00" || cfg.Keep != 14 || cfg.BackupDir != central.DefaultBackupDir(o.st.Path()) {
		t.Fatalf("defaults %+v token %v", cfg, tokenSet)
	}
	bad := []struct {
		cfg  central.Config
		want string
	}{
		{central.Config{URL: "http://pusat:8443", At: "23:00", Keep: 3}, "https://"},
		{central.Config{URL: "https://pusat:8443", PinSHA256: "abc", At: "23:00", Keep: 3}, "64 digit"},
		{central.Config{URL: "https://pusat:8443", At: "25:00", Keep: 3}, "JJ:MM"},
		{central.Config{URL: "https://pusat:8443", At: "23:00", Keep: 999}, "1 sampai 365"},
		{central.Config{URL: "https://pusat:8443", CAFile: filepath.Join(t.TempDir(), "nope.pem"), At: "23:00", Keep: 3}, "CA"},
	}
	for _, b := range bad {
		err := ctl.SaveConfig(b.cfg)
		if err == nil || !strings.Contains(central.Message(err), b.want) {
			t.Errorf("%+v: %v", b.cfg, err)
		}
	}
	if _, err := os.Stat(ctl.ConfigPath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("refused config written: %v", err)
	}
	pin := strings.Repeat("ab:", 31) + "ab"
	if err := ctl.SaveConfig(central.Config{URL: "https://pusat:8443/", Token: "rahasia-kantor", PinSHA256: pin, At: "22:30", Keep: 7}); err != nil {
		t.Fatal(err)
	}
	cfg, tokenSet = ctl.Config()
	if !tokenSet || cfg.Token != "" || cfg.URL != "https://pusat:8443" || cfg.At != "22:30" || cfg.Keep != 7 {
		t.Fatalf("saved %+v token %v", cfg, tokenSet)
	}
	// Saving again without a token keeps the stored one.
	cfg.At = "21:00"
	if err := ctl.SaveConfig(cfg); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(ctl.ConfigPath())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("config mode %v", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(ctl.ConfigPath())
	var onDisk central.Config
	json.Unmarshal(data, &onDisk)
	if onDisk.Token != "rahasia-kantor" || onDisk.At != "21:00" {
		t.Errorf("on disk %+v", onDisk)
	}
	// A second Control (the next start of the app) reads it back.
	again := controlFor(t, o)
	if c, set := again.Config(); !set || c.At != "21:00" {
		t.Errorf("reloaded %+v %v", c, set)
	}
	// The token never enters the store (whose settings are synced).
	var n int
	o.st.DB().QueryRow(`SELECT count(*) FROM settings WHERE value LIKE '%rahasia-kantor%'`).Scan(&n)
	if n != 0 {
		t.Error("token stored in settings")
	}
}

// A receipt and its visitor, created at the counter, reach the central
// store through the office's Control (what "Sinkronkan sekarang" runs).
func TestReceiptAndVisitorReachTheCentre(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN031")
			h := newHub(t, be, o.code, nil)
			ctl := controlFor(t, o)
			ctl.SetHTTPClient(h.srv.Client())
			if _, err := ctl.SyncNow(ctx, store.TrigManual, nil); err == nil ||
				!strings.Contains(central.Message(err), "belum diatur") {
				t.Fatalf("unconfigured sync: %v", err)
			}
			if err := ctl.SaveConfig(central.Config{URL: h.cfg.URL, Token: h.token, PinSHA256: h.cfg.PinSHA256,
				At: "23:00", Keep: 3}); err != nil {
				t.Fatal(err)
			}
			o.traffic(t, 2)
			var officerID string
			o.st.DB().QueryRow(`SELECT id FROM officers`).Scan(&officerID)
			if err := o.st.ImportSatkers(ctx, officerID, []store.Satker{{Code: "019001", Name: "KPPN Pekanbaru"}}); err != nil {
				t.Fatal(err)
			}
			r, err := o.st.CreateReceipt(ctx, store.Receipt{ServiceID: o.service.ID, OfficerID: officerID, Purpose: "SPM",
				Visitor: store.Visitor{Name: "Budi Santoso", SatkerCode: "019001", Phone: "081234567890"}})
			if err != nil {
				t.Fatal(err)
			}
			var seen []central.Progress
			run, err := ctl.SyncNow(ctx, store.TrigManual, func(p central.Progress) { seen = append(seen, p) })
			if err != nil {
				t.Fatal(err)
			}
			if run.Result != store.RunOK || len(seen) == 0 || seen[len(seen)-1].Fraction() != 1 {
				t.Fatalf("run %+v progress %+v", run, seen)
			}
			for table, id := range map[string]string{"receipts": r.ID, "visitors": r.Visitor.ID, "satkers": "019001"} {
				rec, err := h.db.Record(ctx, o.code, table, id)
				if err != nil {
					t.Fatalf("%s %s: %v", table, id, err)
				}
				if table == "receipts" && !strings.Contains(string(rec.Data), r.Number) {
					t.Errorf("receipt at the centre: %s", rec.Data)
				}
				if table == "visitors" && !strings.Contains(string(rec.Data), "Budi Santoso") {
					t.Errorf("visitor at the centre: %s", rec.Data)
				}
			}
			// Printed later: the new state follows on the next sync.
			if err := o.st.MarkReceiptPrinted(ctx, officerID, r.ID, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := ctl.SyncNow(ctx, store.TrigManual, nil); err != nil {
				t.Fatal(err)
			}
			rec, _ := h.db.Record(ctx, o.code, "receipts", r.ID)
			if !strings.Contains(string(rec.Data), `"print_count":1`) && !strings.Contains(string(rec.Data), `"print_count": 1`) {
				t.Errorf("printed receipt at the centre: %s", rec.Data)
			}
			verify(t, h.db, o)

			// Backup now lands in the configured folder and is listed.
			path, err := ctl.BackupNow(ctx, store.TrigManual)
			if err != nil {
				t.Fatal(err)
			}
			list, err := ctl.Backups()
			if err != nil || len(list) != 1 || list[0] != path {
				t.Errorf("backups %v %v", list, err)
			}
		})
	}
}

func TestRestoreRefusesAStoreInUse(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, "KPPN032")
	dir := t.TempDir()
	path, err := central.Backup(ctx, o.st, dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := central.Restore(path, o.st.Path()); !errors.Is(err, central.ErrStoreInUse) {
		t.Fatalf("restore over an open store: %v", err)
	}
	o.traffic(t, 1) // the store is untouched and still works
	o.st.Close()
	if err := central.Restore(path, o.st.Path()); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(o.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	st.DB().QueryRow(`SELECT count(*) FROM tickets`).Scan(&n)
	if n != 0 {
		t.Errorf("restored store has %d tickets, the backup none", n)
	}
}

// The cross-office report's IKM comes from the synced survey answers, per
// office business day, by the regulation's formula.
func TestReportIKMFromSyncedSurveys(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN033")
			h := newHub(t, be, o.code, nil)
			// 23:30 WIB on 2 March is 16:30 UTC: business day 2 March.
			o.st.Now = func() time.Time { return time.Date(2026, 3, 2, 16, 30, 0, 0, time.UTC) }
			o.traffic(t, 2)
			all4 := [store.SurveyElements]int{4, 4, 4, 4, 4, 4, 4, 4, 4}
			mixed := [store.SurveyElements]int{3, 3, 3, 3, 3, 3, 3, 3, 0} // u9 skipped
			// The Zona Integritas answers ride in the same rows: the first
			// visitor answers all of IPK with 4 and IPAK 2,3,3,3,4; the
			// second only k1 = 2.
			zi := []struct {
				ipk  [store.IPKItems]int
				ipak [store.IPAKItems]int
			}{{[store.IPKItems]int{4, 4, 4, 4, 4, 4, 4, 4}, [store.IPAKItems]int{2, 3, 3, 3, 4}}, {ipk: [store.IPKItems]int{2}}}
			for i, sc := range [][store.SurveyElements]int{all4, mixed} {
				if _, err := o.st.SubmitSurvey(ctx, store.SurveyAnswer{Scores: sc, IPK: zi[i].ipk, IPAK: zi[i].ipak}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			rep, err := h.db.Report(ctx, "2026-03-02", "2026-03-02")
			if err != nil {
				t.Fatal(err)
			}
			// NRR u1..u8 = 3.5, u9 = 4: (8*3.5 + 4) * 0.111 * 25 = 88.8
			if len(rep) != 1 || rep[0].Issued != 2 || rep[0].IKM == nil || *rep[0].IKM != 88.8 {
				t.Fatalf("report %+v", rep)
			}
			// IPK: k1 NRR 3, k2..k8 4, index 3.875, x 25 = 96.88; IPAK:
			// one respondent, NRR mean 3, x 25 = 75.
			if r := rep[0]; r.IPK == nil || *r.IPK != 96.88 || r.IPAK == nil || *r.IPAK != 75 {
				t.Fatalf("IPK %v, IPAK %v", val(r.IPK), val(r.IPAK))
			}
			if rep, _ := h.db.Report(ctx, "2026-03-03", "2026-03-03"); len(rep) != 0 {
				t.Errorf("next day %+v", rep)
			}
		})
	}
}

func val(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// Two stores in one folder keep their own sync settings (and tokens) and
// their own backup folders; the default store keeps sync.json.
func TestSyncSettingsPerStore(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ db, cfg, backups string }{
		{"loket.db", "sync.json", "cadangan"},
		{"kppn2.db", "kppn2.sync.json", "cadangan-kppn2"},
	} {
		p := filepath.Join(dir, tt.db)
		if got := central.ConfigPathFor(p); got != filepath.Join(dir, tt.cfg) {
			t.Errorf("ConfigPathFor(%s) = %s", tt.db, got)
		}
		if got := central.DefaultBackupDir(p); got != filepath.Join(dir, tt.backups) {
			t.Errorf("DefaultBackupDir(%s) = %s", tt.db, got)
		}
	}
	a, b := newOffice(t, "KPPN040"), newOffice(t, "KPPN041")
	for i, o := range []*office{a, b} {
		st, err := store.Open(filepath.Join(dir, []string{"loket.db", "kppn2.db"}[i]))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		o.st = st
	}
	ca, cb := controlFor(t, a), controlFor(t, b)
	if err := ca.SaveConfig(central.Config{URL: "https://pusat:8443", Token: "token-a", At: "23:00", Keep: 3}); err != nil {
		t.Fatal(err)
	}
	if _, set := cb.Config(); set {
		t.Fatal("the second store sees the first store's token")
	}
	if err := cb.SaveConfig(central.Config{URL: "https://pusat:8443", Token: "token-b", At: "23:00", Keep: 3}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{ca.ConfigPath(): "token-a", cb.ConfigPath(): "token-b"} {
		if data, _ := os.ReadFile(path); !strings.Contains(string(data), want) {
			t.Errorf("%s does not hold %s", path, want)
		}
	}
}

// 300 offices with one nightly time spread their syncs over the hour:
// every ten minutes of it gets about a sixth of them.
func TestSyncDelaySpreadsOffices(t *testing.T) {
	var buckets [6]int
	for i := range 300 {
		d := central.SyncDelay(fmt.Sprintf("KPPN%03d", i), 0)
		if d < 0 || d > time.Hour {
			t.Fatalf("delay %s outside the hour", d)
		}
		buckets[min(5, int(d/(10*time.Minute)))]++
	}
	for i, n := range buckets {
		if n < 25 || n > 75 {
			t.Errorf("minutes %d-%d hold %d of 300 offices: %v", i*10, i*10+10, n, buckets)
		}
	}
	if d := central.SyncDelay("KPPN001", -1); d != 0 {
		t.Errorf("no jitter: %s", d)
	}
	if d := central.SyncDelay("KPPN001", 5); d > 5*time.Minute {
		t.Errorf("5-minute window: %s", d)
	}
}
