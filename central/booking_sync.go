package central

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-co-op/gocron/v2"

	"loket/booking"
	"loket/store"
)

// maxExchangeBytes bounds an office's booking exchange (a configuration
// and a day's check-ins are a few KB).
const maxExchangeBytes = 1 << 20

// postBookings is the office's frequent booking call: it keeps the
// office's configuration, applies its check-ins and answers the bookings
// changed after its cursor.
//
//	POST /v1/offices/{code}/bookings   gzip JSON BookingExchange -> BookingPull
func (s *Server) postBookings(w http.ResponseWriter, r *http.Request, code string) {
	bdb, ok := s.DB.(BookingDB)
	if !ok {
		writeJSON(w, http.StatusNotImplemented, apiError{Error: "Server pusat ini tidak melayani janji temu."})
		return
	}
	var body io.Reader = http.MaxBytesReader(w, r.Body, maxExchangeBytes)
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, apiError{Error: "Permintaan janji temu tidak dapat dibaca."})
			return
		}
		defer zr.Close()
		body = io.LimitReader(zr, maxExchangeBytes)
	}
	var ex BookingExchange
	if err := json.NewDecoder(body).Decode(&ex); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Permintaan janji temu tidak dapat dibaca."})
		return
	}
	if len(ex.Config) > 0 && string(ex.Config) != "null" {
		var text string
		if err := json.Unmarshal(ex.Config, &text); err != nil {
			writeJSON(w, http.StatusBadRequest, apiError{Error: "Pengaturan janji temu harus berupa teks JSON."})
			return
		}
		if _, err := booking.Parse(text); err != nil {
			writeJSON(w, http.StatusBadRequest, apiError{Error: "Pengaturan janji temu ditolak: " + err.Error() + "."})
			return
		}
		if err := bdb.PutBookingConfig(r.Context(), code, text); err != nil {
			s.log().Error("booking config", "office", code, "err", err)
			writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat gagal menyimpan pengaturan janji temu."})
			return
		}
	}
	if err := bdb.MarkBookings(r.Context(), code, ex.Marks); err != nil {
		s.log().Error("booking marks", "office", code, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat gagal mencatat kedatangan."})
		return
	}
	list, err := bdb.BookingsSince(r.Context(), code, ex.After, maxPull+1)
	if err != nil {
		s.log().Error("bookings since", "office", code, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat sedang bermasalah."})
		return
	}
	out := BookingPull{Bookings: list, Cursor: ex.After}
	if len(list) > maxPull {
		out.Bookings, out.More = list[:maxPull], true
	}
	if n := len(out.Bookings); n > 0 {
		out.Cursor = out.Bookings[n-1].Seq
	}
	if out.Bookings == nil {
		out.Bookings = []Booking{}
	}
	writeJSON(w, http.StatusOK, out)
}

// ExchangeBookings is one booking exchange of the office (none while the
// office has never offered bookings): it sends its
// booking configuration and the check-ins and no-shows the centre does
// not know yet, and writes the bookings changed since its cursor into the
// office's list, until the centre has no more. A failure leaves the list
// as it was (the kiosk keeps checking in everyone it knows) and is noted
// for the admin. It returns how many bookings changed the list.
func ExchangeBookings(ctx context.Context, st *store.Store, cfg Config) (int, error) {
	cfg = cfg.withDefaults()
	off, err := st.Office(ctx)
	if err != nil {
		return 0, err
	}
	c, err := newClient(cfg, off.Code)
	if err != nil {
		return 0, err
	}
	total := 0
	err = func() error {
		conf, err := st.Setting(ctx, store.SettingBookingConfig)
		if err != nil {
			return err
		}
		// An office that never offered bookings has nothing to exchange
		// (and a centre older than bookings is not asked every 3 minutes).
		if c, err := booking.Parse(conf); err == nil && !c.Enabled {
			if ps, err := st.BookingPullState(ctx); err == nil && ps.Cursor == 0 {
				return nil
			}
		}
		// Bookings of earlier days nobody checked in are no-shows: the
		// marks below tell the centre.
		now := st.Now().In(store.LoadZone(off.Zone))
		if _, err := st.ReleasePastBookings(ctx, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())); err != nil {
			return err
		}
		for round := 0; round < 100; round++ {
			ps, err := st.BookingPullState(ctx)
			if err != nil {
				return err
			}
			marks, err := st.BookingMarks(ctx)
			if err != nil {
				return err
			}
			ex := BookingExchange{After: ps.Cursor}
			if round == 0 && conf != "" {
				ex.Config, _ = json.Marshal(conf)
			}
			for _, m := range marks {
				ex.Marks = append(ex.Marks, BookingMark{Code: m.Code, Status: m.Status, TicketID: m.TicketID})
			}
			body, err := gzipJSON(ex)
			if err != nil {
				return err
			}
			var pull BookingPull
			if err := c.do(ctx, http.MethodPost, "/v1/offices/"+off.Code+"/bookings", body, &pull); err != nil {
				return err
			}
			list := make([]store.PulledBooking, 0, len(pull.Bookings))
			for _, b := range pull.Bookings {
				list = append(list, store.PulledBooking{Code: b.Code, Office: b.Office, ServiceID: b.ServiceID,
					SlotStart: b.SlotStart, SlotEnd: b.SlotEnd, Name: b.Name, PhoneMasked: b.PhoneMasked, Satker: b.Satker,
					Priority: b.Priority, Status: b.Status, TicketID: b.CheckedInTicketID, Seq: b.Seq})
			}
			n, err := st.ApplyPulledBookings(ctx, list, pull.Cursor, marks)
			if err != nil {
				return err
			}
			total += n
			if !pull.More {
				return nil
			}
		}
		return nil
	}()
	if err != nil {
		_ = st.NoteBookingPullError(context.WithoutCancel(ctx), Message(err))
	}
	return total, err
}

func gzipJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DefaultBookingEvery is how often an office exchanges bookings with the
// centre while it can reach it.
const DefaultBookingEvery = 3 * time.Minute

// BookingJob is the office's frequent booking exchange, a gocron job
// beside the nightly sync (which stays for everything else).
type BookingJob struct {
	sched gocron.Scheduler
}

// ScheduleBookings starts the booking exchange every `every` (default
// DefaultBookingEvery), at once and then in gocron's singleton mode, so a
// slow exchange never overlaps the next. Few attempts per run: the next
// run is minutes away. No central server set: no job (nil, nil).
func ScheduleBookings(ctx context.Context, st *store.Store, cfg Config, every time.Duration, logger *slog.Logger) (*BookingJob, error) {
	if cfg.URL == "" {
		return nil, nil
	}
	if every <= 0 {
		every = DefaultBookingEvery
	}
	if logger == nil {
		logger = slog.Default()
	}
	// Two attempts and a short timeout: the next run is minutes away, and
	// a slow centre must not hold the office's job.
	cfg.Attempts = 2
	if cfg.Timeout == 0 || cfg.Timeout > 30*time.Second {
		cfg.Timeout = 30 * time.Second
	}
	s, err := gocron.NewScheduler()
	if err != nil {
		return nil, err
	}
	_, err = s.NewJob(gocron.DurationJob(every),
		gocron.NewTask(func() {
			n, err := ExchangeBookings(ctx, st, cfg)
			var se *Error
			switch {
			case errors.As(err, &se):
				logger.Warn("bookings: exchange", "err", se.Message, "cause", se.Err)
			case err != nil:
				logger.Error("bookings: exchange", "err", err)
			case n > 0:
				logger.Info("bookings: exchange", "changed", n)
			}
		}),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithStartAt(gocron.WithStartImmediately()),
		gocron.WithName("loket-booking-exchange"))
	if err != nil {
		_ = s.Shutdown()
		return nil, err
	}
	s.Start()
	go func() {
		<-ctx.Done()
		_ = s.Shutdown()
	}()
	return &BookingJob{sched: s}, nil
}

// Shutdown stops the job, waiting for a running exchange.
func (j *BookingJob) Shutdown() error {
	if j == nil {
		return nil
	}
	return j.sched.Shutdown()
}

// stopBookings stops the booking exchange.
func (c *Control) stopBookings() {
	c.mu.Lock()
	old := c.bookings
	c.bookings = nil
	c.mu.Unlock()
	_ = old.Shutdown()
}

// restartBookings starts the booking exchange again on the current
// configuration (none without a central server).
func (c *Control) restartBookings(ctx context.Context) {
	c.stopBookings()
	j, err := ScheduleBookings(ctx, c.st, c.fullConfig(), 0, c.log)
	if err != nil {
		c.log.Error("bookings: start", "err", err)
		return
	}
	c.mu.Lock()
	c.bookings = j
	c.mu.Unlock()
}
