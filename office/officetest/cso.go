package officetest

import (
	"strings"
	"testing"
	"time"

	"loket/store"
)

// testCSO walks a consultation through the CSO log: logged from a ticket,
// escalated, answered by the Kepala Seksi, resolved and found again while
// a new question is typed; then the clocks (overdue, auto-close), the
// call backs and the figures.
func testCSO(t *testing.T, f Factory) {
	fx := setup(t, f)
	cso, kasi, fo := fx.offs["cso1"].ID, fx.offs["kasi1"].ID, fx.offs["fo1"].ID
	sess := fx.open("cso1", 1, "B")
	tk := fx.issue("B", "")
	fx.callNext(sess)
	_, err := fx.svc.CreateConsultation(fx.ctx, cso, store.Consultation{Channel: "fax", Category: "sakti", Question: "x",
		Visitor: store.Visitor{Name: "A"}})
	wantCode(t, err, "invalid")
	_, err = fx.svc.CreateConsultation(fx.ctx, fo, store.Consultation{Channel: store.ChannelTatapMuka, Category: "sakti",
		Question: "x", Visitor: store.Visitor{Name: "A"}})
	wantCode(t, err, "forbidden")
	c, err := fx.svc.CreateConsultation(fx.ctx, cso, store.Consultation{Channel: store.ChannelTatapMuka, Category: "pembayaran",
		Question: "SPM LS kontrak ditolak karena supplier belum terdaftar", TicketID: tk.ID,
		Visitor: store.Visitor{SatkerCode: "409294", Name: "Budi Santoso", Phone: "081234567890"}})
	fx.must(err)
	if c.Number != "KS-KPPN019-2026-00001" || c.TicketCode != tk.Code() || c.OfficerID != cso || c.Visitor.SatkerName == "" ||
		c.DueAt.Before(fx.now.Add(72*time.Hour)) {
		t.Fatalf("created %+v", c)
	}
	fx.tick(time.Minute)
	c, err = fx.svc.ActOnConsultation(fx.ctx, cso, store.ConsultationAction{ID: c.ID, To: store.CSOEskalasi, KasiID: kasi,
		Note: "Perlu konfirmasi Seksi Pencairan Dana"})
	fx.must(err)
	kb, err := fx.svc.KasiBoard(fx.ctx, kasi)
	fx.must(err)
	if len(kb.Escalated) != 1 || kb.Escalated[0].ID != c.ID || kb.Escalated[0].EscalationReason == "" {
		t.Fatalf("kasi board %+v", kb)
	}
	_, err = fx.svc.ActOnConsultation(fx.ctx, cso, store.ConsultationAction{ID: c.ID, To: store.CSOReturn, Note: "x"})
	wantCode(t, err, "forbidden")
	if ab, _ := fx.svc.KasiBoard(fx.ctx, fx.admin.ID); len(ab.Escalated) != 1 {
		t.Fatalf("admin does not see the escalation: %+v", ab)
	}
	fx.tick(time.Minute)
	c, err = fx.svc.ActOnConsultation(fx.ctx, kasi, store.ConsultationAction{ID: c.ID, To: store.CSOReturn,
		Note: "Supplier didaftarkan dulu lewat modul Komitmen, lalu SPM diajukan ulang"})
	fx.must(err)
	if c.Status != store.CSOBaru || c.KasiResponse == "" {
		t.Fatalf("returned %+v", c)
	}
	fx.tick(time.Minute)
	c, err = fx.svc.ActOnConsultation(fx.ctx, cso, store.ConsultationAction{ID: c.ID, To: store.CSOResolved,
		Answer: "Daftarkan supplier pada modul Komitmen SAKTI, tunggu persetujuan KPPN, lalu ajukan ulang SPM LS."})
	fx.must(err)
	full, err := fx.svc.Consultation(fx.ctx, c.Number)
	fx.must(err)
	if full.Status != store.CSOResolved || len(full.Notes) != 3 {
		t.Fatalf("resolved %+v", full)
	}
	sugg, err := fx.svc.SuggestAnswers(fx.ctx, "supplier belum terdaftar")
	fx.must(err)
	if len(sugg) != 1 || sugg[0].ConsultationID != c.ID || !strings.Contains(sugg[0].Answer, "Komitmen") {
		t.Fatalf("suggestions %+v", sugg)
	}

	// An open item and an answered one; four days on, one is overdue and
	// the other closed for lack of reply.
	open, err := fx.svc.CreateConsultation(fx.ctx, cso, store.Consultation{Channel: store.ChannelTelepon, Category: "sakti",
		Question: "User SAKTI terkunci", Visitor: store.Visitor{Name: "Ani", Phone: "081299990000"}})
	fx.must(err)
	ans, err := fx.svc.CreateConsultation(fx.ctx, cso, store.Consultation{Channel: store.ChannelEmail, Category: "pajak",
		Question: "Kode billing salah", Visitor: store.Visitor{SatkerCode: "409294"}})
	fx.must(err)
	_, err = fx.svc.ActOnConsultation(fx.ctx, cso, store.ConsultationAction{ID: ans.ID, To: store.CSODijawab, Answer: "Buat ulang kode billing."})
	fx.must(err)
	cb, err := fx.svc.ScheduleCallback(fx.ctx, cso, store.Callback{ConsultationID: open.ID, DueAt: fx.now.Add(time.Hour)})
	fx.must(err)
	b, err := fx.svc.CSOBoard(fx.ctx)
	fx.must(err)
	if len(b.Overdue) != 0 || len(b.Open) != 2 || len(b.Callbacks) != 1 || b.Callbacks[0].Phone != "081299990000" || len(b.Recent) != 1 {
		t.Fatalf("board %+v", b)
	}
	err = fx.svc.RecordCallback(fx.ctx, cso, store.CallbackResult{CallbackID: cb.ID, Solution: "x"})
	wantCode(t, err, "invalid")
	fx.must(fx.svc.RecordCallback(fx.ctx, cso, store.CallbackResult{CallbackID: cb.ID, VerifiedData: true, VerifiedProblem: true,
		Solution: "Reset password melalui admin SAKTI satker"}))
	fx.tick(4 * 24 * time.Hour) // Friday
	b, err = fx.svc.CSOBoard(fx.ctx)
	fx.must(err)
	if b.AutoClosed != 1 || len(b.Overdue) != 1 || b.Overdue[0].ID != open.ID || len(b.Open) != 0 || len(b.Callbacks) != 0 {
		t.Fatalf("friday board %+v", b)
	}
	kb, _ = fx.svc.KasiBoard(fx.ctx, kasi)
	if len(kb.Escalated) != 0 || len(kb.Overdue) != 1 {
		t.Fatalf("friday kasi board %+v", kb)
	}
	fig, err := fx.svc.ConsultationFigures(fx.ctx, T0.Add(-time.Hour), fx.now)
	fx.must(err)
	if fig.Total != 3 || fig.ByChannel[store.ChannelTelepon] != 1 || fig.ByStatus[store.CSODitutup] != 1 ||
		fig.ResolvedCount != 1 || len(fig.ResolutionWorkMinutes) != 1 || fig.ResolutionWorkMinutes[0] > 10 || len(fig.Overdue) != 1 {
		t.Fatalf("figures %+v", fig)
	}

	cats, err := fx.svc.CSOCategories(fx.ctx)
	fx.must(err)
	if len(cats) != 11 {
		t.Fatalf("categories %+v", cats)
	}
	_, err = fx.svc.SaveCSOCategory(fx.ctx, cso, store.CSOCategory{Name: "Retur"})
	wantCode(t, err, "forbidden")
	nc, err := fx.svc.SaveCSOCategory(fx.ctx, fx.admin.ID, store.CSOCategory{Name: "Retur SP2D"})
	fx.must(err)
	if nc.ID == "" || !nc.Active {
		t.Fatalf("new category %+v", nc)
	}
	fx.must(fx.svc.SaveSetting(fx.ctx, fx.admin.ID, store.SettingCSOAutoCloseDays, "5"))
	if v, _ := fx.svc.Setting(fx.ctx, store.SettingCSOAutoCloseDays); v != "5" {
		t.Fatalf("auto-close setting %q", v)
	}
}
