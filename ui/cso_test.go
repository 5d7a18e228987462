package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// loginAs logs out whoever is in and logs user in with the demo password.
func (h *harness) loginAs(user string) {
	h.t.Helper()
	h.app.onLogout()
	ls := h.app.login
	test.Type(ls.user, user)
	test.Type(ls.pass, office.DemoPassword)
	test.Tap(ls.login)
	if h.app.officer.Username != user {
		h.t.Fatalf("%s not logged in: %q", user, ls.message.Text)
	}
}

// advance moves the pinned clock forward.
func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

func TestCSOConsultationEscalatedAnsweredAndSuggested(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	if cs == nil || h.app.kasi != nil || h.app.admin != nil {
		t.Fatalf("CSO tabs: cso=%v kasi=%v admin=%v", cs != nil, h.app.kasi != nil, h.app.admin != nil)
	}
	if !strings.Contains(cs.overdue.title.Text, "Tidak ada") || len(cs.form.category.Options) != 11 {
		t.Fatalf("empty board: %q, %d categories", cs.overdue.title.Text, len(cs.form.category.Options))
	}
	// A refused save keeps what was typed.
	test.Type(cs.form.question, "SPM gaji pegawai ditolak karena rekening tidak valid")
	test.Tap(cs.saveBtn)
	if !strings.Contains(cs.message.Text, "kategori") || cs.form.question.Text == "" {
		t.Fatalf("save without category: %q", cs.message.Text)
	}
	cs.form.category.SetSelected("Pembayaran/SPM")
	test.Type(cs.form.satker, "Sekretariat")
	if !strings.Contains(cs.form.satkerName.Text, "409294") {
		t.Fatalf("satker hint %q", cs.form.satkerName.Text)
	}
	cs.form.satker.SetText("409294")
	if !strings.Contains(cs.form.satkerName.Text, "Sekretariat Jenderal") {
		t.Fatalf("satker name %q", cs.form.satkerName.Text)
	}
	test.Type(cs.form.name, "Budi Santoso")
	test.Type(cs.form.phone, "0812-3456-7890")
	test.Tap(cs.saveBtn)
	if !strings.Contains(cs.message.Text, "KS-KPPN019-2026-00001 tersimpan") || cs.cur.Status != store.CSOBaru {
		t.Fatalf("saved: %q", cs.message.Text)
	}
	if !strings.Contains(cs.form.timer.Text, "sisa") {
		t.Fatalf("timer %q", cs.form.timer.Text)
	}
	h.advance(21 * time.Minute)
	cs.tick()
	if !strings.Contains(cs.form.timer.Text, "lewat norma 20 menit") || cs.form.timer.Importance != widget.DangerImportance {
		t.Fatalf("timer after 21 minutes %q", cs.form.timer.Text)
	}
	if len(cs.kasis) != 1 {
		t.Fatalf("kasi officers %d", len(cs.kasis))
	}
	cs.escalate(cs.kasis[0].ID, "  ", nil)
	if !strings.Contains(cs.message.Text, "alasan") {
		t.Fatalf("escalation without reason: %q", cs.message.Text)
	}
	cs.escalate(cs.kasis[0].ID, "Perlu konfirmasi Seksi Bank tentang data rekening", nil)
	if cs.cur.Status != store.CSOEskalasi || !cs.escalateBtn.Disabled() || !strings.Contains(cs.kasiNote.Text, "Menunggu tanggapan") {
		t.Fatalf("escalated: %s %q", cs.cur.Status, cs.message.Text)
	}
	id := cs.cur.ID

	// The Kepala Seksi sees it, answers and returns it.
	h.loginAs("kasi1")
	k := h.app.kasi
	if k == nil || h.app.cso != nil {
		t.Fatal("kasi1 without the Kepala Seksi tab, or with the CSO tab")
	}
	if len(k.board.Escalated) != 1 || k.tabs.Items[0].Text != "Dieskalasi kepada saya (1)" {
		t.Fatalf("kasi board %+v", k.board)
	}
	k.escList.Select(0)
	if k.cur.ID != id || k.returnB.Disabled() || !strings.Contains(k.detail.Text, "Seksi Bank") {
		t.Fatalf("kasi opened %q", k.detail.Text)
	}
	test.Tap(k.returnB)
	if !strings.Contains(k.message.Text, "tanggapan") {
		t.Fatalf("empty response: %q", k.message.Text)
	}
	test.Type(k.response, "Minta satker memperbaiki data rekening pada modul Komitmen SAKTI")
	test.Tap(k.returnB)
	if !strings.Contains(k.message.Text, "kembali ke CSO") || len(k.board.Escalated) != 0 {
		t.Fatalf("returned: %q", k.message.Text)
	}

	// Back at the CSO: the response shows; answer and resolve.
	h.loginAs("cso1")
	cs = h.app.cso
	if len(cs.board.Open) != 1 {
		t.Fatalf("open list %d", len(cs.board.Open))
	}
	cs.openList.Select(0)
	if cs.cur.ID != id || !strings.Contains(cs.kasiNote.Text, "modul Komitmen") || !strings.Contains(cs.history.Text, "Tanggapan Kasi") {
		t.Fatalf("returned item: %q / %q", cs.kasiNote.Text, cs.history.Text)
	}
	test.Tap(cs.resolveBtn)
	if !strings.Contains(cs.message.Text, "jawaban") {
		t.Fatalf("resolve without answer: %q", cs.message.Text)
	}
	// Set, not typed: Fyne 2.8.1's word-wrapping entry leaves the cursor
	// before a space typed exactly at a wrap point, so the next letter
	// lands before it ("modulKomitmen " at this field's width).
	cs.form.answer.SetText("Perbaiki data rekening pegawai pada modul Komitmen SAKTI lalu ajukan ulang SPM gaji.")
	test.Tap(cs.resolveBtn)
	if cs.cur.Status != store.CSOResolved || len(cs.board.Recent) != 1 || len(cs.board.Open) != 0 {
		t.Fatalf("resolved: %s %q", cs.cur.Status, cs.message.Text)
	}

	// A new question finds the earlier answer while it is typed.
	test.Tap(cs.newBtn)
	if cs.cur.ID != "" || cs.form.question.Text != "" || cs.form.answer.Text != "" {
		t.Fatal("form not cleared")
	}
	test.Type(cs.form.question, "rekening gaji ditolak")
	if len(cs.sugg.items) != 1 || cs.sugg.items[0].ConsultationID != id || !strings.Contains(cs.sugg.heading.Text, "1 mirip") {
		t.Fatalf("suggestions %+v (%q)", cs.sugg.items, cs.sugg.heading.Text)
	}
	cs.sugg.list.Select(0)
	test.Tap(cs.sugg.use)
	if !strings.Contains(cs.form.answer.Text, "modul Komitmen") {
		t.Fatalf("suggested answer not used: %q", cs.form.answer.Text)
	}
}

func TestCSOOverdueCallbackAndTicketLink(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs, c := h.app.cso, h.app.counter
	c.serviceSel.SetSelected([]string{"B — Konsultasi Stakeholder (CSO)"})
	test.Tap(c.openBtn)
	tk := h.issue("B", "")
	h.key(fyne.KeyF1)
	cs.tick() // the form picks up the ticket just called
	if cs.form.ticketID != tk.ID || !strings.Contains(cs.form.ticket.Text, tk.Code()) {
		t.Fatalf("ticket link %q", cs.form.ticket.Text)
	}
	cs.form.channel.SetSelected(store.ChannelLabel(store.ChannelTelepon))
	cs.form.category.SetSelected("SAKTI")
	test.Type(cs.form.name, "Ani")
	test.Type(cs.form.phone, "081299990000")
	test.Type(cs.form.question, "User SAKTI terkunci setelah ganti operator")
	cs.form.addAttachment("/home/cso/Dokumen/tangkapan-layar-sakti.png")
	cs.form.addAttachment("email 20 Nov dari operator")
	test.Tap(cs.saveBtn)
	if len(cs.cur.Attachments) != 2 || cs.cur.Attachments[1] != "email 20 Nov dari operator" {
		t.Fatalf("attachments %q", cs.cur.Attachments)
	}
	if cs.cur.TicketCode != tk.Code() {
		t.Fatalf("consultation not linked to %s: %+v (%q)", tk.Code(), cs.cur.TicketCode, cs.message.Text)
	}
	due := h.now.Add(2 * time.Hour)
	cs.promiseCallback(due, "", "Konfirmasi reset", nil)
	if len(cs.board.Callbacks) != 1 || cs.listTabs.Items[1].Text != "Hubungi kembali (1)" {
		t.Fatalf("callback task %+v (%q)", cs.board.Callbacks, cs.message.Text)
	}
	cb := cs.board.Callbacks[0]
	cs.recordCallback(cb, true, false, "Sudah direset", nil)
	if !strings.Contains(cs.message.Text, "Verifikasi") || len(cs.board.Callbacks) != 1 {
		t.Fatalf("unverified call back: %q", cs.message.Text)
	}
	cs.recordCallback(cb, true, true, "Password direset oleh admin SAKTI satker", nil)
	if len(cs.board.Callbacks) != 0 || !strings.Contains(cs.history.Text, "Call back") {
		t.Fatalf("call back done: %q / %q", cs.message.Text, cs.history.Text)
	}
	// A returning stakeholder is found by phone.
	test.Tap(cs.newBtn)
	test.Type(cs.form.phone, "0812-9999-0000")
	cs.form.phone.OnSubmitted(cs.form.phone.Text)
	if cs.form.name.Text != "Ani" || cs.form.visitorID == "" {
		t.Fatalf("returning stakeholder: %q %q", cs.form.name.Text, cs.message.Text)
	}
	// Friday: past the 3-working-day deadline, red on top.
	h.advance(4 * 24 * time.Hour)
	cs.refresh()
	if len(cs.board.Overdue) != 1 || !strings.Contains(cs.overdue.title.Text, "Lewat tenggat") || cs.overdue.title.Importance != widget.DangerImportance {
		t.Fatalf("overdue band %q (%d)", cs.overdue.title.Text, len(cs.board.Overdue))
	}
	if !cs.overdue.oldest.Visible() {
		t.Fatal("no button to open the oldest overdue item")
	}
	test.Tap(cs.newBtn)
	test.Tap(cs.overdue.oldest)
	if cs.cur.ID != cs.board.Overdue[0].ID {
		t.Fatalf("Buka opened %q, want the oldest overdue %q", cs.cur.Number, cs.board.Overdue[0].Number)
	}
	test.Tap(cs.newBtn)
	cs.openList.Select(0) // overdue items head the open list
	if !strings.Contains(cs.form.due.Text, "LEWAT TENGGAT") {
		t.Fatalf("due line %q", cs.form.due.Text)
	}
	// The Kepala Seksi sees the office's overdue items too.
	h.loginAs("kasi1")
	if k := h.app.kasi; len(k.board.Overdue) != 1 || k.tabs.Items[1].Text != "Lewat tenggat (1)" {
		t.Fatalf("kasi overdue %+v", k.board)
	}
	// An admin gets both tabs and can add a category.
	h.app.onLogout()
	ls := h.app.login
	test.Type(ls.user, "admin")
	test.Type(ls.pass, "rahasia1")
	test.Tap(ls.login)
	if h.app.cso == nil || h.app.kasi == nil {
		t.Fatal("admin without the CSO and Kepala Seksi tabs")
	}
	h.app.cso.saveSettings("Retur SP2D", -1, "0", nil)
	if !strings.Contains(h.app.cso.message.Text, "1 sampai 30") {
		t.Fatalf("bad auto-close days: %q", h.app.cso.message.Text)
	}
	h.app.cso.saveSettings("Retur SP2D", -1, "5", nil)
	if v, _ := h.svc.Setting(context.Background(), store.SettingCSOAutoCloseDays); v != "5" || len(h.app.cso.form.category.Options) != 12 {
		t.Fatalf("settings: days %q, %d categories", v, len(h.app.cso.form.category.Options))
	}
}
