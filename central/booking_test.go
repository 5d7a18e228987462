package central_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"loket/booking"
	"loket/central"
	"loket/store"
	"loket/tlspin"
)

// bookingDB opens a central store of the backend as a BookingDB with one
// office provisioned.
func bookingDB(t testing.TB, be backend, office string) (central.DB, central.BookingDB) {
	t.Helper()
	db := openDB(t, be.dsn(t))
	t.Cleanup(func() { db.Close() })
	_, hash, _ := central.NewToken()
	if err := db.AddOffice(context.Background(), office, "KPPN "+office, hash); err != nil {
		t.Fatal(err)
	}
	bdb, ok := db.(central.BookingDB)
	if !ok {
		t.Fatalf("%s store is no BookingDB", be.name)
	}
	return db, bdb
}

var slot0 = time.Date(2027, 3, 1, 1, 0, 0, 0, time.UTC) // 08:00 WIB

func req(office, service, phone string, start time.Time, priority bool, quota, percent int) central.BookingRequest {
	reg, total := booking.Caps(quota, percent)
	return central.BookingRequest{Office: office, ServiceID: service, ServiceName: "Layanan " + service,
		SlotStart: start, SlotEnd: start.Add(30 * time.Minute), Day: start.Format("2006-01-02"), Name: "Budi",
		PhoneHash: booking.HashPhone(phone), PhoneMasked: booking.MaskPhone(phone), Priority: priority,
		RegularCap: reg, TotalCap: total}
}

func phone(i int) string { return fmt.Sprintf("0812%08d", i) }

func TestBookingCapacityAndPriorityShare(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			_, bdb := bookingDB(t, be, "K1")
			// Quota 4 with 25% for priority: 3 regular places, 1 kept.
			var regular []central.Booking
			for i := range 3 {
				b, err := bdb.Book(ctx, req("K1", "S1", phone(i), slot0, false, 4, 25))
				if err != nil {
					t.Fatalf("regular booking %d: %v", i, err)
				}
				regular = append(regular, b)
			}
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(3), slot0, false, 4, 25)); !errors.Is(err, central.ErrSlotFull) {
				t.Fatalf("4th regular booking: %v, want ErrSlotFull (the last place is kept for priority)", err)
			}
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(4), slot0, true, 4, 25)); err != nil {
				t.Fatalf("priority booking into the kept share: %v", err)
			}
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(5), slot0, true, 4, 25)); !errors.Is(err, central.ErrSlotFull) {
				t.Fatalf("5th booking: %v, want ErrSlotFull", err)
			}
			uses, err := bdb.SlotUses(ctx, "K1", "S1", slot0, slot0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got := uses[slot0]; got != (central.SlotUse{Regular: 3, Priority: 1}) {
				t.Fatalf("slot use %+v, want 3 regular 1 priority", got)
			}
			if _, err := bdb.CancelBooking(ctx, regular[0].Code); err != nil {
				t.Fatal(err)
			}
			if _, err := bdb.CancelBooking(ctx, regular[0].Code); !errors.Is(err, central.ErrNotActive) {
				t.Fatalf("second cancel: %v, want ErrNotActive", err)
			}
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(3), slot0, false, 4, 25)); err != nil {
				t.Fatalf("regular booking after a cancel: %v", err)
			}
			n, err := bdb.CountBookings(ctx, "K1", booking.StatusBooked, slot0, slot0.Add(time.Hour))
			if err != nil || n != 4 {
				t.Fatalf("booked count %d (%v), want 4", n, err)
			}
		})
	}
}

func TestBookingOnePerPhoneAndMoveOnce(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			_, bdb := bookingDB(t, be, "K1")
			b, err := bdb.Book(ctx, req("K1", "S1", phone(1), slot0, false, 5, 0))
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Code) != booking.CodeLen || b.Status != booking.StatusBooked || b.PhoneMasked != "0812****0001" {
				t.Fatalf("booking %+v", b)
			}
			later := slot0.Add(2 * time.Hour)
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(1), later, false, 5, 0)); !errors.Is(err, central.ErrAlreadyBooked) {
				t.Fatalf("same phone, service and day: %v, want ErrAlreadyBooked", err)
			}
			if _, err := bdb.Book(ctx, req("K1", "S2", phone(1), later, false, 5, 0)); err != nil {
				t.Fatalf("same phone, another service: %v", err)
			}
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(1), slot0.AddDate(0, 0, 1), false, 5, 0)); err != nil {
				t.Fatalf("same phone, another day: %v", err)
			}
			// Fill the target slot, then try to move into it.
			full := slot0.Add(30 * time.Minute)
			if _, err := bdb.Book(ctx, req("K1", "S1", phone(9), full, false, 1, 0)); err != nil {
				t.Fatal(err)
			}
			reg, total := booking.Caps(1, 0)
			if _, err := bdb.MoveBooking(ctx, b.Code, central.SlotMove{SlotStart: full, SlotEnd: full.Add(30 * time.Minute),
				Day: b.Day, RegularCap: reg, TotalCap: total}); !errors.Is(err, central.ErrSlotFull) {
				t.Fatalf("move into a full slot: %v, want ErrSlotFull", err)
			}
			reg, total = booking.Caps(5, 0)
			moved, err := bdb.MoveBooking(ctx, b.Code, central.SlotMove{SlotStart: later, SlotEnd: later.Add(30 * time.Minute),
				Day: b.Day, RegularCap: reg, TotalCap: total})
			if err != nil {
				t.Fatal(err)
			}
			if !moved.Moved || !moved.SlotStart.Equal(later) || moved.Seq <= b.Seq {
				t.Fatalf("moved %+v", moved)
			}
			uses, _ := bdb.SlotUses(ctx, "K1", "S1", slot0, slot0.Add(3*time.Hour))
			if uses[slot0].Regular != 0 || uses[later].Regular != 1 {
				t.Fatalf("uses after move %+v: the old place must be freed, the new one taken", uses)
			}
			if _, err := bdb.MoveBooking(ctx, b.Code, central.SlotMove{SlotStart: slot0, SlotEnd: slot0.Add(30 * time.Minute),
				Day: b.Day, RegularCap: reg, TotalCap: total}); !errors.Is(err, central.ErrAlreadyMoved) {
				t.Fatalf("second move: %v, want ErrAlreadyMoved", err)
			}
			if _, err := bdb.BookingByCode(ctx, "ZZZZZZZZ"); !errors.Is(err, central.ErrNotFound) {
				t.Fatalf("unknown code: %v", err)
			}
		})
	}
}

// bookBurst books tries requests from as many goroutines released at
// once and tallies the answers: booked, refused as full, any other error.
// took runs from the release to the last answer.
func bookBurst(ctx context.Context, bdb central.BookingDB, tries int, request func(i int) central.BookingRequest) (ok, full int, other []error, took time.Duration) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	start := make(chan struct{})
	for i := range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := bdb.Book(ctx, request(i))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, central.ErrSlotFull):
				full++
			default:
				other = append(other, err)
			}
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	return ok, full, other, time.Since(t0)
}

// TestBookingConcurrentNoOverbooking books one slot from many goroutines
// at once: exactly the quota succeeds, the rest are refused as full, on
// both stores (PostgreSQL with real concurrent transactions).
func TestBookingConcurrentNoOverbooking(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			_, bdb := bookingDB(t, be, "K1")
			const quota, percent, tries = 25, 20, 200
			ok, full, other, _ := bookBurst(ctx, bdb, tries, func(i int) central.BookingRequest {
				return req("K1", "S1", phone(i), slot0, i%3 == 0, quota, percent)
			})
			if len(other) > 0 {
				t.Fatalf("%d unexpected errors, first: %v", len(other), other[0])
			}
			if ok != quota || full != tries-quota {
				t.Fatalf("%d booked, %d refused; want %d and %d", ok, full, quota, tries-quota)
			}
			n, err := bdb.CountBookings(ctx, "K1", "", slot0, slot0.Add(time.Minute))
			if err != nil || n != quota {
				t.Fatalf("stored bookings %d (%v), want %d", n, err, quota)
			}
			uses, _ := bdb.SlotUses(ctx, "K1", "S1", slot0, slot0.Add(time.Minute))
			reg, _ := booking.Caps(quota, percent)
			if u := uses[slot0]; u.Regular+u.Priority != quota || u.Regular > reg {
				t.Fatalf("counter %+v: total must be %d, regular at most %d", u, quota, reg)
			}
		})
	}
}

// TestBookingsSinceInCommitOrder: the cursor sees every change, in order,
// and marks from the office move a booking on.
func TestBookingsSinceAndMarks(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			_, bdb := bookingDB(t, be, "K1")
			_, _ = bdb.Book(ctx, req("K2", "S1", phone(50), slot0, false, 5, 0)) // another office's
			var codes []string
			for i := range 3 {
				b, err := bdb.Book(ctx, req("K1", "S1", phone(i), slot0, false, 5, 0))
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, b.Code)
			}
			list, err := bdb.BookingsSince(ctx, "K1", 0, 100)
			if err != nil || len(list) != 3 {
				t.Fatalf("since 0: %d (%v), want 3 of K1 only", len(list), err)
			}
			cursor := list[2].Seq
			if err := bdb.MarkBookings(ctx, "K1", []central.BookingMark{
				{Code: codes[0], Status: booking.StatusCheckedIn, TicketID: "K1-T1"},
				{Code: codes[1], Status: booking.StatusNoShow},
				{Code: codes[2], Status: booking.StatusCancelled}, // not the office's to say
			}); err != nil {
				t.Fatal(err)
			}
			if err := bdb.MarkBookings(ctx, "K2", []central.BookingMark{{Code: codes[2], Status: booking.StatusCheckedIn}}); err != nil {
				t.Fatal(err)
			}
			list, _ = bdb.BookingsSince(ctx, "K1", cursor, 100)
			if len(list) != 2 || list[0].Seq <= cursor {
				t.Fatalf("since %d: %+v, want the two marked", cursor, list)
			}
			got := map[string]string{}
			for _, b := range list {
				got[b.Code] = b.Status + "/" + b.CheckedInTicketID
			}
			if got[codes[0]] != "checked_in/K1-T1" || got[codes[1]] != "no_show/" {
				t.Fatalf("marked %v", got)
			}
			if b, _ := bdb.BookingByCode(ctx, codes[2]); b.Status != booking.StatusBooked {
				t.Fatalf("booking marked by another office or with a centre-only status: %s", b.Status)
			}
		})
	}
}

// bookingConfig is a configuration open on weekdays 08:00-12:00 with
// service sv at quota per slot.
func bookingConfig(sv store.Service, quota int) string {
	c := booking.DefaultConfig()
	c.Enabled = true
	c.Hours = "tutup;08:00-12:00;08:00-12:00;08:00-12:00;08:00-12:00;08:00-12:00;tutup"
	c.Services = []booking.ServiceQuota{{ID: sv.ID, Name: sv.Name, Quota: quota}}
	return c.Format()
}

// TestBookingExchange: the office's frequent exchange sends its
// configuration, pulls its bookings, pushes its check-ins; with the centre
// down it keeps its list and notes why, and a booking made meanwhile
// arrives on the next exchange.
func TestBookingExchange(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "K1")
			h := newHub(t, be, "K1", nil)
			bdb := h.db.(central.BookingDB)
			// An office that never offered bookings does not call the
			// centre at all (here: one that cannot be reached).
			nowhere := central.Config{URL: "https://127.0.0.1:1", Token: "x", Attempts: 1}
			if n, err := central.ExchangeBookings(ctx, o.st, nowhere); n != 0 || err != nil {
				t.Fatalf("exchange without bookings offered: %d, %v", n, err)
			}
			if err := o.st.SaveSetting(ctx, "", store.SettingBookingConfig, bookingConfig(o.service, 3)); err != nil {
				t.Fatal(err)
			}
			if err := o.st.SaveSetting(ctx, "", store.SettingBookingConfig, `{"enabled":true}`); err == nil {
				t.Fatal("an invalid configuration was saved")
			}
			b1, err := bdb.Book(ctx, req("K1", o.service.ID, phone(1), slot0, false, 3, 0))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := bdb.Book(ctx, req("K9", "X", phone(2), slot0, false, 3, 0)); err != nil {
				t.Fatal(err)
			}
			n, err := central.ExchangeBookings(ctx, o.st, h.cfg)
			if err != nil || n != 1 {
				t.Fatalf("exchange: %d (%v), want 1 booking", n, err)
			}
			confs, _ := bdb.BookingConfigs(ctx)
			if c, err := booking.Parse(confs["K1"]); err != nil || !c.Enabled || len(c.Services) != 1 || c.Services[0].ID != o.service.ID {
				t.Fatalf("configuration at the centre: %q (%v)", confs["K1"], err)
			}
			list, _ := o.st.PulledBookings(ctx, time.Time{}, time.Time{})
			if len(list) != 1 || list[0].Code != b1.Code || list[0].Status != booking.StatusBooked || list[0].Name != "Budi" ||
				!list[0].SlotStart.Equal(slot0) {
				t.Fatalf("office list %+v", list)
			}

			// The centre goes down: the exchange fails, the list stays.
			h.srv.Close()
			down := h.cfg
			down.Attempts, down.Timeout = 1, 2*time.Second
			if _, err := central.ExchangeBookings(ctx, o.st, down); err == nil {
				t.Fatal("exchange with the centre down succeeded")
			}
			ps, _ := o.st.BookingPullState(ctx)
			if ps.LastError == "" {
				t.Fatal("the failed exchange left no note for the admin")
			}
			if list, _ := o.st.PulledBookings(ctx, time.Time{}, time.Time{}); len(list) != 1 {
				t.Fatalf("office list after a failed exchange: %d bookings, want 1 kept", len(list))
			}
			// Meanwhile: a booking made at the centre, a check-in at the
			// office (as the kiosk writes it).
			b2, err := bdb.Book(ctx, req("K1", o.service.ID, phone(3), slot0, true, 3, 0))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := bdb.CancelBooking(ctx, b1.Code); err != nil {
				t.Fatal(err)
			}
			if err := checkInAtOffice(ctx, o.st, b1.Code, "K1-TICKET"); err != nil {
				t.Fatal(err)
			}
			marks, _ := o.st.BookingMarks(ctx)
			if len(marks) != 1 || marks[0].Code != b1.Code {
				t.Fatalf("marks to push %+v", marks)
			}

			// The centre is back on the same address.
			h2 := newHubOn(t, h, be)
			n, err = central.ExchangeBookings(ctx, o.st, h2.cfg)
			if err != nil {
				t.Fatal(err)
			}
			list, _ = o.st.PulledBookings(ctx, time.Time{}, time.Time{})
			got := map[string]string{}
			for _, b := range list {
				got[b.Code] = b.Status
			}
			if n != 1 || got[b2.Code] != booking.StatusBooked || got[b1.Code] != booking.StatusCheckedIn {
				t.Fatalf("after reconnecting: %d changed, %v; want the new booking and the office's check-in kept", n, got)
			}
			if marks, _ := o.st.BookingMarks(ctx); len(marks) != 0 {
				t.Fatalf("marks still pending after a good exchange: %+v", marks)
			}
			if ps, _ := o.st.BookingPullState(ctx); ps.LastError != "" || ps.Cursor == 0 {
				t.Fatalf("pull state %+v", ps)
			}
		})
	}
}

// newHubOn starts the centre again over h's store (a new address: the
// office's configuration follows it).
func newHubOn(t testing.TB, h *hub, _ backend) *hub {
	t.Helper()
	srv := httptest.NewTLSServer((&central.Server{DB: h.db, Logger: quiet}).Handler())
	t.Cleanup(srv.Close)
	cfg := h.cfg
	cfg.URL, cfg.PinSHA256 = srv.URL, tlspin.Fingerprint(srv.Certificate().Raw)
	return &hub{db: h.db, srv: srv, cfg: cfg, token: h.token}
}

// checkInAtOffice marks a booking checked in the way the kiosk does (its
// check-in belongs to the visitor's side of the office store): a write
// through its own connection to the office file.
func checkInAtOffice(ctx context.Context, st *store.Store, code, ticket string) error {
	var path string
	if err := st.DB().QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.ExecContext(ctx, `UPDATE office_bookings SET status = 'checked_in', checked_in_ticket_id = ?, updated_at = ?
		WHERE code = ?`, ticket, time.Now().UTC().Format(store.TimeLayout), code)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("check-in of %s changed %d rows", code, n)
	}
	return nil
}

// TestBookingJobPullsOften: the gocron job exchanges at once and again
// every period, so a booking made after it started reaches the office
// without the nightly sync.
func TestBookingJobPullsOften(t *testing.T) {
	be := backends[0]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := newOffice(t, "K1")
	h := newHub(t, be, "K1", nil)
	bdb := h.db.(central.BookingDB)
	if err := o.st.SaveSetting(ctx, "", store.SettingBookingConfig, bookingConfig(o.service, 3)); err != nil {
		t.Fatal(err)
	}
	job, err := central.ScheduleBookings(ctx, o.st, h.cfg, 100*time.Millisecond, quiet)
	if err != nil || job == nil {
		t.Fatalf("job %v, %v", job, err)
	}
	defer job.Shutdown()
	for i := range 2 {
		b, err := bdb.Book(ctx, req("K1", o.service.ID, phone(i), slot0, false, 3, 0))
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			list, _ := o.st.PulledBookings(ctx, time.Time{}, time.Time{})
			if len(list) == i+1 && list[len(list)-1].Code == b.Code || len(list) == i+1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("booking %d did not reach the office within 10 s (list %+v)", i, list)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if j, err := central.ScheduleBookings(ctx, o.st, central.Config{}, 0, quiet); j != nil || err != nil {
		t.Fatalf("a job without a central server: %v, %v", j, err)
	}
}

// TestBookingMixedConcurrency books, cancels, moves and marks at once on
// a few slots: no error leaks out (a deadlock is retried), and every
// slot's counter equals the bookings it holds, within its quota.
func TestBookingMixedConcurrency(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			_, bdb := bookingDB(t, be, "K1")
			const quota, workers = 6, 60
			slotAt := func(i int) time.Time { return slot0.Add(time.Duration(i%3) * 30 * time.Minute) }
			reg, total := booking.Caps(quota, 0)
			var wg sync.WaitGroup
			errs := make(chan error, workers*3)
			for i := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					b, err := bdb.Book(ctx, req("K1", "S1", phone(i), slotAt(i), false, quota, 0))
					if errors.Is(err, central.ErrSlotFull) {
						return
					}
					if err != nil {
						errs <- err
						return
					}
					switch i % 3 {
					case 0:
						_, err = bdb.CancelBooking(ctx, b.Code)
					case 1:
						to := slotAt(i + 1)
						_, err = bdb.MoveBooking(ctx, b.Code, central.SlotMove{SlotStart: to, SlotEnd: to.Add(30 * time.Minute),
							Day: b.Day, RegularCap: reg, TotalCap: total})
						if errors.Is(err, central.ErrSlotFull) {
							err = nil
						}
					default:
						err = bdb.MarkBookings(ctx, "K1", []central.BookingMark{{Code: b.Code, Status: booking.StatusCheckedIn, TicketID: "T"}})
					}
					if err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("unexpected error: %v", err)
			}
			uses, _ := bdb.SlotUses(ctx, "K1", "S1", slot0, slot0.Add(2*time.Hour))
			list, _ := bdb.BookingsSince(ctx, "K1", 0, 1000)
			held := map[time.Time]int{}
			seqs := map[int64]bool{}
			for _, b := range list {
				if b.Status != booking.StatusCancelled {
					held[b.SlotStart]++
				}
				if seqs[b.Seq] {
					t.Fatalf("seq %d given twice", b.Seq)
				}
				seqs[b.Seq] = true
			}
			for i := range 3 {
				at := slotAt(i)
				if u := uses[at]; u.Regular != held[at] || held[at] > quota {
					t.Fatalf("slot %d: counter %+v, bookings held %d, quota %d", i, u, held[at], quota)
				}
			}
		})
	}
}
