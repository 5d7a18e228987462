package store_test

import (
	"context"
	"testing"
	"time"

	"loket/store"
)

func TestDPORoleAfterMigration(t *testing.T) {
	o := newCSOOffice(t)
	dpo, err := o.st.SaveOfficer(o.ctx, o.admin.ID, store.Officer{Username: "dpo1", FullName: "Dewi DPO", Role: store.RoleDPO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatalf("save DPO: %v", err)
	}
	if got, err := o.st.Officer(o.ctx, dpo.ID); err != nil || got.Role != store.RoleDPO {
		t.Fatalf("DPO read back: %+v %v", got, err)
	}
	// The CHECK still refuses unknown roles at the SQL level.
	if _, err := o.st.DB().ExecContext(o.ctx, `UPDATE officers SET role = 'raja' WHERE id = ?`, dpo.ID); err == nil {
		t.Fatal("role CHECK no longer enforced")
	}
	var ic string
	if err := o.st.DB().QueryRowContext(o.ctx, `PRAGMA integrity_check`).Scan(&ic); err != nil || ic != "ok" {
		t.Fatalf("integrity: %q %v", ic, err)
	}
}

func TestProcessingRecordCoversSchema(t *testing.T) {
	o := newCSOOffice(t)
	un, err := o.st.UnclassifiedPersonalColumns(o.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) > 0 {
		t.Fatalf("columns that look personal are not in the processing record: %v", un)
	}
	o.create("telepon", "sakti", "Bagaimana cara reset password SAKTI?")
	rec, err := o.st.ProcessingRecord(o.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.ProcessingItem{}
	for _, it := range rec {
		got[it.Table+"."+it.Column] = it
	}
	for _, want := range []string{"visitors.name", "visitors.id_number", "visitors.phone", "visitors.email",
		"consultations.identification", "officers.full_name"} {
		if _, ok := got[want]; !ok {
			t.Errorf("processing record lacks %s", want)
		}
	}
	if got["visitors.phone"].Filled != 1 || got["visitors.email"].Filled != 0 {
		t.Errorf("filled counts: phone %d email %d", got["visitors.phone"].Filled, got["visitors.email"].Filled)
	}
}

func TestRestrictEraseAndAccessLog(t *testing.T) {
	o := newCSOOffice(t)
	c := o.create("telepon", "sakti", "Bagaimana cara reset password SAKTI?")
	vid := c.Visitor.ID
	o.must(o.st.LogAccess(o.ctx, o.cso.ID, "CSO", []store.AccessSubject{{Kind: store.SubjectConsultation, ID: c.ID, VisitorID: vid}}))
	found, err := o.st.FindPersons(o.ctx, store.PersonQuery{Phone: "081234567890"})
	if err != nil || len(found) != 1 || found[0].ID != vid {
		t.Fatalf("find person: %v %v", found, err)
	}
	if _, err := o.st.FindPersons(o.ctx, store.PersonQuery{}); err == nil {
		t.Fatal("empty query accepted")
	}
	if err := o.st.RestrictPerson(o.ctx, o.admin.ID, vid, " "); err == nil {
		t.Fatal("restriction without a reason accepted")
	}
	o.must(o.st.RestrictPerson(o.ctx, o.admin.ID, vid, "Surat permohonan 12/2026"))
	if vs, _ := o.st.FindVisitors(o.ctx, "081234567890", 10); len(vs) != 0 {
		t.Fatalf("restricted visitor still offered: %v", vs)
	}
	o.must(o.st.ErasePerson(o.ctx, o.admin.ID, vid, "Permohonan penghapusan 13/2026"))
	p, err := o.st.PersonData(o.ctx, vid)
	o.must(err)
	if p.Visitor.Name != store.ErasedName || p.Visitor.Phone != "" || p.Status.ErasedAt.IsZero() {
		t.Fatalf("not erased: %+v", p)
	}
	if len(p.Consultations) != 1 || p.Consultations[0].Question == "" {
		t.Fatalf("consultation record lost: %+v", p.Consultations)
	}
	if len(p.AccessLog) != 1 || p.AccessLog[0].Screen != "CSO" || p.AccessLog[0].OfficerID != o.cso.ID {
		t.Fatalf("access log: %+v", p.AccessLog)
	}
	kinds := map[string]bool{}
	for _, e := range p.Events {
		kinds[e.Kind] = true
	}
	for _, k := range []string{store.EvPDRestricted, store.EvPDErased} {
		if !kinds[k] {
			t.Errorf("no %s event among %v", k, kinds)
		}
	}
}

func TestRetentionPurgeDryRunAndRun(t *testing.T) {
	o := newCSOOffice(t)
	c := o.create("telepon", "sakti", "Bagaimana cara reset password SAKTI?")
	o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOResolved, Answer: "Lewat menu lupa sandi."})
	ctx := context.Background()
	// Nothing is past its period today.
	r, err := o.st.PurgeRetention(ctx, "", false)
	o.must(err)
	if r.Total() != 0 {
		t.Fatalf("fresh data purged: %+v", r)
	}
	o.now = o.now.Add(800 * 24 * time.Hour)
	dry, err := o.st.PurgeRetention(ctx, "", true)
	o.must(err)
	if dry.Total() == 0 {
		t.Fatalf("dry run found nothing: %+v", dry)
	}
	if p, _ := o.st.PersonData(ctx, c.Visitor.ID); p.Visitor.Name == store.ErasedName {
		t.Fatal("dry run changed data")
	}
	run, err := o.st.PurgeRetention(ctx, "", false)
	o.must(err)
	if run.Total() != dry.Total() {
		t.Fatalf("run %d != dry run %d", run.Total(), dry.Total())
	}
	p, err := o.st.PersonData(ctx, c.Visitor.ID)
	o.must(err)
	if p.Visitor.Name != store.ErasedName || p.Visitor.Phone != "" || p.Consultations[0].Identification != "" {
		t.Fatalf("not pseudonymised: %+v", p.Visitor)
	}
	again, err := o.st.PurgeRetention(ctx, "", false)
	o.must(err)
	if again.Total() != 0 {
		t.Fatalf("second run touched %d records", again.Total())
	}
}

// The office's copy of the centre's bookings holds a name and a masked
// phone: they go when the identity and contact periods after the slot
// end, and a coming booking keeps them.
func TestRetentionClearsPastBookings(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, _ := newOffice(t, "A")
	for _, b := range []struct{ code, end string }{
		{"LAMA0001", "2020-03-02T03:00:00Z"},
		{"BARU0001", "2099-03-02T03:00:00Z"},
	} {
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO office_bookings (code, office_code, service_id, slot_start, slot_end,
			name, phone_masked, updated_at) VALUES (?, 'KPPN019', ?, ?, ?, 'Rudi Hartono', '0813****1234', ?)`,
			b.code, svcs[0].ID, b.end, b.end, b.end); err != nil {
			t.Fatal(err)
		}
	}
	r, err := st.PurgeRetention(ctx, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Total() != 2 {
		t.Fatalf("purge counted %d, want the old booking's name and phone: %+v", r.Total(), r)
	}
	for code, want := range map[string]string{"LAMA0001": "|", "BARU0001": "Rudi Hartono|0813****1234"} {
		var name, phone string
		if err := st.DB().QueryRowContext(ctx, `SELECT name, phone_masked FROM office_bookings WHERE code = ?`, code).Scan(&name, &phone); err != nil {
			t.Fatal(err)
		}
		if got := name + "|" + phone; got != want {
			t.Errorf("booking %s holds %q after the purge, want %q", code, got, want)
		}
	}
}

// A list screen's view is logged once per subject, officer, screen and
// period (since): reloads add nothing, another officer or another screen
// or the next day adds rows, records without an id are skipped.
func TestLogListAccessOncePerDay(t *testing.T) {
	o := newCSOOffice(t)
	c := o.create("telepon", "sakti", "Bagaimana cara reset password SAKTI?")
	vid := c.Visitor.ID
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	subs := []store.AccessSubject{{Kind: store.SubjectConsultation, ID: c.ID, VisitorID: vid}, {Kind: store.SubjectConsultation}}
	wrote := func(officer, screen string, since time.Time, want int) {
		t.Helper()
		o.tick(time.Minute)
		n, err := o.st.LogListAccess(o.ctx, officer, screen, subs, since)
		o.must(err)
		if n != want {
			t.Fatalf("%s on %q since %s wrote %d rows, want %d", officer, screen, since.Format("2006-01-02"), n, want)
		}
	}
	wrote(o.cso.ID, "Papan CSO", day, 1)
	wrote(o.cso.ID, "Papan CSO", day, 0) // a reload
	wrote(o.cso.ID, "Papan CSO", day, 0)
	wrote(o.admin.ID, "Papan CSO", day, 1)
	wrote(o.cso.ID, "Papan Kepala Seksi", day, 1)
	o.tick(24 * time.Hour)
	wrote(o.cso.ID, "Papan CSO", day.AddDate(0, 0, 1), 1)
	log, err := o.st.AccessLog(o.ctx, vid)
	o.must(err)
	if len(log) != 4 {
		t.Fatalf("access log has %d rows, want 4: %+v", len(log), log)
	}
}
