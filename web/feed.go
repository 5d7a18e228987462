package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"time"

	"loket/office"
	"loket/queue"
	"loket/store"
	"loket/voice"
)

// feed is the one subscription to the office's events that every open
// page shares: however many phones watch, the hub reads each event once,
// and after a burst of events it reads the day's tickets once to
// recompute every page's position and counts (snapshot). It runs only
// while someone watches.
type feed struct {
	svc    office.Service
	log    *slog.Logger
	now    func() time.Time
	settle time.Duration

	mu      sync.Mutex
	phones  map[string]map[*watcher]struct{} // by ticket id
	boards  map[*watcher]struct{}
	running bool
	cancel  context.CancelFunc
	done    chan struct{}

	snapMu sync.Mutex // one snapshot read at a time
	snap   *snapshot
	stale  bool
}

// message is one SSE message: its event name and JSON data.
type message struct {
	event string
	data  []byte
}

// watcher is one open page. Messages that do not fit are dropped: the
// next state message supersedes them.
type watcher struct {
	ch   chan message
	last []byte // the last state sent, so unchanged states are not resent
}

func newFeed(svc office.Service, log *slog.Logger, now func() time.Time, settle time.Duration) *feed {
	return &feed{svc: svc, log: log, now: now, settle: settle,
		phones: map[string]map[*watcher]struct{}{}, boards: map[*watcher]struct{}{}}
}

// watchTicket registers a phone page of one ticket.
// first is the state the page was sent already.
func (f *feed) watchTicket(id string, first []byte) (*watcher, func()) {
	w := &watcher{ch: make(chan message, 16), last: first}
	f.mu.Lock()
	if f.phones[id] == nil {
		f.phones[id] = map[*watcher]struct{}{}
	}
	f.phones[id][w] = struct{}{}
	f.startLocked()
	f.mu.Unlock()
	return w, func() {
		f.mu.Lock()
		delete(f.phones[id], w)
		if len(f.phones[id]) == 0 {
			delete(f.phones, id)
		}
		f.stopIfIdleLocked()
		f.mu.Unlock()
	}
}

// watchBoard registers a display page.
func (f *feed) watchBoard(first []byte) (*watcher, func()) {
	w := &watcher{ch: make(chan message, 16), last: first}
	f.mu.Lock()
	f.boards[w] = struct{}{}
	f.startLocked()
	f.mu.Unlock()
	return w, func() {
		f.mu.Lock()
		delete(f.boards, w)
		f.stopIfIdleLocked()
		f.mu.Unlock()
	}
}

func (f *feed) startLocked() {
	if f.running {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.running, f.cancel, f.done = true, cancel, make(chan struct{})
	go f.run(ctx, f.done)
}

func (f *feed) stopIfIdleLocked() {
	if f.running && len(f.phones) == 0 && len(f.boards) == 0 {
		f.cancel()
		f.running = false
	}
}

// run follows the office's events until ctx ends.
func (f *feed) run(ctx context.Context, done chan struct{}) {
	defer close(done)
	for ctx.Err() == nil {
		ch, err := f.svc.Subscribe(ctx, -1)
		if err != nil {
			f.log.Warn("web: subscribe", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
			continue
		}
		f.follow(ctx, ch)
	}
}

func (f *feed) follow(ctx context.Context, ch <-chan store.Event) {
	// A first push at once: pages opened before the subscription may
	// have been sent a snapshot read before it.
	f.snapMu.Lock()
	f.stale = true
	f.snapMu.Unlock()
	timer := time.NewTimer(f.settle)
	armed := true
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-ch:
			if !ok {
				return
			}
			switch e.Kind {
			case store.EvTicketCalled, store.EvTicketRecalled:
				f.pushCall(e)
			}
			f.snapMu.Lock()
			f.stale = true
			f.snapMu.Unlock()
			if !armed {
				timer.Reset(f.settle)
				armed = true
			}
		case <-timer.C:
			armed = false
			f.pushStates(ctx)
		}
	}
}

// callView is a call as the pages show and say it.
type callView struct {
	TicketID string   `json:"-"`
	Number   string   `json:"number"`
	Counter  string   `json:"counter"`
	Clips    []string `json:"clips,omitempty"`
	Active   bool     `json:"active"`
}

func (f *feed) pushCall(e store.Event) {
	c := callView{TicketID: e.TicketID, Number: e.Data["number"], Counter: e.Data["counter"], Active: true}
	if clips, err := voice.CallSequence(c.Number, c.Counter); err == nil {
		c.Clips = clips
	}
	b, _ := json.Marshal(c)
	m := message{event: "call", data: b}
	f.mu.Lock()
	for w := range f.boards {
		send(w, m)
	}
	for w := range f.phones[e.TicketID] {
		send(w, m)
	}
	f.mu.Unlock()
}

func send(w *watcher, m message) {
	select {
	case w.ch <- m:
	default:
	}
}

// pushStates recomputes the snapshot and sends every page its state when
// it changed.
func (f *feed) pushStates(ctx context.Context) {
	snap, err := f.current(ctx)
	if err != nil {
		f.log.Warn("web: snapshot", "err", err)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.boards) > 0 {
		b, _ := json.Marshal(snap.board())
		for w := range f.boards {
			if string(w.last) != string(b) {
				w.last = b
				send(w, message{event: "board", data: b})
			}
		}
	}
	for id, ws := range f.phones {
		st, ok := snap.phone(id)
		if !ok {
			continue
		}
		b, _ := json.Marshal(st)
		for w := range ws {
			if string(w.last) != string(b) {
				w.last = b
				send(w, message{event: "state", data: b})
			}
		}
	}
}

// current is the snapshot, read again when events made it stale or it is
// older than a few seconds (no subscription runs while nobody watches).
func (f *feed) current(ctx context.Context) (*snapshot, error) {
	f.snapMu.Lock()
	defer f.snapMu.Unlock()
	now := f.now()
	f.mu.Lock()
	running := f.running
	f.mu.Unlock()
	maxAge := 2 * time.Second
	if running {
		maxAge = time.Minute // events mark it stale; the wait estimates still age
	}
	if f.snap != nil && !f.stale && now.Sub(f.snap.at) < maxAge {
		return f.snap, nil
	}
	f.stale = false
	snap, err := readSnapshot(ctx, f.svc, now)
	if err != nil {
		f.stale = true
		return nil, err
	}
	f.snap = snap
	return snap, nil
}

// snapshot is what every page shows, from one read of the office.
type snapshot struct {
	at       time.Time
	office   store.Office
	services map[string]store.Service
	counters map[string]store.Counter
	order    []store.Service
	today    []store.Ticket
	byID     map[string]int
	running  string

	// idx is what every phone's state needs, built once per snapshot, so
	// a push to hundreds of phones costs one pass over the day's tickets
	// and a binary search per phone, not three passes per phone.
	idxOnce sync.Once
	idx     map[string]*serviceIndex
	estMu   sync.Mutex
}

// serviceIndex holds one service's waiting tickets in arrival order.
type serviceIndex struct {
	waiting  []time.Time // QueuedAt of every waiting ticket, sorted
	priority []time.Time // of the waiting priority tickets, sorted
	unit     time.Duration
	unitSet  bool
}

func (s *snapshot) index() map[string]*serviceIndex {
	s.idxOnce.Do(func() {
		s.idx = map[string]*serviceIndex{}
		for _, t := range s.today {
			if t.Status != store.StatusWaiting {
				continue
			}
			x := s.idx[t.ServiceID]
			if x == nil {
				x = &serviceIndex{}
				s.idx[t.ServiceID] = x
			}
			x.waiting = append(x.waiting, t.QueuedAt)
			if t.IsPriority() {
				x.priority = append(x.priority, t.QueuedAt)
			}
		}
		for _, x := range s.idx {
			slices.SortFunc(x.waiting, time.Time.Compare)
			slices.SortFunc(x.priority, time.Time.Compare)
		}
	})
	return s.idx
}

// ahead is queue.Ahead from the index: the waiting tickets of t's service
// that arrived before it (only priority ones for a priority ticket).
func (x *serviceIndex) ahead(t store.Ticket) int {
	list := x.waiting
	if t.IsPriority() {
		list = x.priority
	}
	n, _ := slices.BinarySearchFunc(list, t.QueuedAt, time.Time.Compare)
	return n
}

func readSnapshot(ctx context.Context, svc office.Service, now time.Time) (*snapshot, error) {
	off, err := svc.Office(ctx)
	if err != nil {
		return nil, err
	}
	svcs, err := svc.Services(ctx)
	if err != nil {
		return nil, err
	}
	ctrs, err := svc.Counters(ctx)
	if err != nil {
		return nil, err
	}
	today, err := svc.TicketsToday(ctx)
	if err != nil {
		return nil, err
	}
	running, err := svc.Setting(ctx, store.SettingRunningText)
	if err != nil {
		running = ""
	}
	s := &snapshot{at: now, office: off, services: map[string]store.Service{}, counters: map[string]store.Counter{},
		today: today, byID: make(map[string]int, len(today)), running: running}
	for _, sv := range svcs {
		s.services[sv.ID] = sv
		if sv.Active {
			s.order = append(s.order, sv)
		}
	}
	for _, c := range ctrs {
		s.counters[c.ID] = c
	}
	for i, t := range today {
		s.byID[t.ID] = i
	}
	return s, nil
}

// estimate is queue.EstimateWait for ahead people: the service's time per
// person (its average service time over the counters calling it), worked
// out once per snapshot and service (under estMu: pages read a snapshot
// concurrently).
func (s *snapshot) estimate(x *serviceIndex, serviceID string, ahead int) time.Duration {
	s.estMu.Lock()
	if !x.unitSet {
		x.unit, x.unitSet = queue.EstimateWait(s.today, serviceID, 1, s.at), true
	}
	unit := x.unit
	s.estMu.Unlock()
	return time.Duration(ahead) * unit
}

// phoneState is what the phone page shows of its ticket.
type phoneState struct {
	Number   string `json:"number"`
	Service  string `json:"service"`
	Status   string `json:"status"`
	Headline string `json:"headline"`
	Detail   string `json:"detail"`
	Position int    `json:"position,omitempty"`
	Wait     string `json:"wait,omitempty"`
	Counter  string `json:"counter,omitempty"`
	// Waiting is how many wait for the service in all: a count, the only
	// thing the page tells of other tickets.
	Waiting int  `json:"waiting"`
	Called  bool `json:"called"`
	Final   bool `json:"final"`
}

func (s *snapshot) ticket(id string) (store.Ticket, bool) {
	i, ok := s.byID[id]
	if !ok {
		return store.Ticket{}, false
	}
	return s.today[i], true
}

func (s *snapshot) counterLabel(id string) string {
	c, ok := s.counters[id]
	if !ok {
		return ""
	}
	return strconv.Itoa(c.Number)
}

// phone is the state of ticket id (false when it is not one of today's).
func (s *snapshot) phone(id string) (phoneState, bool) {
	t, ok := s.ticket(id)
	if !ok {
		return phoneState{}, false
	}
	return s.phoneOf(t), true
}

func (s *snapshot) phoneOf(t store.Ticket) phoneState {
	st := phoneState{Number: t.Code(), Service: s.services[t.ServiceID].Name, Status: t.Status}
	s.index()
	x := s.idx[t.ServiceID]
	if x == nil {
		x = &serviceIndex{}
	}
	st.Waiting = len(x.waiting)
	switch t.Status {
	case store.StatusWaiting:
		ahead := x.ahead(t)
		st.Position = ahead + 1
		st.Headline = "Posisi ke-" + strconv.Itoa(st.Position)
		if ahead == 0 {
			st.Detail = "Anda berikutnya. Mohon bersiap di ruang tunggu."
		} else {
			st.Detail = strconv.Itoa(ahead) + " orang menunggu di depan Anda."
		}
		st.Wait = waitText(s.estimate(x, t.ServiceID, ahead))
	case store.StatusCalled:
		st.Called, st.Counter = true, s.counterLabel(t.CounterID)
		st.Headline = "Silakan ke Loket " + st.Counter
		st.Detail = "Nomor Anda sedang dipanggil."
	case store.StatusServing:
		st.Counter = s.counterLabel(t.CounterID)
		st.Headline = "Sedang dilayani di Loket " + st.Counter
		st.Detail = "Terima kasih telah menunggu."
	case store.StatusDone:
		st.Final, st.Headline, st.Detail = true, "Layanan selesai", "Terima kasih atas kunjungan Anda."
	case store.StatusNoShow:
		st.Final, st.Headline = true, "Nomor Anda terlewat"
		st.Detail = "Nomor dipanggil saat Anda tidak ada. Silakan hubungi petugas di meja informasi."
	case store.StatusCancelled:
		st.Final, st.Headline, st.Detail = true, "Nomor dibatalkan", "Silakan hubungi petugas di meja informasi."
	default:
		st.Headline = store.StatusLabel(t.Status)
	}
	return st
}

// boardState is what the browser display shows.
type boardState struct {
	Office  string      `json:"office"`
	Latest  *callView   `json:"latest,omitempty"`
	Recent  []callView  `json:"recent"`
	Counts  []countView `json:"counts"`
	Running string      `json:"running"`
	Total   int         `json:"total"`
}

type countView struct {
	Service string `json:"service"`
	Prefix  string `json:"prefix"`
	Waiting int    `json:"waiting"`
}

// maxRecent is how many calls the display lists besides the latest.
const maxRecent = 5

func (s *snapshot) board() boardState {
	b := boardState{Office: s.office.Name, Running: s.running, Recent: []callView{}, Counts: []countView{}}
	var called []store.Ticket
	waiting := map[string]int{}
	for _, t := range s.today {
		if !t.CalledAt.IsZero() && t.CounterID != "" {
			called = append(called, t)
		}
		if t.Status == store.StatusWaiting {
			waiting[t.ServiceID]++
			b.Total++
		}
	}
	slices.SortFunc(called, func(a, c store.Ticket) int { return c.CalledAt.Compare(a.CalledAt) })
	for i, t := range called {
		if i > maxRecent {
			break
		}
		v := callView{Number: t.Code(), Counter: s.counterLabel(t.CounterID),
			Active: t.Status == store.StatusCalled || t.Status == store.StatusServing}
		if i == 0 {
			b.Latest = &v
			continue
		}
		b.Recent = append(b.Recent, v)
	}
	for _, sv := range s.order {
		b.Counts = append(b.Counts, countView{Service: sv.Name, Prefix: sv.Prefix, Waiting: waiting[sv.ID]})
	}
	return b
}

// waitText says an estimated wait the way people say it.
func waitText(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 1:
		return "kurang dari 1 menit"
	case m < 60:
		return "sekitar " + strconv.Itoa(m) + " menit"
	case m%60 == 0:
		return "sekitar " + strconv.Itoa(m/60) + " jam"
	default:
		return "sekitar " + strconv.Itoa(m/60) + " jam " + strconv.Itoa(m%60) + " menit"
	}
}
