package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"loket/store"
)

// readSSE runs the client's stream reader (readStream) over body as if a
// hub had sent it, starting after seq last, and returns what it delivered,
// whether it saw the ready message, the position it ended at and why it
// stopped.
func readSSE(body []byte, last int64) (events []store.Event, healthy bool, end int64, err error) {
	c := &Client{log: slog.New(slog.DiscardHandler), StreamIdle: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conn := &streamConn{resp: &http.Response{Body: io.NopCloser(bytes.NewReader(body))}, cancel: cancel}
	out := make(chan store.Event)
	got := make(chan []store.Event)
	go func() {
		var evs []store.Event
		for e := range out {
			evs = append(evs, e)
		}
		got <- evs
	}()
	healthy, err = c.readStream(ctx, conn, &last, out)
	close(out)
	return <-got, healthy, last, err
}

// sseEvents is a stream as the hub's server writes it: the ready message
// after after, then each event, with a heartbeat between.
func sseEvents(t testing.TB, after int64, evs ...store.Event) []byte {
	t.Helper()
	buf := fmt.Appendf(nil, "event: ready\nid: %d\ndata: {\"after\":%d}\n\n", after, after)
	for _, e := range evs {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		buf = fmt.Appendf(buf, "id: %d\ndata: %s\n\n: ping\n\n", e.Seq, data)
	}
	return buf
}

// The reader delivers what the server wrote, in order, once.
func TestReadSSERoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	evs := []store.Event{
		{Seq: 4, ID: "e4", Office: "KPPN019", At: at, Kind: store.EvTicketIssued, TicketID: "t1", Data: map[string]string{"number": "A001"}},
		{Seq: 5, ID: "e5", Office: "KPPN019", At: at, Kind: store.EvTicketCalled, TicketID: "t1", Data: map[string]string{"note": "baris\nbaru"}},
	}
	for _, tc := range []struct {
		name  string
		after int64
		want  []store.Event
	}{
		{"resume after 3", 3, evs},
		{"resume after 4 skips the overlap", 4, evs[1:]},
		{"live only", -1, evs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, healthy, end, err := readSSE(sseEvents(t, 3, evs...), tc.after)
			if err != io.ErrUnexpectedEOF {
				t.Errorf("end of stream: %v, want io.ErrUnexpectedEOF", err)
			}
			if !healthy {
				t.Error("ready message not seen")
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d events, want %d: %+v", len(got), len(tc.want), got)
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Seq != w.Seq || g.ID != w.ID || !g.At.Equal(w.At) || g.Kind != w.Kind || g.Data["number"] != w.Data["number"] || g.Data["note"] != w.Data["note"] {
					t.Errorf("event %d: %+v, want %+v", i, g, w)
				}
			}
			if end != 5 {
				t.Errorf("ended at %d, want 5", end)
			}
		})
	}
}

// FuzzSSEReader feeds the client's event-stream reader what a broken or
// hostile hub (or a proxy in between) could send. It must never panic or
// hang, must always report why the stream ended, and must deliver events
// only in increasing Seq order after the position it started from, ending
// at the last one it delivered.
func FuzzSSEReader(f *testing.F) {
	at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	f.Add(sseEvents(f, 3,
		store.Event{Seq: 4, ID: "e4", Office: "KPPN019", At: at, Kind: store.EvTicketIssued, TicketID: "t1"},
		store.Event{Seq: 5, ID: "e5", Office: "KPPN019", At: at, Kind: store.EvTicketCalled, Data: map[string]string{"counter": "2"}}), int64(3))
	f.Add([]byte("event: ready\ndata: {}\n\n"), int64(-1))
	f.Add([]byte("event: ready\nid: 9\ndata: {\"after\":9}\n\nid: 10\ndata: {\"seq\":10,\ndata: \"kind\":\"ticket.issued\"}\n\n"), int64(-1))
	f.Add([]byte("id: 2\ndata: {\"seq\":2}\n\nid: 1\ndata: {\"seq\":1}\n\nid: 2\ndata: {\"seq\":2}\n\n"), int64(0))
	f.Add([]byte(": ping\n\n: ping\n\n"), int64(7))
	f.Add([]byte("data: {\"seq\":\"x\"}\n\n"), int64(-1))
	f.Add([]byte("data:{\"seq\":3}\r\n\r\n"), int64(-1))
	f.Add([]byte("data: {\"seq\":4}"), int64(-1))
	f.Add([]byte("event: ready\nid: -5\n\ndata: {\"seq\":-3}\n\n"), int64(-1))
	f.Fuzz(func(t *testing.T, body []byte, after int64) {
		if after < -1 {
			after = -1 // Subscribe's bound
		}
		done := make(chan struct{})
		var (
			got     []store.Event
			end     int64
			readErr error
		)
		go func() {
			defer close(done)
			got, _, end, readErr = readSSE(body, after)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the reader did not return within 10 s")
		}
		if readErr == nil {
			t.Fatal("the stream ended with no reason given")
		}
		prev := after
		for i, e := range got {
			if e.Seq <= prev || e.Seq < 0 {
				t.Fatalf("event %d has seq %d after %d", i, e.Seq, prev)
			}
			prev = e.Seq
		}
		if len(got) > 0 && end != got[len(got)-1].Seq {
			t.Fatalf("ended at %d, last delivered %d", end, got[len(got)-1].Seq)
		}
	})
}
