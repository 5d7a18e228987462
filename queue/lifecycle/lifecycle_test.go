package lifecycle

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"loket/refusal"
)

var (
	t0  = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	now = t0.Add(7 * time.Minute)
)

// ticketIn is a ticket of service S1 in status st, called at counter C1
// by officer O1 unless it is waiting.
func ticketIn(st string) Ticket {
	t := Ticket{Code: "A007", BusinessDate: "2026-11-23", ServiceID: "S1", Status: st, UpdatedAt: t0}
	if st != Waiting {
		t.CounterID, t.OfficerID, t.CallCount, t.CalledAt = "C1", "O1", 1, t0.Add(time.Minute)
	}
	switch st {
	case Serving:
		t.ServedAt = t0.Add(2 * time.Minute)
	case Done:
		t.ServedAt, t.FinishedAt = t0.Add(2*time.Minute), t0.Add(5*time.Minute)
	case NoShow, Cancelled:
		t.FinishedAt = t0.Add(3 * time.Minute)
	}
	return t
}

// act is action k by counter C1 and officer O1, with an active transfer
// target and today's date.
func act(k Kind) Action {
	return Action{Kind: k, CounterID: "C1", OfficerID: "O1", To: Service{ID: "S2", Name: "Konsultasi", Active: true},
		Today: "2026-11-23", Reason: "  salah ambil  "}
}

type want struct {
	status string   // status after the action ("" when refused)
	events []string // event kinds written
	code   string   // refusal code
}

func ok(status string, events ...string) want { return want{status: status, events: events} }
func no(code string) want                     { return want{code: code} }

// TestApplyEveryStatusAndAction is the whole transition table: every
// status × every action either moves the ticket with its events or is
// refused with a reason and changes nothing.
func TestApplyEveryStatusAndAction(t *testing.T) {
	bad := no("bad_state")
	table := map[string]map[Kind]want{
		Waiting: {Call: ok(Called, EvCalled), Recall: bad, Start: bad, Skip: bad, Finish: bad, Transfer: bad,
			Reactivate: bad, Cancel: ok(Cancelled, EvCancelled)},
		Called: {Call: bad, Recall: ok(Called, EvRecalled), Start: ok(Serving, EvServing), Skip: ok(NoShow, EvSkipped),
			Finish: ok(Done, EvServing, EvDone), Transfer: ok(Waiting, EvTransferred), Reactivate: bad, Cancel: ok(Cancelled, EvCancelled)},
		Serving: {Call: bad, Recall: ok(Serving, EvRecalled), Start: bad, Skip: bad, Finish: ok(Done, EvDone),
			Transfer: ok(Waiting, EvTransferred), Reactivate: bad, Cancel: bad},
		Done: {Call: bad, Recall: bad, Start: bad, Skip: bad, Finish: no("already_done"), Transfer: bad,
			Reactivate: bad, Cancel: bad},
		NoShow: {Call: bad, Recall: bad, Start: bad, Skip: bad, Finish: bad, Transfer: bad,
			Reactivate: ok(Waiting, EvReactivated), Cancel: ok(Cancelled, EvCancelled)},
		Cancelled: {Call: bad, Recall: bad, Start: bad, Skip: bad, Finish: bad, Transfer: bad, Reactivate: bad, Cancel: bad},
	}
	for _, st := range Statuses {
		for _, k := range Kinds {
			w, listed := table[st][k]
			t.Run(st+"/"+k.String(), func(t *testing.T) {
				if !listed {
					t.Fatal("pair missing from the table")
				}
				in := ticketIn(st)
				got, evs, err := Apply(in, act(k), now)
				if w.code != "" {
					var e *refusal.Error
					if !errors.As(err, &e) || e.Code != w.code {
						t.Fatalf("err = %v, want refusal %q", err, w.code)
					}
					if e.UserMessage() != e.Message || e.Error() != e.Message {
						t.Errorf("the screen and the log must read the refusal's sentence: %q %q", e.UserMessage(), e.Error())
					}
					if !strings.Contains(e.Message, "A007") || !strings.HasSuffix(e.Message, ".") {
						t.Errorf("message %q does not name the ticket in one sentence", e.Message)
					}
					if got != in || evs != nil {
						t.Errorf("refusal changed the ticket (%+v) or wrote events (%v)", got, evs)
					}
					return
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.Status != w.status {
					t.Errorf("status = %s, want %s", got.Status, w.status)
				}
				var kinds []string
				for _, e := range evs {
					kinds = append(kinds, e.Kind)
				}
				if !reflect.DeepEqual(kinds, w.events) {
					t.Errorf("events = %v, want %v", kinds, w.events)
				}
				if !got.UpdatedAt.Equal(now) {
					t.Errorf("updated at %v, want %v", got.UpdatedAt, now)
				}
				if got.Code != in.Code || got.BusinessDate != in.BusinessDate {
					t.Errorf("number or date changed: %+v", got)
				}
			})
		}
	}
}

func TestApplyFields(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     Ticket
		action Action
		want   func(Ticket) Ticket // the expected ticket from the input
		events []Event
	}{
		{"call takes the ticket to the counter", ticketIn(Waiting), act(Call),
			func(t Ticket) Ticket {
				t.Status, t.CounterID, t.OfficerID, t.CallCount, t.CalledAt, t.UpdatedAt = Called, "C1", "O1", 1, now, now
				return t
			},
			[]Event{{Kind: EvCalled, Status: Called, ServiceID: "S1", CounterID: "C1", OfficerID: "O1"}}},
		{"recall counts the call and keeps the status", ticketIn(Serving), act(Recall),
			func(t Ticket) Ticket { t.CallCount, t.UpdatedAt = 2, now; return t },
			[]Event{{Kind: EvRecalled, Status: Serving, ServiceID: "S1", CounterID: "C1", OfficerID: "O1",
				Data: map[string]string{"call_count": "2"}}}},
		{"start records the arrival", ticketIn(Called), act(Start),
			func(t Ticket) Ticket { t.Status, t.ServedAt, t.UpdatedAt = Serving, now, now; return t },
			[]Event{{Kind: EvServing, Status: Serving, ServiceID: "S1", CounterID: "C1", OfficerID: "O1"}}},
		{"skip finishes as no-show", ticketIn(Called), act(Skip),
			func(t Ticket) Ticket { t.Status, t.FinishedAt, t.UpdatedAt = NoShow, now, now; return t },
			[]Event{{Kind: EvSkipped, Status: NoShow, ServiceID: "S1", CounterID: "C1", OfficerID: "O1"}}},
		{"finish from called serves at the same instant", ticketIn(Called), act(Finish),
			func(t Ticket) Ticket { t.Status, t.ServedAt, t.FinishedAt, t.UpdatedAt = Done, now, now, now; return t },
			[]Event{{Kind: EvServing, Status: Serving, ServiceID: "S1", CounterID: "C1", OfficerID: "O1"},
				{Kind: EvDone, Status: Done, ServiceID: "S1", CounterID: "C1", OfficerID: "O1"}}},
		{"finish from serving keeps the start", ticketIn(Serving), act(Finish),
			func(t Ticket) Ticket { t.Status, t.FinishedAt, t.UpdatedAt = Done, now, now; return t },
			[]Event{{Kind: EvDone, Status: Done, ServiceID: "S1", CounterID: "C1", OfficerID: "O1"}}},
		{"transfer waits again for the new service", ticketIn(Serving), act(Transfer),
			func(t Ticket) Ticket {
				t.Status, t.ServiceID, t.CounterID, t.OfficerID, t.CallCount = Waiting, "S2", "", "", 0
				t.CalledAt, t.ServedAt, t.UpdatedAt = time.Time{}, time.Time{}, now
				return t
			},
			// The event records the ticket as it was handed over.
			[]Event{{Kind: EvTransferred, Status: Serving, ServiceID: "S1", CounterID: "C1", OfficerID: "O1",
				Data: map[string]string{"from_service": "S1", "to_service": "S2", "to_service_name": "Konsultasi"}}}},
		{"reactivate queues again and keeps who called", ticketIn(NoShow), Action{Kind: Reactivate, OfficerID: "O9", Today: "2026-11-23"},
			func(t Ticket) Ticket {
				t.Status, t.CounterID, t.CallCount, t.CalledAt, t.FinishedAt, t.UpdatedAt = Waiting, "", 0, time.Time{}, time.Time{}, now
				return t
			},
			[]Event{{Kind: EvReactivated, Status: Waiting, ServiceID: "S1", OfficerID: "O9"}}},
		{"cancel records the reason and the counter that called", ticketIn(Called), Action{Kind: Cancel, OfficerID: "O9", Reason: "  pergi  "},
			func(t Ticket) Ticket { t.Status, t.FinishedAt, t.UpdatedAt = Cancelled, now, now; return t },
			[]Event{{Kind: EvCancelled, Status: Cancelled, ServiceID: "S1", CounterID: "C1", OfficerID: "O9",
				Data: map[string]string{"reason": "pergi"}}}},
		{"cancel a waiting ticket has no counter", ticketIn(Waiting), Action{Kind: Cancel, OfficerID: "O9"},
			func(t Ticket) Ticket { t.Status, t.FinishedAt, t.UpdatedAt = Cancelled, now, now; return t },
			[]Event{{Kind: EvCancelled, Status: Cancelled, ServiceID: "S1", OfficerID: "O9", Data: map[string]string{"reason": ""}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, evs, err := Apply(tc.in, tc.action, now)
			if err != nil {
				t.Fatal(err)
			}
			if want := tc.want(tc.in); got != want {
				t.Errorf("ticket\n got %+v\nwant %+v", got, want)
			}
			if !reflect.DeepEqual(evs, tc.events) {
				t.Errorf("events\n got %+v\nwant %+v", evs, tc.events)
			}
		})
	}
}

func TestApplyRefusals(t *testing.T) {
	other := func(k Kind) Action { a := act(k); a.CounterID = "C2"; return a }
	for _, tc := range []struct {
		name   string
		in     Ticket
		action Action
		code   string
		words  string
	}{
		{"recall at another counter", ticketIn(Called), other(Recall), "bad_state", "tidak sedang dilayani di loket ini"},
		{"start at another counter", ticketIn(Called), other(Start), "bad_state", "tidak sedang dilayani di loket ini"},
		{"skip at another counter", ticketIn(Called), other(Skip), "bad_state", "tidak sedang dilayani di loket ini"},
		{"finish at another counter", ticketIn(Serving), other(Finish), "bad_state", "tidak sedang dilayani di loket ini"},
		{"transfer at another counter", ticketIn(Serving), other(Transfer), "bad_state", "tidak sedang dilayani di loket ini"},
		{"status names the state", ticketIn(Waiting), act(Skip), "bad_state", "berstatus menunggu"},
		{"finish twice", ticketIn(Done), other(Finish), "already_done", "sudah selesai"},
		{"transfer to no service", ticketIn(Called), Action{Kind: Transfer, CounterID: "C1"}, "not_found", "Layanan tujuan tidak ditemukan"},
		{"transfer to an inactive service", ticketIn(Called),
			Action{Kind: Transfer, CounterID: "C1", To: Service{ID: "S2", Name: "Konsultasi"}}, "service_inactive", `"Konsultasi" sedang tidak aktif`},
		{"state before target", ticketIn(Waiting), Action{Kind: Transfer, CounterID: "C1"}, "bad_state", "berstatus menunggu"},
		{"reactivate another day", ticketIn(NoShow), Action{Kind: Reactivate, Today: "2026-11-24"}, "bad_state", "hari lain"},
		{"reactivate only a no-show", ticketIn(Done), act(Reactivate), "bad_state", "Hanya nomor berstatus tidak hadir"},
		{"cancel a served ticket", ticketIn(Serving), act(Cancel), "bad_state", "tidak dapat dibatalkan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, evs, err := Apply(tc.in, tc.action, now)
			var e *refusal.Error
			if !errors.As(err, &e) || e.Code != tc.code || !strings.Contains(e.Message, tc.words) {
				t.Fatalf("err = %v, want %s containing %q", err, tc.code, tc.words)
			}
			if got != tc.in || evs != nil {
				t.Fatalf("refusal changed %+v / %v", got, evs)
			}
		})
	}
	if _, _, err := Apply(ticketIn(Waiting), Action{}, now); err == nil || errors.As(err, new(*refusal.Error)) {
		t.Fatalf("an unknown action must be an engineer's error, got %v", err)
	}
}

func TestMakeWay(t *testing.T) {
	_, _, err := MakeWay(ticketIn(Called), act(Call), now)
	var e *refusal.Error
	if !errors.As(err, &e) || e.Code != "ticket_pending" || !strings.Contains(e.Message, "A007 masih dipanggil") {
		t.Fatalf("called ticket at the counter: %v", err)
	}
	got, evs, err := MakeWay(ticketIn(Serving), act(Call), now)
	if err != nil || got.Status != Done || !got.FinishedAt.Equal(now) || len(evs) != 1 || evs[0].Kind != EvDone {
		t.Fatalf("served ticket is finished by the next call: %+v %v %v", got, evs, err)
	}
}

func TestLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, st := range Statuses {
		l := StatusLabel(st)
		if l == st || seen[l] {
			t.Errorf("status %s has no label of its own (%q)", st, l)
		}
		seen[l] = true
	}
	for _, k := range Kinds {
		if strings.HasPrefix(k.String(), "Kind(") {
			t.Errorf("action %d has no name", int(k))
		}
	}
	if got := fmt.Sprint(Kind(99)); got != "Kind(99)" {
		t.Errorf("unknown kind prints %q", got)
	}
}
