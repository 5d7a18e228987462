// Package officetest is the contract every office.Service implementation
// must meet: the in-process Local and the LAN client of the hub run the same
// suite, so a counter behaves the same on one PC or ten.
package officetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"loket/assets"
	"loket/office"
	"loket/store"
	"loket/workday"
)

// Env is one fresh office under test.
type Env struct {
	Svc office.Service
	// SetNow pins the clock of the office behind Svc.
	SetNow func(time.Time)
	// SaveBooking puts an appointment into the office's local copy of
	// the bookings, as the booking sync does (checkin.go).
	SaveBooking func(store.Booking) error
}

// Factory makes a fresh, empty office for each subtest.
type Factory func(t *testing.T) Env

// T0 is the pinned start instant of every contract test: Monday
// 23 November 2026, 09:00 WIB.
var T0 = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)

type fixture struct {
	t     *testing.T
	ctx   context.Context
	svc   office.Service
	now   time.Time
	set   func(time.Time)
	admin store.Officer
	svcs  map[string]store.Service // by prefix
	ctrs  []store.Counter
	offs  map[string]store.Officer // by username
	env   Env
}

func setup(t *testing.T, f Factory) *fixture {
	t.Helper()
	env := f(t)
	fx := &fixture{t: t, ctx: context.Background(), svc: env.Svc, now: T0, set: env.SetNow, env: env,
		svcs: map[string]store.Service{}, offs: map[string]store.Officer{}}
	fx.set(fx.now)
	admin, err := office.FirstRun(fx.ctx, fx.svc, office.Setup{Office: office.DemoOffice(),
		AdminUsername: "admin", AdminName: "Admin Kantor", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		t.Fatalf("first run: %v", err)
	}
	fx.admin = admin
	svcs, err := fx.svc.Services(fx.ctx)
	fx.must(err)
	for _, s := range svcs {
		fx.svcs[s.Prefix] = s
	}
	fx.ctrs, err = fx.svc.Counters(fx.ctx)
	fx.must(err)
	offs, err := fx.svc.Officers(fx.ctx)
	fx.must(err)
	for _, o := range offs {
		fx.offs[o.Username] = o
		// Every officer logs in, as at a counter: over the hub an
		// officer acts only with a login on the device.
		if o.Role != store.RoleAdmin {
			_, err := fx.svc.Login(fx.ctx, o.Username, office.DemoPassword)
			fx.must(err)
		}
	}
	return fx
}

func (fx *fixture) must(err error) {
	fx.t.Helper()
	if err != nil {
		fx.t.Fatal(err)
	}
}

// tick advances the pinned clock.
func (fx *fixture) tick(d time.Duration) {
	fx.now = fx.now.Add(d)
	fx.set(fx.now)
}

func (fx *fixture) issue(prefix, priority string) store.Ticket {
	fx.t.Helper()
	fx.tick(time.Second)
	tk, err := fx.svc.IssueTicket(fx.ctx, fx.svcs[prefix].ID, priority)
	fx.must(err)
	return tk
}

func (fx *fixture) open(user string, counter int, prefixes ...string) store.CounterSession {
	fx.t.Helper()
	var ids []string
	for _, p := range prefixes {
		ids = append(ids, fx.svcs[p].ID)
	}
	sess, err := fx.svc.OpenCounter(fx.ctx, fx.offs[user].ID, fx.ctrs[counter-1].ID, ids)
	fx.must(err)
	return sess
}

func (fx *fixture) callNext(sess store.CounterSession) store.Ticket {
	fx.t.Helper()
	fx.tick(time.Second)
	tk, err := fx.svc.CallNext(fx.ctx, sess.ID)
	fx.must(err)
	return tk
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *store.Error
	if !errors.As(err, &e) {
		t.Fatalf("want refusal %q, got %v", code, err)
	}
	if e.Code != code {
		t.Fatalf("want refusal %q, got %q (%s)", code, e.Code, e.Message)
	}
	if e.Message == "" {
		t.Fatalf("refusal %q has no message", code)
	}
}

// wantNotActor checks the refusal of an action naming an actor who may
// not act: in-process the role check refuses ("forbidden"); over the hub
// an officer who never logged in on the device has no token, and the hub
// refuses before the role check ("login_required").
func wantNotActor(t *testing.T, err error) {
	t.Helper()
	var e *store.Error
	if !errors.As(err, &e) || (e.Code != "forbidden" && e.Code != "login_required") || e.Message == "" {
		t.Fatalf("want refusal forbidden or login_required, got %v", err)
	}
}

// Run runs the whole contract against implementations made by f.
func Run(t *testing.T, f Factory) {
	t.Run("FirstRunAndLogin", func(t *testing.T) { testFirstRun(t, f) })
	t.Run("Numbering", func(t *testing.T) { testNumbering(t, f) })
	t.Run("Lifecycle", func(t *testing.T) { testLifecycle(t, f) })
	t.Run("PriorityRatio", func(t *testing.T) { testPriorityRatio(t, f) })
	t.Run("MaxWaitJumpsAhead", func(t *testing.T) { testMaxWait(t, f) })
	t.Run("TransferKeepsPlace", func(t *testing.T) { testTransfer(t, f) })
	t.Run("SkipReactivateCancel", func(t *testing.T) { testSkip(t, f) })
	t.Run("Refusals", func(t *testing.T) { testRefusals(t, f) })
	t.Run("CounterSessions", func(t *testing.T) { testCounterSessions(t, f) })
	t.Run("LoginThrottle", func(t *testing.T) { testLoginThrottle(t, f) })
	t.Run("ActorChecks", func(t *testing.T) { testActorChecks(t, f) })
	t.Run("AdminOnly", func(t *testing.T) { testAdminOnly(t, f) })
	t.Run("Subscribe", func(t *testing.T) { testSubscribe(t, f) })
	t.Run("LastEventSeq", func(t *testing.T) { testLastEventSeq(t, f) })
	t.Run("TicketDeltas", func(t *testing.T) { testTicketDeltas(t, f) })
	t.Run("DailyCap", func(t *testing.T) { testDailyCap(t, f) })
	t.Run("TicketEstimate", func(t *testing.T) { testTicketEstimate(t, f) })
	t.Run("Settings", func(t *testing.T) { testSettings(t, f) })
	t.Run("Calendar", func(t *testing.T) { testCalendar(t, f) })
	t.Run("Catalog", func(t *testing.T) { testCatalog(t, f) })
	t.Run("CatalogCorrections", func(t *testing.T) { testCatalogCorrections(t, f) })
	t.Run("CatalogManual", func(t *testing.T) { testCatalogManual(t, f) })
	t.Run("CatalogCorrectionRefusals", func(t *testing.T) { testCatalogCorrectionRefusals(t, f) })
	t.Run("Receipts", func(t *testing.T) { testReceipts(t, f) })
	t.Run("ReceiptOncePerVisit", func(t *testing.T) { testReceiptOnce(t, f) })
	t.Run("ReceiptValidation", func(t *testing.T) { testReceiptValidation(t, f) })
	t.Run("ReceiptLifecycle", func(t *testing.T) { testReceiptLifecycle(t, f) })
	t.Run("ReceiptCompletionInReport", func(t *testing.T) { testReceiptCompletionInReport(t, f) })
	t.Run("CSO", func(t *testing.T) { testCSO(t, f) })
	t.Run("Reporting", func(t *testing.T) { testReporting(t, f) })
	t.Run("CheckIn", func(t *testing.T) { testCheckIn(t, f) })
	t.Run("Privacy", func(t *testing.T) { testPrivacy(t, f) })
	t.Run("ListViews", func(t *testing.T) { testListViews(t, f) })
	t.Run("VisitorFields", func(t *testing.T) { testVisitorFields(t, f) })
	t.Run("Integrity", func(t *testing.T) { testIntegrity(t, f) })
}

func testReceipts(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "B")
	tk := fx.issue("B", "")
	fx.callNext(sess)
	e, err := fx.svc.CatalogEntry(fx.ctx, "x")
	if err == nil {
		t.Fatalf("unknown catalog id found: %+v", e)
	}
	// The service asks every visitor field, so each is checked.
	b := fx.svcs["B"]
	b.VisitorFields = store.VisitorFieldList
	_, err = fx.svc.SaveService(fx.ctx, fx.admin.ID, b)
	fx.must(err)
	v := store.Visitor{SatkerCode: "409294", Name: "Budi Santoso", Phone: "0812-3456-7890", Email: "budi@kemenkeu.go.id"}
	bad := []struct {
		v    store.Visitor
		want string
	}{
		{store.Visitor{SatkerCode: "40929", Name: "B", Phone: "081234567890"}, "6 digit"},
		{store.Visitor{Name: "B", Phone: "12345"}, "telepon"},
		{store.Visitor{Name: "B", Phone: "081234567890", Email: "budi@"}, "email"},
		{store.Visitor{Phone: "081234567890"}, "Nama"},
		{store.Visitor{Name: "B", Phone: "081234567890", IDNumber: "123"}, "NIP"},
	}
	for _, b := range bad {
		_, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID, Visitor: b.v})
		if err == nil || !strings.Contains(store.Message(err), b.want) {
			t.Fatalf("visitor %+v: %v", b.v, err)
		}
	}
	_, err = fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID, Visitor: v,
		Checklist: []store.CheckItem{{Name: "Surat permohonan", Present: false}}})
	wantCode(t, err, "invalid")
	r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID, Visitor: v, Purpose: "Konsultasi SPM",
		Checklist: []store.CheckItem{{Name: "Pertanyaan konsultasi", Present: true}}})
	fx.must(err)
	if r.Number != "TT-KPPN019-2026-00001" || !r.Complete || r.CatalogServiceID == "" || r.Visitor.SatkerName == "" {
		t.Fatalf("receipt %+v", r)
	}
	// KPPN consultation norm: 20 minutes from now.
	if got := r.DueAt.Sub(fx.now); got < 19*time.Minute || got > 21*time.Minute {
		t.Fatalf("due %v after now (%s)", got, r.DueNote)
	}
	// A second file in the same visit is an explicit choice (Another).
	r2, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID, Another: true, Visitor: store.Visitor{ID: r.Visitor.ID,
		SatkerCode: "409294", Name: "Budi Santoso", Phone: "081234567890"},
		Checklist: []store.CheckItem{{Name: "Dokumen pendukung", Present: false, Note: "belum dibawa"}}})
	fx.must(err)
	if r2.Complete || !r2.DueAt.IsZero() || r2.Number != "TT-KPPN019-2026-00002" {
		t.Fatalf("incomplete receipt %+v", r2)
	}
	found, err := fx.svc.FindVisitors(fx.ctx, "081234567890")
	fx.must(err)
	if len(found) != 1 || found[0].ID != r.Visitor.ID || found[0].SatkerName != "Sekretariat Jenderal Kementerian Keuangan" {
		t.Fatalf("returning visitor %+v", found)
	}
	sat, err := fx.svc.SearchSatkers(fx.ctx, "4092")
	fx.must(err)
	if len(sat) != 1 {
		t.Fatalf("satker search %+v", sat)
	}
	today, err := fx.svc.ReceiptsToday(fx.ctx)
	fx.must(err)
	if len(today) != 2 || today[0].TicketCode != tk.Code() {
		t.Fatalf("receipts today %+v", today)
	}
	fx.must(fx.svc.MarkReceiptPrinted(fx.ctx, fx.offs["fo1"].ID, r.ID, "printer mati"))
	got, err := fx.svc.FindReceipt(fx.ctx, r.Number)
	fx.must(err)
	if got.PrintCount != 0 || got.PrintError != "printer mati" {
		t.Fatalf("after failed print %+v", got)
	}
	fx.must(fx.svc.MarkReceiptPrinted(fx.ctx, fx.offs["fo1"].ID, r.ID, ""))
	got, _ = fx.svc.FindReceipt(fx.ctx, r.Number)
	if got.PrintCount != 1 || got.PrintedAt.IsZero() || got.PrintError != "" {
		t.Fatalf("after print %+v", got)
	}
	_, err = fx.svc.FindReceipt(fx.ctx, "TT-X")
	wantCode(t, err, "not_found")
	_, err = fx.svc.ImportSatkers(fx.ctx, fx.admin.ID, []byte("kode,nama\n12345,Salah\n"))
	wantCode(t, err, "invalid")
}

func testCalendar(t *testing.T, f Factory) {
	fx := setup(t, f)
	hs, err := fx.svc.Holidays(fx.ctx)
	fx.must(err)
	if len(hs) != 25 || hs[0].Date != "2026-01-01" {
		t.Fatalf("default calendar: %d days, first %+v", len(hs), hs)
	}
	sched, err := office.ScheduleFor(fx.ctx, fx.svc)
	fx.must(err)
	if ok, why := sched.IsWorkingDay(workday.NewDate(2026, 3, 19)); ok || !strings.Contains(why, "Nyepi") {
		t.Fatalf("Nyepi: %v %q", ok, why)
	}
	err = fx.svc.SaveHoliday(fx.ctx, fx.admin.ID, store.Holiday{Date: "2026-11-30", Kind: "libur_daerah", Name: "X"})
	wantCode(t, err, "invalid")
	err = fx.svc.SaveHoliday(fx.ctx, fx.offs["fo1"].ID, store.Holiday{Date: "2026-11-30", Kind: "cuti_bersama", Name: "X"})
	wantCode(t, err, "forbidden")
	fx.must(fx.svc.SaveHoliday(fx.ctx, fx.admin.ID, store.Holiday{Date: "2026-11-30", Kind: "cuti_bersama", Name: "Cuti tambahan"}))
	fx.must(fx.svc.DeleteHoliday(fx.ctx, fx.admin.ID, "2026-01-01"))
	wantCode(t, fx.svc.DeleteHoliday(fx.ctx, fx.admin.ID, "2026-01-01"), "not_found")
	_, err = fx.svc.ImportHolidays(fx.ctx, fx.admin.ID, []byte("tanggal,jenis,keterangan\n2027-13-01,libur_nasional,X\n"))
	wantCode(t, err, "invalid")

	// No 2027 SKB yet: 1 January 2027 is an estimated holiday, a promise
	// reaching into 2027 is tentative and the list shows the estimates.
	sched, err = office.ScheduleFor(fx.ctx, fx.svc)
	fx.must(err)
	if ok, why := sched.IsWorkingDay(workday.NewDate(2027, 1, 1)); ok || why != "Tahun Baru 2027 Masehi (perkiraan)" {
		t.Fatalf("1 Jan 2027 without SKB: %v %q", ok, why)
	}
	loc := sched.Location()
	from, due := time.Date(2026, 12, 23, 10, 0, 0, 0, loc), time.Date(2027, 1, 4, 17, 0, 0, 0, loc)
	if d, err := sched.DeadlineDue(from, 5, workday.UnitWorkDay); err != nil || !d.At.Equal(due) || !d.Tentative {
		t.Fatalf("5 work days from 23 Dec 2026: %+v %v", d, err)
	}
	if !office.DueTentative(fx.ctx, fx.svc, from, due) {
		t.Fatal("promise into 2027 without SKB not tentative")
	}
	days, err := office.CalendarDays(fx.ctx, fx.svc, 2026, 2027)
	fx.must(err)
	est := 0
	for _, d := range days {
		if d.Estimated {
			est++
			if d.Date[:4] != "2027" {
				t.Fatalf("estimate outside 2027: %+v", d)
			}
		}
	}
	if est != len(workday.EstimatedHolidays(2027)) || len(days) != 25+est {
		t.Fatalf("calendar days: %d, %d estimated", len(days), est)
	}

	n, err := fx.svc.ImportHolidays(fx.ctx, fx.admin.ID, []byte("tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n"))
	fx.must(err)
	hs, _ = fx.svc.Holidays(fx.ctx)
	if n != 1 || len(hs) != 26 || hs[len(hs)-1].Date != "2027-01-01" {
		t.Fatalf("after import: n=%d, %d days", n, len(hs))
	}
	// The imported 2027 list replaces the estimates entirely: the
	// estimated Isra Mikraj of early January is a working day again.
	isra := workday.EstimatedHolidays(2027)[1]
	if !strings.HasPrefix(isra.Name, "Isra Mikraj") || isra.Date.Weekday() == time.Saturday || isra.Date.Weekday() == time.Sunday {
		t.Fatalf("second estimate of 2027: %+v", isra)
	}
	if ok, _ := sched.IsWorkingDay(isra.Date); ok {
		t.Fatalf("estimated %s is a working day before the import", isra.Date)
	}
	sched, err = office.ScheduleFor(fx.ctx, fx.svc)
	fx.must(err)
	if ok, _ := sched.IsWorkingDay(isra.Date); !ok {
		t.Fatal("estimate kept after the 2027 SKB was imported")
	}
	if office.DueTentative(fx.ctx, fx.svc, from, due) {
		t.Fatal("promise still tentative after the 2027 SKB was imported")
	}
	days, err = office.CalendarDays(fx.ctx, fx.svc, 2026, 2027)
	fx.must(err)
	if len(days) != 26 {
		t.Fatalf("calendar days after import: %d", len(days))
	}
}

func testCatalog(t *testing.T, f Factory) {
	fx := setup(t, f)
	cat, err := fx.svc.Catalog(fx.ctx)
	fx.must(err)
	if len(cat) != 66 {
		t.Fatalf("default catalog has %d services, want 66", len(cat))
	}
	var cso office.CatalogEntry
	for _, e := range cat {
		if strings.Contains(e.Unit, "Pekanbaru") {
			cso = e
		}
	}
	if len(cso.Requirements) == 0 || cso.Version != 1 {
		t.Fatalf("KPPN entry %+v", cso)
	}
	if fx.svcs["B"].CatalogRef != cso.Key {
		t.Fatalf("demo service B linked to %q, want %q", fx.svcs["B"].CatalogRef, cso.Key)
	}
	doc := []byte(strings.Replace(string(assets.CatalogDocuments()["003_4aa8bfc294ef9529.txt"]),
		"Tidak dipungut biaya (Gratis)", "Tidak dipungut biaya", 1))
	p, err := fx.svc.PreviewCatalog(fx.ctx, "003_4aa8bfc294ef9529.txt", doc)
	fx.must(err)
	if len(p.Changes) != 1 || p.Services != 15 || p.Version != 0 {
		t.Fatalf("preview %+v", p)
	}
	_, err = fx.svc.ImportCatalog(fx.ctx, fx.offs["fo1"].ID, "003_4aa8bfc294ef9529.txt", doc)
	wantCode(t, err, "forbidden")
	p, err = fx.svc.ImportCatalog(fx.ctx, fx.admin.ID, "003_4aa8bfc294ef9529.txt", doc)
	fx.must(err)
	if p.Version != 2 {
		t.Fatalf("import version %d", p.Version)
	}
	cat2, _ := fx.svc.Catalog(fx.ctx)
	if len(cat2) != 66 {
		t.Fatalf("catalog after import %d", len(cat2))
	}
	var old office.CatalogEntry
	for _, e := range cat {
		if e.Source == "003_4aa8bfc294ef9529.txt" {
			old = e
			break
		}
	}
	prev, err := fx.svc.CatalogEntry(fx.ctx, old.ID)
	fx.must(err)
	if prev.Current || prev.Version != 1 || prev.Name != old.Name {
		t.Fatalf("old version %+v", prev)
	}
	p, err = fx.svc.PreviewCatalog(fx.ctx, "003_4aa8bfc294ef9529.txt", doc)
	fx.must(err)
	if !p.Unchanged {
		t.Fatalf("re-preview of the current document: %+v", p)
	}
	_, err = fx.svc.PreviewCatalog(fx.ctx, "kosong.txt", []byte("bukan dokumen"))
	wantCode(t, err, "invalid")
}

func testSettings(t *testing.T, f Factory) {
	fx := setup(t, f)
	def, err := fx.svc.Setting(fx.ctx, store.SettingRunningText)
	fx.must(err)
	if def == "" {
		t.Fatal("running text has no default")
	}
	err = fx.svc.SaveSetting(fx.ctx, fx.offs["fo1"].ID, store.SettingRunningText, "x")
	wantCode(t, err, "forbidden")
	fx.must(fx.svc.SaveSetting(fx.ctx, fx.admin.ID, store.SettingRunningText, "  Layanan tutup pukul 16.00  "))
	got, err := fx.svc.Setting(fx.ctx, store.SettingRunningText)
	fx.must(err)
	if got != "Layanan tutup pukul 16.00" {
		t.Fatalf("running text %q", got)
	}
	_, err = fx.svc.Setting(fx.ctx, "tidak.ada")
	wantCode(t, err, "invalid")
}

func testFirstRun(t *testing.T, f Factory) {
	fx := setup(t, f)
	off, err := fx.svc.Office(fx.ctx)
	fx.must(err)
	if off.Code != "KPPN019" || off.Zone != "Asia/Jakarta" {
		t.Fatalf("office = %+v", off)
	}
	if len(fx.svcs) != 4 || len(fx.ctrs) != 4 || len(fx.offs) != 5 {
		t.Fatalf("demo data: %d services, %d counters, %d officers", len(fx.svcs), len(fx.ctrs), len(fx.offs))
	}
	o, err := fx.svc.Login(fx.ctx, "ADMIN", "rahasia1")
	fx.must(err)
	if o.Role != store.RoleAdmin || o.ID != fx.admin.ID {
		t.Fatalf("login = %+v", o)
	}
	_, err = fx.svc.Login(fx.ctx, "admin", "salah")
	wantCode(t, err, "bad_login")
	_, err = fx.svc.Login(fx.ctx, "tidakada", "rahasia1")
	wantCode(t, err, "bad_login")
	_, err = office.FirstRun(fx.ctx, fx.svc, office.Setup{Office: office.DemoOffice(), AdminUsername: "x", AdminPassword: "rahasia1"})
	wantCode(t, err, "exists")
}

func testNumbering(t *testing.T, f Factory) {
	fx := setup(t, f)
	a1, a2, b1 := fx.issue("A", ""), fx.issue("A", store.PriorityLansia), fx.issue("B", "")
	if a1.Code() != "A001" || a2.Code() != "A002" || b1.Code() != "B001" {
		t.Fatalf("codes %s %s %s", a1.Code(), a2.Code(), b1.Code())
	}
	if a1.BusinessDate != "2026-11-23" {
		t.Fatalf("business date %s", a1.BusinessDate)
	}
	// The next day starts again at 001 (office zone midnight).
	fx.tick(16 * time.Hour) // 01:00 WIB next day
	if tk := fx.issue("A", ""); tk.Code() != "A001" || tk.BusinessDate != "2026-11-24" {
		t.Fatalf("next day ticket %s on %s", tk.Code(), tk.BusinessDate)
	}
	counts, err := fx.svc.WaitingCounts(fx.ctx)
	fx.must(err)
	if counts[fx.svcs["A"].ID] != 1 {
		t.Fatalf("waiting today %v", counts)
	}
}

func testLifecycle(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	tk := fx.issue("A", "")
	got := fx.callNext(sess)
	if got.ID != tk.ID || got.Status != store.StatusCalled || got.CounterID != fx.ctrs[0].ID {
		t.Fatalf("called %+v", got)
	}
	cur, err := fx.svc.CurrentTicket(fx.ctx, fx.ctrs[0].ID)
	fx.must(err)
	if cur.ID != tk.ID {
		t.Fatalf("current %s", cur.Code())
	}
	fx.tick(5 * time.Second)
	re, err := fx.svc.Recall(fx.ctx, sess.ID, tk.ID)
	fx.must(err)
	if re.CallCount != 2 {
		t.Fatalf("call count %d", re.CallCount)
	}
	fx.tick(30 * time.Second)
	sv, err := fx.svc.StartServing(fx.ctx, sess.ID, tk.ID)
	fx.must(err)
	if sv.Status != store.StatusServing {
		t.Fatalf("status %s", sv.Status)
	}
	fx.tick(4 * time.Minute)
	done, err := fx.svc.Finish(fx.ctx, sess.ID, tk.ID)
	fx.must(err)
	if done.Status != store.StatusDone {
		t.Fatalf("status %s", done.Status)
	}
	_, err = fx.svc.Finish(fx.ctx, sess.ID, tk.ID)
	wantCode(t, err, "already_done")
	_, err = fx.svc.CallNext(fx.ctx, sess.ID)
	wantCode(t, err, "no_ticket_waiting")
	_, err = fx.svc.CurrentTicket(fx.ctx, fx.ctrs[0].ID)
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("current after finish: %v", err)
	}
	// A called ticket must be dealt with before the next call; a served
	// one is finished by the next call.
	fx.issue("A", "")
	fx.issue("A", "")
	t2 := fx.callNext(sess)
	_, err = fx.svc.CallNext(fx.ctx, sess.ID)
	wantCode(t, err, "ticket_pending")
	_, err = fx.svc.StartServing(fx.ctx, sess.ID, t2.ID)
	fx.must(err)
	t3 := fx.callNext(sess)
	today, err := fx.svc.TicketsToday(fx.ctx)
	fx.must(err)
	status := map[string]string{}
	for _, x := range today {
		status[x.Code()] = x.Status
	}
	if status[t2.Code()] != store.StatusDone || status[t3.Code()] != store.StatusCalled {
		t.Fatalf("statuses %v", status)
	}
}

func testPriorityRatio(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A", "C")
	// Arrival order: N1 N2 N3 P1 P2 P3 (C) N4.
	n1, n2, n3 := fx.issue("A", ""), fx.issue("A", ""), fx.issue("A", "")
	p1, p2 := fx.issue("A", store.PriorityLansia), fx.issue("A", store.PriorityIbuHamil)
	p3 := fx.issue("C", store.PriorityDisabilitas)
	n4 := fx.issue("A", "")
	// Default ratio 2:1: P1 P2 N1 P3 N2 N3 N4.
	want := []store.Ticket{p1, p2, n1, p3, n2, n3, n4}
	for i, w := range want {
		got := fx.callNext(sess)
		if got.ID != w.ID {
			t.Fatalf("call %d: got %s want %s", i+1, got.Code(), w.Code())
		}
		_, err := fx.svc.Finish(fx.ctx, sess.ID, got.ID)
		fx.must(err)
	}
}

func testMaxWait(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	old := fx.issue("A", "")
	fx.tick(61 * time.Minute) // default max wait 60 minutes
	p := fx.issue("A", store.PriorityLansia)
	if got := fx.callNext(sess); got.ID != old.ID {
		t.Fatalf("got %s, want the ticket waiting over an hour %s", got.Code(), old.Code())
	}
	_, err := fx.svc.Finish(fx.ctx, sess.ID, old.ID)
	fx.must(err)
	if got := fx.callNext(sess); got.ID != p.ID {
		t.Fatalf("got %s want %s", got.Code(), p.Code())
	}
}

func testTransfer(t *testing.T, f Factory) {
	fx := setup(t, f)
	s1 := fx.open("fo1", 1, "A")
	s2 := fx.open("fo2", 2, "C")
	a := fx.issue("A", "")
	c1 := fx.issue("C", "")
	c2 := fx.issue("C", "")
	fx.callNext(s1)
	tr, err := fx.svc.Transfer(fx.ctx, s1.ID, a.ID, fx.svcs["C"].ID)
	fx.must(err)
	if tr.Status != store.StatusWaiting || tr.ServiceID != fx.svcs["C"].ID || tr.Code() != "A001" {
		t.Fatalf("transferred %+v", tr)
	}
	if !tr.QueuedAt.Equal(a.QueuedAt) {
		t.Fatalf("queued_at changed %v -> %v", a.QueuedAt, tr.QueuedAt)
	}
	// It arrived before C001 and C002, so counter 2 calls it first.
	for _, w := range []store.Ticket{a, c1, c2} {
		got := fx.callNext(s2)
		if got.ID != w.ID {
			t.Fatalf("got %s want %s", got.Code(), w.Code())
		}
		_, err := fx.svc.Finish(fx.ctx, s2.ID, got.ID)
		fx.must(err)
	}
	_, err = fx.svc.Transfer(fx.ctx, s2.ID, c2.ID, fx.svcs["A"].ID)
	wantCode(t, err, "bad_state")
}

func testSkip(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	a1, a2 := fx.issue("A", ""), fx.issue("A", "")
	fx.callNext(sess)
	sk, err := fx.svc.Skip(fx.ctx, sess.ID, a1.ID)
	fx.must(err)
	if sk.Status != store.StatusNoShow {
		t.Fatalf("skip status %s", sk.Status)
	}
	re, err := fx.svc.Reactivate(fx.ctx, fx.offs["fo1"].ID, a1.ID)
	fx.must(err)
	if re.Status != store.StatusWaiting {
		t.Fatalf("reactivated %s", re.Status)
	}
	_, err = fx.svc.Reactivate(fx.ctx, fx.offs["fo1"].ID, a1.ID)
	wantCode(t, err, "bad_state")
	// Back at its original place: ahead of A002.
	if got := fx.callNext(sess); got.ID != a1.ID {
		t.Fatalf("got %s want %s", got.Code(), a1.Code())
	}
	c, err := fx.svc.Cancel(fx.ctx, fx.offs["fo1"].ID, a2.ID, "pengunjung pulang")
	fx.must(err)
	if c.Status != store.StatusCancelled {
		t.Fatalf("cancel %s", c.Status)
	}
	_, err = fx.svc.Finish(fx.ctx, sess.ID, a1.ID)
	fx.must(err)
	_, err = fx.svc.Cancel(fx.ctx, fx.offs["fo1"].ID, a1.ID, "")
	wantCode(t, err, "bad_state")
	_, err = fx.svc.CallNext(fx.ctx, sess.ID)
	wantCode(t, err, "no_ticket_waiting")
}

func testRefusals(t *testing.T, f Factory) {
	fx := setup(t, f)
	_, err := fx.svc.IssueTicket(fx.ctx, "tidak-ada", "")
	wantCode(t, err, "not_found")
	_, err = fx.svc.IssueTicket(fx.ctx, fx.svcs["A"].ID, "vip")
	wantCode(t, err, "invalid")
	_, err = fx.svc.SaveService(fx.ctx, fx.admin.ID, store.Service{Prefix: " ", Name: "X", Active: true})
	wantCode(t, err, "invalid")
	_, err = fx.svc.SaveService(fx.ctx, fx.admin.ID, store.Service{Prefix: "a", Name: "Duplikat", Active: true})
	wantCode(t, err, "duplicate")
	_, err = fx.svc.SaveService(fx.ctx, fx.admin.ID, store.Service{Prefix: "A1", Name: "X", Active: true})
	wantCode(t, err, "invalid")
	sess := fx.open("fo1", 1, "A")
	fx.must(fx.svc.CloseCounter(fx.ctx, sess.ID))
	fx.issue("A", "")
	_, err = fx.svc.CallNext(fx.ctx, sess.ID)
	wantCode(t, err, "counter_closed")
	_, err = fx.svc.OpenCounter(fx.ctx, fx.offs["fo1"].ID, fx.ctrs[0].ID, nil)
	wantCode(t, err, "invalid")
	fx.open("fo1", 1, "A")
	_, err = fx.svc.OpenCounter(fx.ctx, fx.offs["fo2"].ID, fx.ctrs[0].ID, []string{fx.svcs["A"].ID})
	wantCode(t, err, "counter_busy")
	inactive := fx.svcs["D"]
	inactive.Active = false
	_, err = fx.svc.SaveService(fx.ctx, fx.admin.ID, inactive)
	fx.must(err)
	_, err = fx.svc.IssueTicket(fx.ctx, inactive.ID, "")
	wantCode(t, err, "service_inactive")
	// Nothing was written half-way: only the one ticket exists.
	today, err := fx.svc.TicketsToday(fx.ctx)
	fx.must(err)
	if len(today) != 1 {
		t.Fatalf("%d tickets after refusals", len(today))
	}
}

func testAdminOnly(t *testing.T, f Factory) {
	fx := setup(t, f)
	_, err := fx.svc.SaveService(fx.ctx, fx.offs["fo1"].ID, store.Service{Prefix: "E", Name: "Baru", Active: true})
	wantCode(t, err, "forbidden")
	_, err = fx.svc.SaveOfficer(fx.ctx, fx.offs["cso1"].ID, store.Officer{Username: "x1", FullName: "X", Role: store.RoleAdmin, Active: true}, "rahasia1")
	wantCode(t, err, "forbidden")
	sv, err := fx.svc.SaveService(fx.ctx, fx.admin.ID, store.Service{Prefix: "E", Name: "Baru", Active: true})
	fx.must(err)
	if sv.ID == "" || sv.Office != "KPPN019" {
		t.Fatalf("saved %+v", sv)
	}
}

func testSubscribe(t *testing.T, f Factory) {
	fx := setup(t, f)
	ctx, cancel := context.WithCancel(fx.ctx)
	defer cancel()
	ch, err := fx.svc.Subscribe(ctx, 0)
	fx.must(err)
	// Drain the set-up history, then watch a call arrive.
	var last int64
	drain := func(until string) store.Event {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case e, ok := <-ch:
				if !ok {
					t.Fatal("stream closed")
				}
				if e.Seq <= last {
					t.Fatalf("seq %d after %d: repeated or out of order", e.Seq, last)
				}
				if last != 0 && e.Seq != last+1 {
					t.Fatalf("seq %d after %d: an event was missed", e.Seq, last)
				}
				last = e.Seq
				if e.Kind == until {
					return e
				}
			case <-timeout:
				t.Fatalf("no %s event", until)
			}
		}
	}
	drain(store.EvOfficerSaved)
	sess := fx.open("fo1", 2, "A")
	tk := fx.issue("A", "")
	fx.callNext(sess)
	e := drain(store.EvTicketCalled)
	if e.TicketID != tk.ID || e.Data["number"] != "A001" || e.Data["counter"] != "2" {
		t.Fatalf("called event %+v", e)
	}
	// Resume after the last seen seq: the next event only.
	resumeAt := last
	_, err = fx.svc.Recall(fx.ctx, sess.ID, tk.ID)
	fx.must(err)
	ch2, err := fx.svc.Subscribe(ctx, resumeAt)
	fx.must(err)
	select {
	case e := <-ch2:
		if e.Seq != resumeAt+1 || e.Kind != store.EvTicketRecalled {
			t.Fatalf("resumed with %d %s", e.Seq, e.Kind)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("resumed stream sent nothing")
	}
}

func testDailyCap(t *testing.T, f Factory) {
	fx := setup(t, f)
	sv := fx.svcs["D"]
	sv.DailyCap = 2
	_, err := fx.svc.SaveService(fx.ctx, fx.admin.ID, sv)
	fx.must(err)
	fx.issue("D", "")
	fx.issue("D", "")
	_, err = fx.svc.IssueTicket(fx.ctx, sv.ID, "")
	wantCode(t, err, "daily_cap")
}
