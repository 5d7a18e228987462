package hub

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// TestStreamResume cuts the event stream twice while tickets are being
// issued and audit and CSO events are written between them (the hub drops
// its streams, then the hub process is replaced by a new one on the same
// port, state dir and store) and checks, for each kind of device, that the
// client's channel carries exactly the events that device may see, each
// once, in order: events left out never look like a gap, and none is lost
// across the cuts.
func TestStreamResume(t *testing.T) {
	screen := func(e store.Event) bool {
		for _, p := range []string{"ticket.", "counter.", "service.", "setting.saved", "office.setup", "calendar.changed"} {
			if strings.HasPrefix(e.Kind, p) {
				return true
			}
		}
		return false
	}
	cases := []struct {
		name  string
		kind  string
		admin bool // an admin logs in through the device first
		want  func(store.Event) bool
	}{
		{"counter with admin", KindCounter, true, func(store.Event) bool { return true }},
		{"counter", KindCounter, false, func(e store.Event) bool { return !strings.HasPrefix(e.Kind, "auth.") }},
		{"display", KindDisplay, false, screen},
		{"survey", KindSurvey, false, screen},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streamResume(t, tc.kind, tc.admin, tc.want)
		})
	}
}

func streamResume(t *testing.T, kind string, admin bool, want func(store.Event) bool) {
	st, _ := newOffice(t)
	st.Now = time.Now // a moving clock: tickets are issued over real time
	local := office.NewLocal(st)
	ctx := context.Background()
	adm, err := office.FirstRun(ctx, local, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	svcs, err := local.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	h := startHub(t, dir, local, "127.0.0.1:0")
	addr := h.addr
	c := newClient(t, pairAs(t, h, "Perangkat", kind))
	if admin {
		if _, err := c.Login(ctx, "admin", "rahasia1"); err != nil {
			t.Fatal(err)
		}
	}
	c.MaxBackoff = 100 * time.Millisecond
	var mu sync.Mutex
	losses := 0
	c.OnStreamState = func(err error) {
		if err != nil {
			mu.Lock()
			losses++
			mu.Unlock()
		}
	}

	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, err := c.Subscribe(sctx, 0)
	if err != nil {
		t.Fatal(err)
	}

	// Writer: tickets straight into the hub's service, whatever the link,
	// with failed logins (auth.*) and CSO categories (cso.*) between them.
	const total = 300
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < total; i++ {
			if _, err := local.IssueTicket(ctx, svcs[i%len(svcs)].ID, ""); err != nil {
				t.Error(err)
				return
			}
			switch i % 10 {
			case 3:
				_, _ = local.Login(ctx, "fo1", "salah") // refused: an auth.* event
			case 7:
				if _, err := local.SaveCSOCategory(ctx, adm.ID, store.CSOCategory{Name: fmt.Sprintf("Kategori %d", i),
					Position: 100 + i, Active: true}); err != nil {
					t.Error(err)
					return
				}
			}
			time.Sleep(3 * time.Millisecond)
		}
		// The newest events are ones a screen does not see: its stream
		// must still end up past them.
		_, _ = local.Login(ctx, "fo2", "salah")
	}()

	var got []store.Event
	recv := func(n int) {
		t.Helper()
		timeout := time.After(15 * time.Second)
		for len(got) < n {
			select {
			case e, ok := <-ch:
				if !ok {
					t.Fatal("channel closed before ctx ended")
				}
				got = append(got, e)
			case <-timeout:
				t.Fatalf("stalled at %d events", len(got))
			}
		}
	}
	recv(40)
	h.srv.dropStreams() // cut 1: the hub drops every stream
	recv(len(got) + 40)
	h.stop() // cut 2: the hub goes away ...
	time.Sleep(150 * time.Millisecond)
	h2 := startHub(t, dir, local, addr) // ... and comes back
	recv(len(got) + 40)
	wg.Wait()
	all, err := st.EventsAfter(ctx, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	var wantSeqs []int64
	kinds := map[string]int{}
	for _, e := range all {
		kinds[strings.SplitN(e.Kind, ".", 2)[0]]++
		if want(e) {
			wantSeqs = append(wantSeqs, e.Seq)
		}
	}
	if kinds["auth"] == 0 || kinds["cso"] == 0 || kinds["ticket"] < total {
		t.Fatalf("the office's log lacks the events this test is about: %v", kinds)
	}
	recv(len(wantSeqs))
	for i, e := range got {
		if e.Seq != wantSeqs[i] {
			t.Fatalf("event %d has seq %d, want %d: gap, repeat or an event this device may not see (%s)",
				i, e.Seq, wantSeqs[i], e.Kind)
		}
		if kind != KindCounter {
			if e.OfficerID != "" {
				t.Fatalf("%s event %d carries officer %s", kind, e.Seq, e.OfficerID)
			}
			for k := range e.Data {
				if !screenData[k] {
					t.Fatalf("%s event %d (%s) carries data %q", kind, e.Seq, e.Kind, k)
				}
			}
		}
		if _, ok := e.Data["session"]; ok {
			t.Fatalf("event %d carries a session id", e.Seq)
		}
	}
	issued := 0
	for _, e := range got {
		if e.Kind == store.EvTicketIssued {
			issued++
		}
	}
	if issued != total {
		t.Fatalf("%d issued events, want %d", issued, total)
	}
	mu.Lock()
	if losses < 2 {
		t.Errorf("stream lost %d times, want the two cuts", losses)
	}
	mu.Unlock()
	// A third cut after the last, hidden, events: the resume point is
	// past them, so nothing comes back and nothing is missing.
	h2.srv.dropStreams()
	if _, err := local.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	last, err := st.LastEventSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recv(len(got) + 1)
	if e := got[len(got)-1]; e.Seq != last || e.Kind != store.EvTicketIssued {
		t.Fatalf("after the cut got %d %s, want the new ticket %d", e.Seq, e.Kind, last)
	}
	select {
	case e := <-ch:
		t.Fatalf("extra event %d", e.Seq)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	for range ch { // closes once ctx ended
	}
}

// TestStreamLiveOnly: afterSeq -1 starts at the newest event, and a cut
// before any new event still resumes from there (the hub's ready message
// carries the resume point).
func TestStreamLiveOnly(t *testing.T) {
	st, _ := newOffice(t)
	st.Now = time.Now
	local := office.NewLocal(st)
	ctx := context.Background()
	if _, err := office.FirstRun(ctx, local, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
	svcs, _ := local.Services(ctx)
	h := startHub(t, t.TempDir(), local, "127.0.0.1:0")
	c := newClient(t, pair(t, h, "Layar"))
	c.MaxBackoff = 50 * time.Millisecond
	lost := make(chan struct{}, 1)
	c.OnStreamState = func(err error) {
		if err != nil {
			select {
			case lost <- struct{}{}:
			default:
			}
		}
	}
	before, _ := st.LastEventSeq(ctx)
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, err := c.Subscribe(sctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	h.srv.dropStreams()
	<-lost
	// Written while the device is disconnected: must still arrive.
	tk, err := local.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-ch:
		if e.Seq != before+1 || e.TicketID != tk.ID {
			t.Fatalf("got %d %s, want %d", e.Seq, e.Kind, before+1)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("event written during the cut never arrived")
	}
}

// TestStreamIdleWatchdog: a hub that stops sending (not even heartbeats)
// is dropped and reconnected to.
func TestStreamIdleWatchdog(t *testing.T) {
	st, _ := newOffice(t)
	local := office.NewLocal(st)
	h := startHub(t, t.TempDir(), local, "127.0.0.1:0")
	h.srv.Heartbeat = time.Hour // silent
	c := newClient(t, pair(t, h, "Layar"))
	c.StreamIdle = 200 * time.Millisecond
	c.MaxBackoff = 50 * time.Millisecond
	states := make(chan error, 8)
	c.OnStreamState = func(err error) {
		select {
		case states <- err:
		default:
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := c.Subscribe(ctx, -1); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-states:
		if err == nil {
			t.Fatal("first state should be the loss")
		}
	case <-time.After(3 * time.Second):
		t.Fatal("silent stream never dropped")
	}
	select {
	case err := <-states:
		if err != nil {
			t.Fatalf("reconnect: %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("never reconnected")
	}
}
