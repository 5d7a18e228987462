package officetest

import (
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// personOnFile is a visitor with a receipt (fo1's SPM file) and a
// consultation about the same person (cso1's, by telephone).
func (fx *fixture) personOnFile() (store.Receipt, store.Consultation) {
	fx.t.Helper()
	rc := fx.counterReceipt()
	cso1 := fx.offs["cso1"]
	c, err := fx.svc.CreateConsultation(fx.ctx, cso1.ID, store.Consultation{Channel: "telepon", Category: "sakti",
		Question: "Bagaimana membuka blokir akun SAKTI?", OfficerID: cso1.ID, Visitor: rc.Visitor})
	fx.must(err)
	return rc, c
}

// testPrivacy: every personal data view path writes an access log row
// with the officer and the screen; only an admin or the DPO exports a
// person's data (which then holds the receipt, the consultation and the
// log), restricts or erases it with a reason, runs the retention job and
// reads the processing record.
func testPrivacy(t *testing.T, f Factory) {
	fx := setup(t, f)
	rc, c := fx.personOnFile()
	fo1, cso1, admin := fx.offs["fo1"], fx.offs["cso1"], fx.admin

	// The three ordinary view paths, each as its officer on its screen.
	found, err := fx.svc.FindVisitors(office.WithViewer(fx.ctx, fo1.ID, "Registrasi"), "081298765432")
	fx.must(err)
	if len(found) != 1 {
		t.Fatalf("visitor look-up found %d", len(found))
	}
	_, err = fx.svc.FindReceipt(office.WithViewer(fx.ctx, fo1.ID, "Tanda terima hari ini"), rc.Number)
	fx.must(err)
	_, err = fx.svc.Consultation(office.WithViewer(fx.ctx, cso1.ID, "CSO"), c.ID)
	fx.must(err)

	_, err = fx.svc.AccessLog(fx.ctx, fo1.ID, "")
	wantCode(t, err, "forbidden")
	log, err := fx.svc.AccessLog(fx.ctx, admin.ID, rc.Visitor.ID)
	fx.must(err)
	want := []struct{ kind, officer, screen string }{
		{store.SubjectVisitor, fo1.ID, "Registrasi"},
		{store.SubjectReceipt, fo1.ID, "Tanda terima hari ini"},
		{store.SubjectConsultation, cso1.ID, "CSO"},
	}
	if len(log) != len(want) {
		t.Fatalf("access log has %d rows, want %d: %+v", len(log), len(want), log)
	}
	for i, w := range want {
		if log[i].SubjectKind != w.kind || log[i].OfficerID != w.officer || log[i].Screen != w.screen {
			t.Errorf("access log row %d = %+v, want %+v", i, log[i], w)
		}
	}

	// The subject's request.
	_, err = fx.svc.PersonalData(fx.ctx, fo1.ID, "", store.PersonQuery{IDNumber: "198501012010012003"})
	wantCode(t, err, "forbidden")
	_, err = fx.svc.PersonalData(fx.ctx, admin.ID, "", store.PersonQuery{IDNumber: "199001012015011001"})
	wantCode(t, err, "not_found")
	data, err := fx.svc.PersonalData(fx.ctx, admin.ID, "Permohonan akses 1/2026", store.PersonQuery{IDNumber: "198501012010012003"})
	fx.must(err)
	if len(data) != 1 {
		t.Fatalf("export found %d persons", len(data))
	}
	p := data[0]
	if p.Visitor.Phone != "081298765432" || len(p.Receipts) != 1 || p.Receipts[0].Number != rc.Number ||
		p.Receipts[0].Purpose == "" || len(p.Consultations) != 1 || p.Consultations[0].Question != c.Question {
		t.Fatalf("export misses data: %+v", p)
	}
	if n := len(p.AccessLog); n != 4 || p.AccessLog[3].Screen != "Permohonan akses 1/2026" || p.AccessLog[3].OfficerID != admin.ID {
		t.Fatalf("export's access log (%d rows) lacks the export itself: %+v", n, p.AccessLog)
	}

	err = fx.svc.ErasePerson(fx.ctx, admin.ID, p.Visitor.ID, "")
	wantCode(t, err, "invalid")
	fx.must(fx.svc.RestrictPerson(fx.ctx, admin.ID, p.Visitor.ID, "Surat keberatan 2/2026"))
	found, err = fx.svc.FindVisitors(fx.ctx, "081298765432")
	fx.must(err)
	if len(found) != 0 {
		t.Fatalf("restricted person still offered at registration: %+v", found)
	}
	fx.must(fx.svc.ErasePerson(fx.ctx, admin.ID, p.Visitor.ID, "Permohonan penghapusan 3/2026"))
	_, err = fx.svc.PersonalData(fx.ctx, admin.ID, "", store.PersonQuery{IDNumber: "198501012010012003"})
	wantCode(t, err, "not_found")

	r, err := fx.svc.PurgeRetention(fx.ctx, admin.ID, true)
	fx.must(err)
	if !r.DryRun || len(r.Kinds) != len(store.PDKinds) {
		t.Fatalf("dry run %+v", r)
	}
	// The data protection officer has the same duties.
	dpo, err := fx.svc.SaveOfficer(fx.ctx, admin.ID, store.Officer{Username: "dpo1", FullName: "Dewi Lestari",
		Role: store.RoleDPO, Active: true}, office.DemoPassword)
	fx.must(err)
	_, err = fx.svc.Login(fx.ctx, "dpo1", office.DemoPassword)
	fx.must(err)
	log, err = fx.svc.AccessLog(fx.ctx, dpo.ID, rc.Visitor.ID)
	fx.must(err)
	if len(log) != 4 {
		t.Fatalf("DPO reads %d access log rows, want 4", len(log))
	}
	// The DPO sets the retention periods (and only those); a counter
	// officer sets neither.
	key := store.RetentionSettingKey(store.PDContact)
	fx.must(fx.svc.SaveSetting(fx.ctx, dpo.ID, key, "400"))
	if v, err := fx.svc.Setting(fx.ctx, key); err != nil || v != "400" {
		t.Fatalf("DPO's retention period reads %q, %v", v, err)
	}
	wantCode(t, fx.svc.SaveSetting(fx.ctx, dpo.ID, store.SettingRunningText, "Teks dari DPO"), "forbidden")
	wantCode(t, fx.svc.SaveSetting(fx.ctx, dpo.ID, "pdp.retensi.lainnya", "100"), "forbidden")
	wantCode(t, fx.svc.SaveSetting(fx.ctx, fo1.ID, key, "60"), "forbidden")
	if v, _ := fx.svc.Setting(fx.ctx, key); v != "400" {
		t.Fatalf("a counter officer changed the retention period to %q", v)
	}
	rec, err := fx.svc.ProcessingRecord(fx.ctx, dpo.ID)
	fx.must(err)
	var names []string
	for _, it := range rec {
		names = append(names, it.Table+"."+it.Column)
	}
	if !strings.Contains(strings.Join(names, " "), "visitors.id_number") {
		t.Fatalf("processing record lacks visitors.id_number: %v", names)
	}
}

// testListViews: a list screen (today's receipts, the CSO board) logs the
// records it shows once per officer and office day, however often it
// reloads.
func testListViews(t *testing.T, f Factory) {
	fx := setup(t, f)
	rc, c := fx.personOnFile()
	fo1, cso1, admin := fx.offs["fo1"], fx.offs["cso1"], fx.admin

	asFO := office.WithViewer(fx.ctx, fo1.ID, office.ScreenReceiptsToday)
	for range 3 {
		list, err := fx.svc.ReceiptsToday(asFO)
		fx.must(err)
		if len(list) != 1 || list[0].ID != rc.ID {
			t.Fatalf("today's receipts: %+v", list)
		}
		fx.tick(time.Minute)
	}
	asCSO := office.WithViewer(fx.ctx, cso1.ID, office.ScreenCSOBoard)
	for range 2 {
		b, err := fx.svc.CSOBoard(asCSO)
		fx.must(err)
		if len(b.Open)+len(b.Overdue) != 1 {
			t.Fatalf("CSO board: %+v", b)
		}
		fx.tick(time.Minute)
	}
	log, err := fx.svc.AccessLog(fx.ctx, admin.ID, rc.Visitor.ID)
	fx.must(err)
	want := []struct{ kind, id, officer, screen string }{
		{store.SubjectReceipt, rc.ID, fo1.ID, office.ScreenReceiptsToday},
		{store.SubjectConsultation, c.ID, cso1.ID, office.ScreenCSOBoard},
	}
	if len(log) != len(want) {
		t.Fatalf("access log after 3 list loads and 2 board loads has %d rows, want %d: %+v", len(log), len(want), log)
	}
	for i, w := range want {
		if log[i].SubjectKind != w.kind || log[i].SubjectID != w.id || log[i].OfficerID != w.officer || log[i].Screen != w.screen {
			t.Errorf("access log row %d = %+v, want %+v", i, log[i], w)
		}
	}
}
