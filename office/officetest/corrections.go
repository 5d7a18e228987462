package officetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"loket/assets"
	"loket/office"
	"loket/standards"
	"loket/store"
)

// kppnDoc is seed 004 (one service: KPPN Pekanbaru's consultation, linked
// to demo service B), optionally edited by old/new pairs.
func kppnDoc(edits ...string) []byte {
	s := string(assets.CatalogDocuments()[kppnSource])
	for i := 0; i+1 < len(edits); i += 2 {
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	return []byte(s)
}

const kppnSource = "004_e57612875302efc1.txt"

// catalogEvents collects the catalog events written from now on.
type catalogEvents struct {
	ch     <-chan store.Event
	cancel context.CancelFunc
}

func watchCatalog(fx *fixture) *catalogEvents {
	ctx, cancel := context.WithCancel(fx.ctx)
	ch, err := fx.svc.Subscribe(ctx, -1)
	fx.must(err)
	fx.t.Cleanup(cancel)
	return &catalogEvents{ch: ch, cancel: cancel}
}

// next returns the kinds of the next n catalog events.
func (w *catalogEvents) next(t *testing.T, n int) []store.Event {
	t.Helper()
	var out []store.Event
	timeout := time.After(10 * time.Second)
	for len(out) < n {
		select {
		case e := <-w.ch:
			if strings.HasPrefix(e.Kind, "catalog.") {
				out = append(out, e)
			}
		case <-timeout:
			t.Fatalf("only %d of %d catalog events: %+v", len(out), n, out)
		}
	}
	return out
}

func kinds(evs []store.Event) string {
	var k []string
	for _, e := range evs {
		k = append(k, e.Kind)
	}
	return strings.Join(k, ",")
}

func testCatalogCorrections(t *testing.T, f Factory) {
	fx := setup(t, f)
	admin := fx.admin.ID
	key := fx.svcs["B"].CatalogRef
	if key == "" {
		t.Fatal("demo service B has no catalog link")
	}
	events := watchCatalog(fx)

	// The review of the current document: one service, its source text,
	// nothing changed, no correction yet.
	rv, err := fx.svc.ReviewCatalog(fx.ctx, kppnSource, kppnDoc())
	fx.must(err)
	if !rv.Unchanged || len(rv.Items) != 1 || rv.Items[0].Key != key || rv.Items[0].Correction != nil ||
		!strings.Contains(rv.Items[0].Parsed.Components[standards.KeyJangkaWaktu], "20 Menit") || rv.Problem != "" {
		t.Fatalf("review of the current document: %+v", rv)
	}
	parsed := rv.Items[0].Parsed
	if rv.Items[0].ElsewhereIn != "" {
		t.Fatalf("the document's own service reported elsewhere: %q", rv.Items[0].ElsewhereIn)
	}
	// The same standard under another file name would list it twice.
	if dup, err := fx.svc.ReviewCatalog(fx.ctx, "Standar KPPN.txt", kppnDoc()); err != nil || dup.Items[0].ElsewhereIn != kppnSource {
		t.Fatalf("duplicate under another name: %+v %v", dup.Items, err)
	}
	if n, ok := office.DocumentNorm(parsed); !ok || n != (office.TimeNorm{Value: 20, Unit: standards.Minute}) {
		t.Fatalf("document norm %v %v", n, ok)
	}

	// The admin fixes one checklist item, adds one, and the time norm.
	reqs := slices.Clone(parsed.Requirements)
	reqs[0] = "Pertanyaan konsultasi tatap muka di KPPN"
	reqs = append(reqs, "  Fotokopi KTP petugas satker ")
	norm := office.TimeNorm{Value: 1, Unit: standards.WorkDay}
	fix := office.CatalogCorrection{Key: key, Requirements: &reqs, Norm: &norm}
	_, err = fx.svc.ImportCatalogReviewed(fx.ctx, fx.offs["fo1"].ID, kppnSource, kppnDoc(), office.CatalogDecision{Corrections: []office.CatalogCorrection{fix}})
	wantCode(t, err, "forbidden")
	bad := fix
	bad.Norm = &office.TimeNorm{Value: 1.5, Unit: standards.WorkDay}
	_, err = fx.svc.ImportCatalogReviewed(fx.ctx, admin, kppnSource, kppnDoc(), office.CatalogDecision{Corrections: []office.CatalogCorrection{bad}})
	wantCode(t, err, "invalid")
	p, err := fx.svc.ImportCatalogReviewed(fx.ctx, admin, kppnSource, kppnDoc(), office.CatalogDecision{Corrections: []office.CatalogCorrection{fix}})
	fx.must(err)
	if p.Version != 1 {
		t.Fatalf("same document, version %d", p.Version)
	}
	if evs := events.next(t, 1); evs[0].Kind != store.EvCatalogCorrected || evs[0].OfficerID != admin || evs[0].At.IsZero() ||
		evs[0].Data["fields"] != "persyaratan,jangka_waktu" || evs[0].Data["key"] != key {
		t.Fatalf("correction event %+v", evs)
	}

	entry := func() office.CatalogEntry {
		t.Helper()
		cat, err := fx.svc.Catalog(fx.ctx)
		fx.must(err)
		for _, e := range cat {
			if e.Key == key {
				return e
			}
		}
		t.Fatalf("catalog lost %s", key)
		return office.CatalogEntry{}
	}
	e := entry()
	wantReqs := []string{"Pertanyaan konsultasi tatap muka di KPPN", parsed.Requirements[1], "Fotokopi KTP petugas satker"}
	if !slices.Equal(e.Requirements, wantReqs) || !slices.Equal(e.Corrected, []string{office.FieldRequirements, office.FieldNorm}) ||
		e.SLAText != "1 hari kerja" || len(e.SLA) != 1 || e.SLA[0].Max.Unit != standards.WorkDay {
		t.Fatalf("corrected entry %+v", e)
	}
	if byID, err := fx.svc.CatalogEntry(fx.ctx, e.ID); err != nil || !slices.Equal(byID.Requirements, wantReqs) {
		t.Fatalf("entry by id %+v %v", byID.Requirements, err)
	}

	// The receipt promises by the corrected norm: one working day.
	sess := fx.open("fo1", 1, "B")
	tk := fx.issue("B", "")
	fx.callNext(sess)
	r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID,
		Visitor:   store.Visitor{Name: "Budi Santoso", Phone: "081234567890"},
		Checklist: []store.CheckItem{{Name: wantReqs[0], Present: true}}})
	fx.must(err)
	sched, err := office.ScheduleFor(fx.ctx, fx.svc)
	fx.must(err)
	want, err := sched.Deadline(fx.now, 1, "work_day")
	fx.must(err)
	if !r.DueAt.Equal(want) || !strings.HasPrefix(r.DueNote, "1 hari kerja") || r.CatalogServiceID != e.ID {
		t.Fatalf("receipt due %v (%s), want %v", r.DueAt, r.DueNote, want)
	}

	// A newer version changes the time norm under the correction and the
	// product the office did not touch.
	doc2 := kppnDoc("20 Menit", "25 Menit", "20 menit per satu", "25 menit per satu",
		"Layanan yang diberikan secara langsung/online.", "Layanan yang diberikan secara langsung atau online.")
	rv, err = fx.svc.ReviewCatalog(fx.ctx, kppnSource, doc2)
	fx.must(err)
	it := rv.Items[0]
	if rv.Unchanged || it.Change != standards.Changed || it.Correction == nil ||
		!slices.Equal(it.Conflicts, []string{office.FieldNorm}) || !slices.Contains(it.Components, standards.KeyProduk) {
		t.Fatalf("review of the new version: %+v", it)
	}
	// Kept as it is: the new version is imported, the correction stays.
	p, err = fx.svc.ImportCatalogReviewed(fx.ctx, admin, kppnSource, doc2, office.CatalogDecision{Corrections: []office.CatalogCorrection{*it.Correction}})
	fx.must(err)
	if p.Version != 2 {
		t.Fatalf("new version %d", p.Version)
	}
	if evs := events.next(t, 2); kinds(evs) != "catalog.imported,catalog.corrected" || evs[0].OfficerID != admin || evs[1].OfficerID != admin {
		t.Fatalf("import events %+v", evs)
	}
	e = entry()
	if e.Version != 2 || !slices.Equal(e.Requirements, wantReqs) || e.SLAText != "1 hari kerja" ||
		!slices.Contains(e.Products, "Layanan yang diberikan secara langsung atau online.") {
		t.Fatalf("after the new version %+v", e)
	}
	// Confirmed over version 2: no conflict left.
	rv, err = fx.svc.ReviewCatalog(fx.ctx, kppnSource, doc2)
	fx.must(err)
	if !rv.Unchanged || len(rv.Items[0].Conflicts) != 0 || rv.Items[0].Correction == nil {
		t.Fatalf("review after keeping: %+v", rv.Items[0])
	}
	// A plain import (the central office's push) keeps the correction too.
	doc3 := kppnDoc("20 Menit", "30 Menit")
	_, err = fx.svc.ImportCatalog(fx.ctx, admin, kppnSource, doc3)
	fx.must(err)
	events.next(t, 1)
	if e = entry(); e.SLAText != "1 hari kerja" || e.Version != 3 {
		t.Fatalf("after a plain import %+v", e)
	}

	// Dropped: the document speaks again.
	wantCode(t, fx.svc.DropCatalogCorrection(fx.ctx, fx.offs["fo1"].ID, key), "forbidden")
	fx.must(fx.svc.DropCatalogCorrection(fx.ctx, admin, key))
	if evs := events.next(t, 1); evs[0].Kind != store.EvCatalogCorrectionDropped || evs[0].OfficerID != admin {
		t.Fatalf("drop event %+v", evs)
	}
	if e = entry(); len(e.Corrected) != 0 || e.Requirements[0] != parsed.Requirements[0] || e.SLA[0].Max.Value != 30 {
		t.Fatalf("after drop %+v", e)
	}
	wantCode(t, fx.svc.DropCatalogCorrection(fx.ctx, admin, key), "not_found")

	// Outside an import: one item fixed on the current catalog.
	one := []string{"Pertanyaan konsultasi"}
	c, err := fx.svc.SaveCatalogCorrection(fx.ctx, admin, office.CatalogCorrection{Key: key, Source: kppnSource, Requirements: &one})
	fx.must(err)
	if c.ID == "" || c.Base.Name == "" {
		t.Fatalf("saved %+v", c)
	}
	events.next(t, 1)
	if cs, err := fx.svc.CatalogCorrections(fx.ctx); err != nil || len(cs) != 1 || !slices.Equal(*cs[0].Requirements, one) {
		t.Fatalf("corrections %+v %v", cs, err)
	}
}

func testCatalogManual(t *testing.T, f Factory) {
	fx := setup(t, f)
	admin := fx.admin.ID
	text := []byte("Layanan Legalisir Dokumen\nSyarat: surat permohonan, fotokopi dokumen\nSelesai 2 hari kerja\n")
	rv, err := fx.svc.ReviewCatalog(fx.ctx, "legalisir.txt", text)
	fx.must(err)
	if rv.Problem == "" || len(rv.Items) != 0 || !strings.Contains(rv.Text, "Selesai 2 hari kerja") {
		t.Fatalf("review of a document without services: %+v", rv)
	}
	// Nothing added by hand: nothing imported.
	_, err = fx.svc.ImportCatalogReviewed(fx.ctx, admin, "legalisir.txt", text, office.CatalogDecision{})
	wantCode(t, err, "invalid")
	name := "Legalisir Dokumen"
	reqs := []string{"Surat permohonan", "", "Fotokopi dokumen"}
	norm := office.TimeNorm{Value: 2, Unit: standards.WorkDay}
	manual := office.CatalogCorrection{Manual: true, Name: &name, Requirements: &reqs, Norm: &norm}
	_, err = fx.svc.ImportCatalogReviewed(fx.ctx, admin, "legalisir.txt", text, office.CatalogDecision{Corrections: []office.CatalogCorrection{manual}})
	wantCode(t, err, "invalid") // no unit
	p, err := fx.svc.ImportCatalogReviewed(fx.ctx, admin, "legalisir.txt", text,
		office.CatalogDecision{Unit: "Subbagian Umum", Corrections: []office.CatalogCorrection{manual}})
	fx.must(err)
	if p.Version != 1 || p.Unit != "Subbagian Umum" {
		t.Fatalf("manual import %+v", p)
	}
	cat, err := fx.svc.Catalog(fx.ctx)
	fx.must(err)
	if len(cat) != 67 {
		t.Fatalf("catalog has %d services, want 66 + 1", len(cat))
	}
	var m office.CatalogEntry
	for _, e := range cat {
		if e.Manual {
			m = e
		}
	}
	if m.Name != name || m.Unit != "Subbagian Umum" || m.Source != "legalisir.txt" || m.Version != 1 ||
		!slices.Equal(m.Requirements, []string{"Surat permohonan", "Fotokopi dokumen"}) || m.SLAText != "2 hari kerja" ||
		m.Key != office.CatalogKey("Subbagian Umum", name) {
		t.Fatalf("manual entry %+v", m)
	}
	if byID, err := fx.svc.CatalogEntry(fx.ctx, m.ID); err != nil || byID.Name != name {
		t.Fatalf("manual entry by id %+v %v", byID, err)
	}
	// The next review of the same document keeps the manual service.
	rv, err = fx.svc.ReviewCatalog(fx.ctx, "legalisir.txt", text)
	fx.must(err)
	if len(rv.Items) != 1 || rv.Items[0].Correction == nil || !rv.Items[0].Correction.Manual || rv.Items[0].Parsed.Name != name {
		t.Fatalf("review with a manual service %+v", rv.Items)
	}
	// A queue service linked to it gets its checklist and norm on receipts.
	sv := fx.svcs["C"]
	sv.CatalogRef = m.Key
	_, err = fx.svc.SaveService(fx.ctx, admin, sv)
	fx.must(err)
	sess := fx.open("fo1", 1, "C")
	tk := fx.issue("C", "")
	fx.callNext(sess)
	r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID,
		Visitor:   store.Visitor{Name: "Budi Santoso", Phone: "081234567890"},
		Checklist: []store.CheckItem{{Name: "Surat permohonan", Present: true}}})
	fx.must(err)
	if r.CatalogServiceID != m.ID || r.DueAt.IsZero() || !strings.HasPrefix(r.DueNote, "2 hari kerja") {
		t.Fatalf("receipt under a manual service %+v", r)
	}
}

func testCatalogCorrectionRefusals(t *testing.T, f Factory) {
	fx := setup(t, f)
	key := fx.svcs["B"].CatalogRef
	norm := func(v float64, u standards.Unit) *office.TimeNorm { return &office.TimeNorm{Value: v, Unit: u} }
	list := func(items ...string) *[]string { return &items }
	str := func(s string) *string { return &s }
	cases := []struct {
		name string
		c    office.CatalogCorrection
		code string
		want string
	}{
		{"unknown unit", office.CatalogCorrection{Key: key, Norm: norm(1, "week")}, "invalid", "Satuan"},
		{"zero norm", office.CatalogCorrection{Key: key, Norm: norm(0, standards.WorkDay)}, "invalid", "lebih dari nol"},
		{"negative norm", office.CatalogCorrection{Key: key, Norm: norm(-2, standards.Hour)}, "invalid", "lebih dari nol"},
		{"half a working day", office.CatalogCorrection{Key: key, Norm: norm(1.5, standards.WorkDay)}, "invalid", "bilangan bulat"},
		{"a century", office.CatalogCorrection{Key: key, Norm: norm(1e7, standards.WorkDay)}, "invalid", "terlalu besar"},
		{"control character", office.CatalogCorrection{Key: key, Requirements: list("Surat\x07permohonan")}, "invalid", "kendali"},
		{"endless item", office.CatalogCorrection{Key: key, Requirements: list(strings.Repeat("a", 2001))}, "invalid", "terlalu panjang"},
		{"unknown service", office.CatalogCorrection{Key: "tidak | ada", Requirements: list("x")}, "not_found", "tidak ada di katalog"},
		{"manual without name", office.CatalogCorrection{Manual: true, Source: kppnSource, Unit: "KPPN"}, "invalid", "diberi nama"},
		{"manual without document", office.CatalogCorrection{Manual: true, Name: str("Legalisir")}, "invalid", "dokumen"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := fx.svc.SaveCatalogCorrection(fx.ctx, fx.admin.ID, c.c)
			wantCode(t, err, c.code)
			if !strings.Contains(store.Message(err), c.want) {
				t.Fatalf("message %q lacks %q", store.Message(err), c.want)
			}
		})
	}
	if cs, err := fx.svc.CatalogCorrections(fx.ctx); err != nil || len(cs) != 0 {
		t.Fatalf("refused corrections stored: %+v %v", cs, err)
	}
	// A correction that says what the document says is no correction.
	cat, err := fx.svc.Catalog(fx.ctx)
	fx.must(err)
	for _, e := range cat {
		if e.Key == key {
			reqs := slices.Clone(e.Requirements)
			c, err := fx.svc.SaveCatalogCorrection(fx.ctx, fx.admin.ID, office.CatalogCorrection{Key: key, Requirements: &reqs,
				Norm: norm(20, standards.Minute)})
			fx.must(err)
			if !c.Empty() {
				t.Fatalf("no-op correction kept fields %v", c.Fields())
			}
		}
	}
	if cs, _ := fx.svc.CatalogCorrections(fx.ctx); len(cs) != 0 {
		t.Fatalf("no-op correction stored: %+v", cs)
	}
}
