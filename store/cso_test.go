package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// csoOffice is a store with a CSO, two Kepala Seksi, an admin and a
// satker, its clock pinned at Monday 23 November 2026 09:00 WIB.
type csoOffice struct {
	st            *store.Store
	now           time.Time
	fo, cso, kasi store.Officer
	kasi2, admin  store.Officer
	ctx           context.Context
	t             testing.TB
}

func newCSOOffice(t testing.TB) *csoOffice {
	t.Helper()
	st, _, _, fo := newOffice(t)
	o := &csoOffice{st: st, fo: fo, ctx: context.Background(), t: t,
		now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	st.Now = func() time.Time { return o.now }
	mk := func(user, role string) store.Officer {
		off, err := st.SaveOfficer(o.ctx, "", store.Officer{Username: user, FullName: "Petugas " + user, Role: role, Active: true}, "rahasia1")
		if err != nil {
			t.Fatal(err)
		}
		return off
	}
	o.cso, o.kasi, o.kasi2, o.admin = mk("cso1", store.RoleCSO), mk("kasi1", store.RoleKasi), mk("kasi2", store.RoleKasi), mk("admin", store.RoleAdmin)
	if err := st.ImportSatkers(o.ctx, o.admin.ID, []store.Satker{{Code: "409294", Name: "Kejaksaan Negeri Pekanbaru"}}); err != nil {
		t.Fatal(err)
	}
	return o
}

func (o *csoOffice) tick(d time.Duration) { o.now = o.now.Add(d) }

func (o *csoOffice) must(err error) {
	o.t.Helper()
	if err != nil {
		o.t.Fatal(err)
	}
}

func (o *csoOffice) create(channel, category, question string) store.Consultation {
	o.t.Helper()
	o.tick(time.Second)
	c, err := o.st.CreateConsultation(o.ctx, store.Consultation{Channel: channel, Category: category, Question: question,
		OfficerID: o.cso.ID, Visitor: store.Visitor{SatkerCode: "409294", Name: "Budi Santoso", Phone: "0812 3456 7890"}})
	o.must(err)
	return c
}

func (o *csoOffice) act(actor string, a store.ConsultationAction) store.Consultation {
	o.t.Helper()
	o.tick(time.Second)
	c, err := o.st.ActOnConsultation(o.ctx, actor, a)
	o.must(err)
	return c
}

func refusal(t *testing.T, err error, code, words string) {
	t.Helper()
	var e *store.Error
	if !errors.As(err, &e) || e.Code != code || !strings.Contains(e.Message, words) {
		t.Fatalf("want refusal %s %q, got %v", code, words, err)
	}
}

func TestConsultationValidation(t *testing.T) {
	o := newCSOOffice(t)
	base := store.Consultation{Channel: store.ChannelTelepon, Category: "sakti", Question: "Cara reset password SAKTI?",
		OfficerID: o.cso.ID, Visitor: store.Visitor{Name: "Budi"}}
	cases := []struct {
		name  string
		edit  func(c *store.Consultation)
		code  string
		words string
	}{
		{"channel", func(c *store.Consultation) { c.Channel = "fax" }, "invalid", "kanal"},
		{"category", func(c *store.Consultation) { c.Category = "tidak-ada" }, "invalid", "Kategori"},
		{"question", func(c *store.Consultation) { c.Question = "   " }, "invalid", "Pertanyaan"},
		{"stakeholder", func(c *store.Consultation) { c.Visitor = store.Visitor{} }, "invalid", "nama penanya"},
		{"satker", func(c *store.Consultation) { c.Visitor.SatkerCode = "12" }, "invalid", "6 digit"},
		{"phone", func(c *store.Consultation) { c.Visitor.Phone = "123" }, "invalid", "telepon"},
		{"role", func(c *store.Consultation) { c.OfficerID = o.fo.ID }, "forbidden", "hak"},
		{"ticket", func(c *store.Consultation) { c.TicketID = "x" }, "not_found", "antrean"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.edit(&c)
			_, err := o.st.CreateConsultation(o.ctx, c)
			refusal(t, err, tc.code, tc.words)
		})
	}
	open, err := o.st.OpenConsultations(o.ctx)
	o.must(err)
	if len(open) != 0 {
		t.Fatalf("refused consultations were stored: %+v", open)
	}
	// A satker alone (a letter) is enough; no visitor row is made.
	c, err := o.st.CreateConsultation(o.ctx, store.Consultation{Channel: store.ChannelSurat, Category: "kontrak",
		Question: "Permohonan penjelasan addendum kontrak", OfficerID: o.cso.ID, Visitor: store.Visitor{SatkerCode: "409294"},
		Attachments: []string{" S-12/KN/2026 ", ""}})
	o.must(err)
	if c.Visitor.ID != "" || c.Visitor.SatkerName != "Kejaksaan Negeri Pekanbaru" || len(c.Attachments) != 1 ||
		c.Attachments[0] != "S-12/KN/2026" || c.Number != "KS-KPPN019-2026-00001" || c.CategoryName != "Kontrak" {
		t.Fatalf("satker-only consultation %+v", c)
	}
}

func TestConsultationEscalationFlow(t *testing.T) {
	o := newCSOOffice(t)
	c := o.create(store.ChannelTatapMuka, "pembayaran", "SPM gaji ditolak karena rekening pegawai tidak valid")
	// 3 working days after Monday: Thursday at closing (17:00 WIB).
	if want := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC); !c.DueAt.Equal(want) {
		t.Fatalf("due %v, want %v", c.DueAt, want)
	}
	if c.Status != store.CSOBaru || c.Visitor.ID == "" || c.Visitor.Phone != "081234567890" || c.OfficerName != "Petugas cso1" {
		t.Fatalf("created %+v", c)
	}
	_, err := o.st.ActOnConsultation(o.ctx, o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOEskalasi, KasiID: o.kasi.ID})
	refusal(t, err, "invalid", "alasan")
	_, err = o.st.ActOnConsultation(o.ctx, o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOEskalasi, KasiID: o.cso.ID, Note: "x"})
	refusal(t, err, "invalid", "Kepala Seksi")
	_, err = o.st.ActOnConsultation(o.ctx, o.fo.ID, store.ConsultationAction{ID: c.ID, To: store.CSOEskalasi, KasiID: o.kasi.ID, Note: "x"})
	refusal(t, err, "forbidden", "hak")
	c = o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOEskalasi, KasiID: o.kasi.ID, Note: "Perlu konfirmasi Seksi Bank"})
	if c.Status != store.CSOEskalasi || c.EscalatedToName != "Petugas kasi1" {
		t.Fatalf("escalated %+v", c)
	}
	mine, err := o.st.EscalatedTo(o.ctx, o.kasi.ID)
	o.must(err)
	other, _ := o.st.EscalatedTo(o.ctx, o.kasi2.ID)
	if len(mine) != 1 || len(other) != 0 {
		t.Fatalf("escalated lists %d / %d", len(mine), len(other))
	}
	_, err = o.st.ActOnConsultation(o.ctx, o.kasi2.ID, store.ConsultationAction{ID: c.ID, To: store.CSOReturn, Note: "x"})
	refusal(t, err, "forbidden", "lain")
	_, err = o.st.ActOnConsultation(o.ctx, o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOReturn, Note: "x"})
	refusal(t, err, "forbidden", "hak")
	c = o.act(o.kasi.ID, store.ConsultationAction{ID: c.ID, To: store.CSOReturn, Note: "Minta satker perbaiki data rekening di SAKTI modul Komitmen"})
	if c.Status != store.CSOBaru || !strings.Contains(c.KasiResponse, "modul Komitmen") {
		t.Fatalf("returned %+v", c)
	}
	_, err = o.st.ActOnConsultation(o.ctx, o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOResolved})
	refusal(t, err, "invalid", "jawaban")
	c = o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSODijawab,
		Answer: "Perbaiki data rekening pegawai pada modul Komitmen SAKTI lalu ajukan SPM gaji kembali."})
	c = o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOResolved})
	if c.Status != store.CSOResolved || c.ResolvedAt.IsZero() || c.AnsweredAt.IsZero() || len(c.Notes) != 4 {
		t.Fatalf("resolved %+v", c)
	}
	kinds := []string{store.NoteEscalation, store.NoteKasi, store.NoteAnswer, store.NoteResolved}
	for i, n := range c.Notes {
		if n.Kind != kinds[i] || n.OfficerName == "" {
			t.Fatalf("note %d %+v, want %s", i, n, kinds[i])
		}
	}
	_, err = o.st.ActOnConsultation(o.ctx, o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSODijawab, Answer: "x"})
	refusal(t, err, "closed", "selesai")
	evs, err := o.st.EventsBetween(o.ctx, c.OpenedAt, o.now.Add(time.Second))
	o.must(err)
	var got []string
	for _, e := range evs {
		if strings.HasPrefix(e.Kind, "cso.") {
			if e.Data["consultation"] != c.ID || e.OfficerID == "" {
				t.Fatalf("event %+v", e)
			}
			got = append(got, e.Kind)
		}
	}
	want := []string{store.EvCSOCreated, store.EvCSOEscalated, store.EvCSOReturned, store.EvCSOAnswered, store.EvCSOResolved}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("events %v, want %v", got, want)
	}
	// The resolved answer is found while a new question is typed.
	sugg, err := o.st.SuggestAnswers(o.ctx, "SPM gaji saya ditolak, rekening", 5)
	o.must(err)
	if len(sugg) != 1 || sugg[0].Number != c.Number || !strings.Contains(sugg[0].Answer, "modul Komitmen") ||
		!strings.Contains(sugg[0].Snippet, "[") {
		t.Fatalf("suggestions %+v", sugg)
	}
	if s, _ := o.st.SuggestAnswers(o.ctx, "yang dan untuk", 5); len(s) != 0 {
		t.Fatalf("stop words matched %+v", s)
	}
	if s, _ := o.st.SuggestAnswers(o.ctx, `"rek* OR (`, 5); len(s) != 1 {
		t.Fatalf("punctuation in the question: %+v", s)
	}
	// Open questions are not suggested.
	o.create(store.ChannelTelepon, "gaji", "Rekening gaji belum masuk")
	if s, _ := o.st.SuggestAnswers(o.ctx, "rekening", 5); len(s) != 1 {
		t.Fatalf("open consultation suggested: %+v", s)
	}
}

func TestConsultationOverdueProgressAndAutoClose(t *testing.T) {
	o := newCSOOffice(t)
	late := o.create(store.ChannelEmail, "sakti", "User SAKTI terkunci")
	ans := o.create(store.ChannelWhatsApp, "pajak", "Kode billing PPN salah")
	o.act(o.cso.ID, store.ConsultationAction{ID: ans.ID, To: store.CSODijawab, Answer: "Buat ulang kode billing."})
	// Tuesday: not overdue, but yesterday's item needs progress today.
	o.tick(24 * time.Hour)
	open, err := o.st.OpenConsultations(o.ctx)
	o.must(err)
	if len(open) != 2 || open[0].ID != late.ID || open[0].Overdue || !open[0].NeedsProgress || open[1].NeedsProgress {
		t.Fatalf("tuesday %+v", open)
	}
	_, err = o.st.AddConsultationNote(o.ctx, o.cso.ID, late.ID, "  ")
	refusal(t, err, "invalid", "progres")
	_, err = o.st.AddConsultationNote(o.ctx, o.cso.ID, late.ID, "Sudah diteruskan ke admin SAKTI pusat")
	o.must(err)
	open, _ = o.st.OpenConsultations(o.ctx)
	if open[0].NeedsProgress {
		t.Fatal("progress noted but still flagged")
	}
	// Wednesday: two working days since the answer, not yet closed.
	o.tick(24 * time.Hour)
	n, err := o.st.AutoCloseConsultations(o.ctx)
	o.must(err)
	if n != 0 {
		t.Fatalf("closed %d on Wednesday", n)
	}
	// Friday: past Thursday 17:00 the open one is overdue, the answered one
	// (3 working days without reply) is closed automatically.
	o.tick(48 * time.Hour)
	n, err = o.st.AutoCloseConsultations(o.ctx)
	o.must(err)
	if n != 1 {
		t.Fatalf("closed %d on Friday", n)
	}
	got, err := o.st.Consultation(o.ctx, ans.Number)
	o.must(err)
	if got.Status != store.CSODitutup || got.ClosedAt.IsZero() || !strings.Contains(got.Notes[len(got.Notes)-1].Body, "otomatis") {
		t.Fatalf("auto-closed %+v", got)
	}
	open, _ = o.st.OpenConsultations(o.ctx)
	if len(open) != 1 || !open[0].Overdue {
		t.Fatalf("friday %+v", open)
	}
	// A longer wait set by the admin keeps a fresh answer open.
	o.must(o.st.SaveSetting(o.ctx, o.admin.ID, store.SettingCSOAutoCloseDays, "5"))
	c := o.create(store.ChannelTelepon, "gaji", "Tunjangan kinerja")
	o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSODijawab, Answer: "Sesuai jadwal."})
	o.tick(5 * 24 * time.Hour) // next Wednesday: 3 working days
	if n, _ := o.st.AutoCloseConsultations(o.ctx); n != 0 {
		t.Fatalf("closed %d with a 5-day setting", n)
	}
	o.tick(2 * 24 * time.Hour)
	if n, _ := o.st.AutoCloseConsultations(o.ctx); n != 1 {
		t.Fatalf("closed %d after 5 working days", n)
	}
}

func TestConsultationCallbacks(t *testing.T) {
	o := newCSOOffice(t)
	c, err := o.st.CreateConsultation(o.ctx, store.Consultation{Channel: store.ChannelTelepon, Category: "bendahara",
		Question: "Penggantian bendahara pengeluaran", OfficerID: o.cso.ID, Visitor: store.Visitor{Name: "Ani"}})
	o.must(err)
	_, err = o.st.ScheduleCallback(o.ctx, o.cso.ID, store.Callback{ConsultationID: c.ID, DueAt: o.now.Add(time.Hour)})
	refusal(t, err, "invalid", "telepon")
	_, err = o.st.ScheduleCallback(o.ctx, o.cso.ID, store.Callback{ConsultationID: c.ID, Phone: "081299990000", DueAt: o.now.Add(-time.Hour)})
	refusal(t, err, "invalid", "lewat")
	cb, err := o.st.ScheduleCallback(o.ctx, o.cso.ID, store.Callback{ConsultationID: c.ID, Phone: "0812-9999-0000",
		DueAt: o.now.Add(2 * time.Hour), Note: "Konfirmasi SK bendahara"})
	o.must(err)
	list, err := o.st.OpenCallbacks(o.ctx)
	o.must(err)
	if len(list) != 1 || list[0].Phone != "081299990000" || list[0].ConsultationNumber != c.Number || list[0].StakeholderName != "Ani" {
		t.Fatalf("open callbacks %+v", list)
	}
	err = o.st.RecordCallback(o.ctx, o.cso.ID, store.CallbackResult{CallbackID: cb.ID, VerifiedData: true, Solution: "x"})
	refusal(t, err, "invalid", "Verifikasi")
	err = o.st.RecordCallback(o.ctx, o.cso.ID, store.CallbackResult{CallbackID: cb.ID, VerifiedData: true, VerifiedProblem: true})
	refusal(t, err, "invalid", "solusi")
	o.tick(time.Hour)
	o.must(o.st.RecordCallback(o.ctx, o.cso.ID, store.CallbackResult{CallbackID: cb.ID, VerifiedData: true, VerifiedProblem: true,
		Solution: "SK bendahara baru diunggah di SAKTI"}))
	refusal(t, o.st.RecordCallback(o.ctx, o.cso.ID, store.CallbackResult{CallbackID: cb.ID, VerifiedData: true, VerifiedProblem: true,
		Solution: "lagi"}), "invalid", "sudah")
	list, _ = o.st.OpenCallbacks(o.ctx)
	got, _ := o.st.Consultation(o.ctx, c.ID)
	if len(list) != 0 || len(got.Callbacks) != 1 || got.Callbacks[0].DoneAt.IsZero() || !got.Callbacks[0].VerifiedProblem ||
		len(got.Notes) != 1 || got.Notes[0].Kind != store.NoteCallback || !got.ProgressAt.Equal(o.now) {
		t.Fatalf("after call back: callbacks %+v, consultation %+v", list, got)
	}
}

func TestConsultationCategoriesAndUpdate(t *testing.T) {
	o := newCSOOffice(t)
	cats, err := o.st.CSOCategories(o.ctx)
	o.must(err)
	if len(cats) != 11 || cats[0].Name != "SAKTI" || cats[10].Name != "Lainnya" {
		t.Fatalf("default categories %+v", cats)
	}
	_, err = o.st.SaveCSOCategory(o.ctx, o.cso.ID, store.CSOCategory{Name: "Retur"})
	refusal(t, err, "forbidden", "hak")
	_, err = o.st.SaveCSOCategory(o.ctx, o.admin.ID, store.CSOCategory{Name: "SAKTI"})
	refusal(t, err, "invalid", "sudah ada")
	retur, err := o.st.SaveCSOCategory(o.ctx, o.admin.ID, store.CSOCategory{Name: "Retur SP2D"})
	o.must(err)
	c := o.create(store.ChannelHAICSO, retur.ID, "Dana retur SP2D belum kembali")
	retur.Active = false
	_, err = o.st.SaveCSOCategory(o.ctx, o.admin.ID, retur)
	o.must(err)
	if _, err := o.st.CreateConsultation(o.ctx, store.Consultation{Channel: store.ChannelTelepon, Category: retur.ID,
		Question: "x", OfficerID: o.cso.ID, Visitor: store.Visitor{Name: "A"}}); err == nil {
		t.Fatal("inactive category accepted for a new consultation")
	}
	// The old item keeps its (now inactive) category on edit.
	c.Identification = "Retur karena rekening pasif"
	c.LaporRef = "LAPOR-2611-0042"
	c, err = o.st.UpdateConsultation(o.ctx, o.cso.ID, c)
	o.must(err)
	if c.Identification == "" || c.LaporRef != "LAPOR-2611-0042" || c.CategoryName != "Retur SP2D" || c.Status != store.CSOBaru {
		t.Fatalf("updated %+v", c)
	}
	o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSODitutup, Note: "Duplikat"})
	_, err = o.st.UpdateConsultation(o.ctx, o.cso.ID, c)
	refusal(t, err, "closed", "ditutup")
}

func TestConsultationFigures(t *testing.T) {
	o := newCSOOffice(t)
	a := o.create(store.ChannelTatapMuka, "sakti", "A")    // Mon 09:00
	b := o.create(store.ChannelTelepon, "sakti", "B")      // stays open: overdue at Friday
	c := o.create(store.ChannelTelepon, "pembayaran", "C") // answered: not overdue
	o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSODijawab, Answer: "jawab"})
	o.now = time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC) // Tue 09:00 WIB
	o.act(o.cso.ID, store.ConsultationAction{ID: a.ID, To: store.CSOResolved, Answer: "selesai"})
	from := time.Date(2026, 11, 22, 17, 0, 0, 0, time.UTC) // Mon 00:00 WIB
	to := time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC)   // Sat 00:00 WIB
	o.now = to
	f, err := o.st.ConsultationFigures(o.ctx, from, to)
	o.must(err)
	if f.Total != 3 || f.ByChannel[store.ChannelTelepon] != 2 || f.ByCategory["SAKTI"] != 2 || f.ByCategory["Pembayaran/SPM"] != 1 ||
		f.ByStatus[store.CSOResolved] != 1 || f.ByStatus[store.CSOBaru] != 1 || f.ByStatus[store.CSODijawab] != 1 {
		t.Fatalf("figures %+v", f)
	}
	if len(f.Overdue) != 1 || f.Overdue[0].ID != b.ID {
		t.Fatalf("overdue %+v", f.Overdue)
	}
	// Monday 09:00-17:00 and Tuesday 08:00-09:00: 9 working hours.
	if f.ResolvedCount != 1 || len(f.ResolutionWorkMinutes) != 1 || f.ResolutionWorkMinutes[0] != 540 {
		t.Fatalf("resolution %d %v", f.ResolvedCount, f.ResolutionWorkMinutes)
	}
	// Seen from Tuesday noon nothing was overdue yet.
	f, _ = o.st.ConsultationFigures(o.ctx, from, time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC))
	if len(f.Overdue) != 0 || f.Total != 3 {
		t.Fatalf("tuesday figures %+v", f)
	}
}

func TestConsultationSync(t *testing.T) {
	o := newCSOOffice(t)
	c := o.create(store.ChannelTelepon, "gaji", "Gaji ke-13")
	last, _ := o.st.LastEventSeq(o.ctx)
	_, err := o.st.AddConsultationNote(o.ctx, o.cso.ID, c.ID, "Menunggu jadwal")
	o.must(err)
	chunk, err := o.st.SyncChunk(o.ctx, last, 100)
	o.must(err)
	tables := map[string]int{}
	for _, r := range chunk.Records {
		tables[r.Table]++
	}
	if tables["consultations"] != 1 || tables["consultation_notes"] != 1 {
		t.Fatalf("sync records %v", tables)
	}
	full, err := o.st.SyncChunk(o.ctx, 0, 1000)
	o.must(err)
	n := 0
	for _, r := range full.Records {
		if r.Table == "cso_categories" {
			n++
		}
	}
	if n != 11 {
		t.Fatalf("first batch carries %d categories", n)
	}
}

// A consultation opens when the CSO typed its first word (the form sends
// it), so the 20-minute norm and the resolution time do not restart at the
// first save; a time in the future or more than 12 hours back is not
// believed and the save's time is used.
func TestConsultationOpensAtTheFirstWord(t *testing.T) {
	o := newCSOOffice(t)
	for _, c := range []struct {
		name  string
		typed time.Duration // before the save; 0: not sent
		want  time.Duration
	}{
		{"not sent", 0, 0},
		{"typed 7 minutes before", -7 * time.Minute, -7 * time.Minute},
		{"in the future", 5 * time.Minute, 0},
		{"two days old", -48 * time.Hour, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			o.tick(time.Hour)
			in := store.Consultation{Channel: store.ChannelTelepon, Category: "sakti", Question: "User terkunci",
				OfficerID: o.cso.ID, Visitor: store.Visitor{Name: "Budi"}}
			if c.typed != 0 {
				in.OpenedAt = o.now.Add(c.typed)
			}
			got, err := o.st.CreateConsultation(o.ctx, in)
			o.must(err)
			if want := o.now.Add(c.want); !got.OpenedAt.Equal(want) {
				t.Fatalf("opened %v, want %v", got.OpenedAt, want)
			}
			a, err := o.st.ActOnConsultation(o.ctx, o.cso.ID, store.ConsultationAction{ID: got.ID, To: store.CSODijawab, Answer: "Reset oleh admin satker."})
			o.must(err)
			if d := a.AnsweredAt.Sub(a.OpenedAt); d != -c.want {
				t.Fatalf("answered after %v, want %v", d, -c.want)
			}
		})
	}
}
