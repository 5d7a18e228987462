package hub

import (
	"context"
	"fmt"
	"testing"
	"time"

	"loket/store"
)

// TestChunkFrom: a stream that joined the shared feed mid-batch sends
// only the messages after its own point.
func TestChunkFrom(t *testing.T) {
	evs := []store.Event{{Seq: 5, Kind: store.EvTicketIssued}, {Seq: 6, Kind: "auth.login"}, {Seq: 7, Kind: store.EvTicketIssued}}
	c, err := encodeChunk(evs, streamFilter{kind: KindDisplay})
	if err != nil {
		t.Fatal(err)
	}
	msg5, err := appendEvent(nil, 5, evs[0])
	if err != nil {
		t.Fatal(err)
	}
	msg7, err := appendEvent(nil, 7, evs[2])
	if err != nil {
		t.Fatal(err)
	}
	if want := string(msg5) + string(msg7); string(c.data) != want {
		t.Fatalf("chunk %q, want %q", c.data, want)
	}
	for _, tc := range []struct {
		last int64
		want string
	}{
		{0, string(msg5) + string(msg7)},
		{4, string(msg5) + string(msg7)},
		{5, string(msg7)},
		{6, string(msg7)},
		{7, ""},
		{9, ""},
	} {
		t.Run(fmt.Sprint(tc.last), func(t *testing.T) {
			if got := string(c.from(tc.last)); got != tc.want {
				t.Fatalf("from(%d) = %q, want %q", tc.last, got, tc.want)
			}
		})
	}
	// A batch ending with events the filter skips ends with their seq.
	c, err = encodeChunk(evs[:2], streamFilter{kind: KindDisplay})
	if err != nil {
		t.Fatal(err)
	}
	if want := string(msg5) + "event: skip\nid: 6\n\n"; string(c.data) != want {
		t.Fatalf("chunk %q, want %q", c.data, want)
	}
}

// TestSharedFeedStreams: counter PCs and displays, opened before and in
// the middle of a run of writes, each receive every event of their kind
// exactly once and in order, whether they ride the shared feed or keep
// falling off it (a mailbox limit so small that every batch drops them
// to their own subscription).
func TestSharedFeedStreams(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pending int64
	}{{"shared feed", feedMaxPending.Load()}, {"always dropped", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			// Atomic: the hub's feed goroutine may still read it while
			// the subtest ends.
			old := feedMaxPending.Swap(tc.pending)
			defer feedMaxPending.Store(old)
			h, local, st, _ := demoHub(t, nil)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			svcs, err := local.Services(ctx)
			if err != nil {
				t.Fatal(err)
			}
			from, err := st.LastEventSeq(ctx)
			if err != nil {
				t.Fatal(err)
			}
			type follower struct {
				kind string
				ch   <-chan store.Event
			}
			open := func(kind string) follower {
				c := newClient(t, pairAs(t, h, "Perangkat "+kind, kind))
				ch, err := c.Subscribe(ctx, from)
				if err != nil {
					t.Fatal(err)
				}
				return follower{kind, ch}
			}
			fs := []follower{open(KindCounter), open(KindDisplay), open(KindDisplay)}
			const n = 60
			for i := range n {
				if i == n/2 { // late streams: they catch up, then join while the writes go on
					fs = append(fs, open(KindCounter), open(KindDisplay))
				}
				if _, err := local.IssueTicket(ctx, svcs[i%len(svcs)].ID, ""); err != nil {
					t.Fatal(err)
				}
				if i%10 == 0 {
					_, _ = local.Login(ctx, "fo1", "salah") // an audit event neither kind carries here
				}
				time.Sleep(2 * time.Millisecond)
			}
			last, err := st.LastEventSeq(ctx)
			if err != nil {
				t.Fatal(err)
			}
			evs, err := st.EventsAfter(ctx, from, 10000)
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range fs {
				var want []int64
				for _, e := range evs {
					if _, keep := (streamFilter{kind: f.kind}).apply(e); keep {
						want = append(want, e.Seq)
					}
				}
				var got []int64
				timeout := time.After(15 * time.Second)
				for len(got) < len(want) {
					select {
					case e := <-f.ch:
						got = append(got, e.Seq)
					case <-timeout:
						t.Fatalf("stream %d (%s): %d of %d events by the last seq %d", i, f.kind, len(got), len(want), last)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("stream %d (%s) received\n%v\nwant\n%v", i, f.kind, got, want)
				}
				select {
				case e := <-f.ch:
					t.Fatalf("stream %d (%s): an event past the last: %d", i, f.kind, e.Seq)
				case <-time.After(50 * time.Millisecond):
				}
			}
		})
	}
}
