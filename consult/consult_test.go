package consult

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"loket/refusal"
	"loket/workday"
)

var (
	t0  = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // Monday 09:00 WIB
	now = t0.Add(3 * time.Hour)
)

// stateIn is a consultation in status st, escalated to K1 when eskalasi,
// with a draft answer.
func stateIn(st string) State {
	s := State{Number: "KS-KPPN019-2026-00007", Status: st, Answer: "Jawaban lama", ProgressAt: t0, UpdatedAt: t0}
	switch st {
	case Eskalasi:
		s.EscalatedTo, s.EscalationReason = "K1", "Perlu arahan"
	case Dijawab:
		s.AnsweredAt = t0.Add(time.Hour)
	case Resolved:
		s.AnsweredAt, s.ResolvedAt = t0.Add(time.Hour), t0.Add(2*time.Hour)
	case Ditutup:
		s.AnsweredAt, s.ClosedAt = t0.Add(time.Hour), t0.Add(2*time.Hour)
	}
	return s
}

var (
	cso  = Actor{ID: "C1", CSO: true}
	kasi = Actor{ID: "K1", Kasi: true}
)

// action is a complete request for to: by the CSO, or by the Kepala
// Seksi the item went to for Return.
func action(to string) Action {
	a := Action{To: to, Answer: " Jawaban baru ", Note: " Catatan ", KasiID: "K1", KasiOK: true, Actor: cso}
	if to == Return {
		a.Actor = kasi
	}
	return a
}

type want struct {
	status string // after ("" when refused)
	event  string
	code   string
}

func ok(status, event string) want { return want{status: status, event: event} }
func no(code string) want          { return want{code: code} }

// TestApplyEveryStatusAndAction is the whole transition table.
func TestApplyEveryStatusAndAction(t *testing.T) {
	closed, invalid := no("closed"), no("invalid")
	table := map[string]map[string]want{
		Baru: {Dijawab: ok(Dijawab, EvAnswered), Eskalasi: ok(Eskalasi, EvEscalated), Return: invalid,
			MenungguDokumen: ok(MenungguDokumen, EvWaitingDocuments), Resolved: ok(Resolved, EvResolved), Ditutup: ok(Ditutup, EvClosed)},
		Dijawab: {Dijawab: ok(Dijawab, EvAnswered), Eskalasi: ok(Eskalasi, EvEscalated), Return: invalid,
			MenungguDokumen: ok(MenungguDokumen, EvWaitingDocuments), Resolved: ok(Resolved, EvResolved), Ditutup: ok(Ditutup, EvClosed)},
		Eskalasi: {Dijawab: ok(Dijawab, EvAnswered), Eskalasi: invalid, Return: ok(Baru, EvReturned),
			MenungguDokumen: ok(MenungguDokumen, EvWaitingDocuments), Resolved: ok(Resolved, EvResolved), Ditutup: ok(Ditutup, EvClosed)},
		MenungguDokumen: {Dijawab: ok(Dijawab, EvAnswered), Eskalasi: ok(Eskalasi, EvEscalated), Return: invalid,
			MenungguDokumen: ok(MenungguDokumen, EvWaitingDocuments), Resolved: ok(Resolved, EvResolved), Ditutup: ok(Ditutup, EvClosed)},
		// A resolved item can only be closed; a closed one is final.
		Resolved: {Dijawab: closed, Eskalasi: closed, Return: closed, MenungguDokumen: closed, Resolved: closed, Ditutup: ok(Ditutup, EvClosed)},
		Ditutup:  {Dijawab: closed, Eskalasi: closed, Return: closed, MenungguDokumen: closed, Resolved: closed, Ditutup: closed},
	}
	for _, st := range Statuses() {
		for _, to := range Actions() {
			w, listed := table[st][to]
			t.Run(st+"/"+to, func(t *testing.T) {
				if !listed {
					t.Fatal("pair missing from the table")
				}
				in := stateIn(st)
				got, ch, err := Apply(in, action(to), now)
				if w.code != "" {
					var e *refusal.Error
					if !errors.As(err, &e) || e.Code != w.code || !strings.HasSuffix(e.Message, ".") {
						t.Fatalf("err = %v, want refusal %q with a sentence", err, w.code)
					}
					if e.UserMessage() != e.Message || e.Error() != e.Message {
						t.Errorf("the screen and the log must read the refusal's sentence: %q %q", e.UserMessage(), e.Error())
					}
					if got != in || !reflect.DeepEqual(ch, Change{}) {
						t.Fatalf("refusal changed the state (%+v) or wrote %+v", got, ch)
					}
					return
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.Status != w.status || ch.Event != w.event {
					t.Fatalf("-> %s with %s, want %s with %s", got.Status, ch.Event, w.status, w.event)
				}
				if !got.UpdatedAt.Equal(now) || !got.ProgressAt.Equal(now) {
					t.Errorf("every change counts as progress now: %+v", got)
				}
				if ch.NoteKind == "" || ch.Note == "" || ch.Data["from"] != st || ch.Data["to"] != w.status {
					t.Errorf("note or event data incomplete: %+v", ch)
				}
				if ch.Reindex != (w.status == Resolved) {
					t.Errorf("reindex = %v", ch.Reindex)
				}
			})
		}
	}
}

func TestApplyFields(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     State
		action Action
		want   func(State) State
		change Change
	}{
		{"answer keeps the first answer time", stateIn(Dijawab), action(Dijawab),
			func(s State) State {
				s.Status, s.Answer, s.ProgressAt, s.UpdatedAt = Dijawab, "Jawaban baru", now, now
				return s
			},
			Change{Event: EvAnswered, NoteKind: NoteAnswer, Note: "Jawaban baru", Data: map[string]string{"from": Dijawab, "to": Dijawab}}},
		{"first answer stamps the time", stateIn(Baru), action(Dijawab),
			func(s State) State {
				s.Status, s.Answer, s.AnsweredAt, s.ProgressAt, s.UpdatedAt = Dijawab, "Jawaban baru", now, now, now
				return s
			},
			Change{Event: EvAnswered, NoteKind: NoteAnswer, Note: "Jawaban baru", Data: map[string]string{"from": Baru, "to": Dijawab}}},
		{"escalation clears an old response", func() State { s := stateIn(Baru); s.KasiResponse = "lama"; return s }(), action(Eskalasi),
			func(s State) State {
				s.Status, s.EscalatedTo, s.EscalationReason, s.KasiResponse, s.ProgressAt, s.UpdatedAt = Eskalasi, "K1", "Catatan", "", now, now
				return s
			},
			Change{Event: EvEscalated, NoteKind: NoteEscalation, Note: "Catatan", Data: map[string]string{"from": Baru, "to": Eskalasi, "kasi": "K1"}}},
		{"return gives the item back as baru with the response", stateIn(Eskalasi), action(Return),
			func(s State) State {
				s.Status, s.KasiResponse, s.ProgressAt, s.UpdatedAt = Baru, "Catatan", now, now
				return s
			},
			Change{Event: EvReturned, NoteKind: NoteKasi, Note: "Catatan", Data: map[string]string{"from": Eskalasi, "to": Baru}}},
		{"resolve keeps the written answer", stateIn(MenungguDokumen), Action{To: Resolved, Actor: cso},
			func(s State) State {
				s.Status, s.AnsweredAt, s.ResolvedAt, s.ProgressAt, s.UpdatedAt = Resolved, now, now, now, now
				return s
			},
			Change{Event: EvResolved, NoteKind: NoteResolved, Note: "Diselesaikan (resolved).", Reindex: true,
				Data: map[string]string{"from": MenungguDokumen, "to": Resolved}}},
		{"close a resolved item", stateIn(Resolved), Action{To: Ditutup, Actor: cso},
			func(s State) State {
				s.Status, s.ClosedAt, s.ProgressAt, s.UpdatedAt = Ditutup, now, now, now
				return s
			},
			Change{Event: EvClosed, NoteKind: NoteClosed, Note: "Ditutup.", Data: map[string]string{"from": Resolved, "to": Ditutup}}},
		{"an admin may return an item escalated to someone else", stateIn(Eskalasi),
			Action{To: Return, Note: "Arahan", Actor: Actor{ID: "A1", CSO: true, Kasi: true, Admin: true}},
			func(s State) State {
				s.Status, s.KasiResponse, s.ProgressAt, s.UpdatedAt = Baru, "Arahan", now, now
				return s
			},
			Change{Event: EvReturned, NoteKind: NoteKasi, Note: "Arahan", Data: map[string]string{"from": Eskalasi, "to": Baru}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ch, err := Apply(tc.in, tc.action, now)
			if err != nil {
				t.Fatal(err)
			}
			if want := tc.want(tc.in); got != want {
				t.Errorf("state\n got %+v\nwant %+v", got, want)
			}
			if !reflect.DeepEqual(ch, tc.change) {
				t.Errorf("change\n got %+v\nwant %+v", ch, tc.change)
			}
		})
	}
}

func TestApplyRefusals(t *testing.T) {
	with := func(to string, f func(*Action)) Action { a := action(to); f(&a); return a }
	for _, tc := range []struct {
		name   string
		in     State
		action Action
		code   string
		words  string
	}{
		{"answer needs text", stateIn(Baru), with(Dijawab, func(a *Action) { a.Answer = "  " }), "invalid", "Tulis jawaban"},
		{"escalation needs a reason", stateIn(Baru), with(Eskalasi, func(a *Action) { a.Note = "" }), "invalid", "alasan eskalasi"},
		{"escalation needs a Kepala Seksi", stateIn(Baru), with(Eskalasi, func(a *Action) { a.KasiOK = false }), "invalid", "Pilih Kepala Seksi"},
		{"escalation needs a Kepala Seksi id", stateIn(Baru), with(Eskalasi, func(a *Action) { a.KasiID = " " }), "invalid", "Pilih Kepala Seksi"},
		{"escalated twice", stateIn(Eskalasi), action(Eskalasi), "invalid", "sudah dieskalasi"},
		{"return needs an escalation", stateIn(Baru), action(Return), "invalid", "tidak sedang dieskalasi"},
		{"return needs a response", stateIn(Eskalasi), with(Return, func(a *Action) { a.Note = "" }), "invalid", "tanggapan"},
		{"only a Kepala Seksi returns", stateIn(Eskalasi), with(Return, func(a *Action) { a.Actor = cso }), "forbidden", "tidak memiliki hak"},
		{"another Kepala Seksi", stateIn(Eskalasi), with(Return, func(a *Action) { a.Actor = Actor{ID: "K2", Kasi: true} }), "forbidden", "Kepala Seksi lain"},
		{"documents need a list", stateIn(Baru), with(MenungguDokumen, func(a *Action) { a.Note = "" }), "invalid", "dokumen pendukung"},
		{"resolve needs an answer", func() State { s := stateIn(Baru); s.Answer = ""; return s }(),
			with(Resolved, func(a *Action) { a.Answer = "" }), "invalid", "jawaban/solusi yang tertulis"},
		{"unknown status", stateIn(Baru), action("hilang"), "invalid", `"hilang" tidak dikenal`},
		{"a CSO's action needs a CSO", stateIn(Baru), with(Dijawab, func(a *Action) { a.Actor = kasi }), "forbidden", "tidak memiliki hak"},
		{"an inactive officer is no one", stateIn(Baru), with(Ditutup, func(a *Action) { a.Actor = Actor{ID: "C9"} }), "forbidden", "tidak memiliki hak"},
		{"closed names the state", stateIn(Resolved), action(Dijawab), "closed", "sudah selesai"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ch, err := Apply(tc.in, tc.action, now)
			var e *refusal.Error
			if !errors.As(err, &e) || e.Code != tc.code || !strings.Contains(e.Message, tc.words) {
				t.Fatalf("err = %v, want %s containing %q", err, tc.code, tc.words)
			}
			if got != tc.in || !reflect.DeepEqual(ch, Change{}) {
				t.Fatalf("refusal changed %+v / %+v", got, ch)
			}
		})
	}
}

func TestEditProgressCallback(t *testing.T) {
	for _, st := range Statuses() {
		t.Run(st, func(t *testing.T) {
			in := stateIn(st)
			err := CanEdit(in)
			if (err != nil) != (st == Ditutup) {
				t.Errorf("CanEdit = %v", err)
			}
			got, err := Progress(in, now)
			if st == Ditutup {
				if err == nil || got != in {
					t.Errorf("progress on a closed item: %+v %v", got, err)
				}
			} else if err != nil || !got.ProgressAt.Equal(now) || !got.UpdatedAt.Equal(now) || got.Status != st {
				t.Errorf("progress: %+v %v", got, err)
			}
			err = CanPromiseCallback(in)
			if (err != nil) != !IsOpen(st) {
				t.Errorf("CanPromiseCallback = %v", err)
			}
		})
	}
}

func TestOpenedAt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		typed time.Time
		want  time.Time
	}{
		{"missing", time.Time{}, now},
		{"typed a while ago", now.Add(-25 * time.Minute), now.Add(-25 * time.Minute)},
		{"in the future", now.Add(time.Minute), now},
		{"implausibly old", now.Add(-MaxFormAge - time.Second), now},
		{"exactly the limit", now.Add(-MaxFormAge), now.Add(-MaxFormAge)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := OpenedAt(tc.typed, now); !got.Equal(tc.want) {
				t.Fatalf("OpenedAt = %v, want %v", got, tc.want)
			}
		})
	}
}

func schedule(t *testing.T) *workday.Schedule {
	t.Helper()
	hours, err := workday.ParseHours("") // the default office hours, Monday to Friday
	if err != nil {
		t.Fatal(err)
	}
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := workday.NewSchedule("Asia/Jakarta", hours, cal)
	if err != nil {
		t.Fatal(err)
	}
	return sched
}

func TestClocks(t *testing.T) {
	sched := schedule(t)
	wib := time.FixedZone("WIB", 7*3600)
	monday := time.Date(2026, 11, 23, 10, 0, 0, 0, wib)
	friday := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	nextMonday := time.Date(2026, 11, 30, 10, 0, 0, 0, wib)
	due, err := Due(sched, monday)
	if err != nil {
		t.Fatal(err)
	}
	if !due.After(monday.Add(48*time.Hour)) || due.After(friday) {
		t.Errorf("3 working days from Monday = %v, want by Thursday", due)
	}
	for _, tc := range []struct {
		name   string
		status string
		at     time.Time
		over   bool
	}{
		{"baru past due", Baru, due.Add(time.Minute), true},
		{"baru before due", Baru, due.Add(-time.Minute), false},
		{"escalated past due", Eskalasi, due.Add(time.Minute), true},
		{"waiting for documents past due", MenungguDokumen, due.Add(time.Minute), true},
		{"answered is not late", Dijawab, due.Add(time.Minute), false},
		{"resolved is not late", Resolved, due.Add(time.Minute), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Overdue(tc.status, due, tc.at); got != tc.over {
				t.Fatalf("Overdue = %v", got)
			}
		})
	}
	for _, tc := range []struct {
		name     string
		status   string
		progress time.Time
		at       time.Time
		sched    *workday.Schedule
		want     bool
	}{
		{"same day", Baru, monday, monday.Add(5 * time.Hour), sched, false},
		{"next working day", Baru, monday, monday.Add(24 * time.Hour), sched, true},
		{"a weekend is no working day", Baru, friday, friday.Add(48 * time.Hour), sched, false},
		{"Monday after Friday", Baru, friday, nextMonday, sched, true},
		{"answered owes nothing", Dijawab, monday, nextMonday, sched, false},
		{"no schedule: 24 hours", Eskalasi, monday, monday.Add(25 * time.Hour), nil, true},
		{"no schedule: within 24 hours", Eskalasi, monday, monday.Add(23 * time.Hour), nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NeedsProgress(tc.status, tc.progress, tc.at, tc.sched); got != tc.want {
				t.Fatalf("NeedsProgress = %v", got)
			}
		})
	}
	for _, tc := range []struct {
		name    string
		status  string
		updated time.Time
		at      time.Time
		want    bool
	}{
		{"answered 3 working days ago", Dijawab, monday, monday.Add(72 * time.Hour), true},
		{"answered 2 working days ago", Dijawab, monday, monday.Add(48 * time.Hour), false},
		{"the weekend does not count", Dijawab, friday, nextMonday.Add(24 * time.Hour), false},
		{"only answered items close", Baru, monday, nextMonday, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AutoCloseDue(tc.status, tc.updated, tc.at, 3, sched); got != tc.want {
				t.Fatalf("AutoCloseDue = %v", got)
			}
		})
	}
}

func TestAutoClose(t *testing.T) {
	got, ch, err := AutoClose(stateIn(Dijawab), 3, now)
	if err != nil {
		t.Fatal(err)
	}
	want := stateIn(Dijawab)
	want.Status, want.ClosedAt, want.UpdatedAt = Ditutup, now, now
	if got != want {
		t.Errorf("state %+v, want %+v", got, want)
	}
	if ch.Event != EvAutoClosed || ch.NoteKind != NoteClosed || !strings.Contains(ch.Note, "3 hari kerja") || ch.Data["days"] != "3" {
		t.Errorf("change %+v", ch)
	}
	for _, st := range Statuses() {
		if st == Dijawab {
			continue
		}
		if _, _, err := AutoClose(stateIn(st), 3, now); err == nil {
			t.Errorf("auto-closed a %s item", st)
		}
	}
}

func TestLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, st := range Statuses() {
		l := StatusLabel(st)
		if l == st || seen[l] {
			t.Errorf("status %s has no label of its own (%q)", st, l)
		}
		seen[l] = true
	}
	if StatusLabel("x") != "x" {
		t.Error("unknown status should read as itself")
	}
}
