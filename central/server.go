package central

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"loket/store"
)

// Server is the HTTP side of loket-pusat. Every route but /healthz takes a
// bearer token: an office's own token for its routes, a report token for
// the cross-office report.
type Server struct {
	DB     DB
	Logger *slog.Logger

	// slots bounds the batches decoded and applied at once, over all
	// offices (each may hold maxBatchBytes); busy counts them per office.
	slotsOnce sync.Once
	slots     chan struct{}
	mu        sync.Mutex
	busy      map[string]int
}

// Batch concurrency: an office's client keeps two batches on the wire
// (client.go), so a third at once is not an office's own sync; and the
// centre decodes at most maxDecoding batches at a time, which bounds its
// memory to about maxDecoding × 3 × maxBatchBytes whatever the offices send.
const (
	perOfficeBatches = 2
	maxDecoding      = 6
)

// enter takes a batch slot for office, or says why not (a 429 answer:
// the office retries with back-off).
func (s *Server) enter(office string) (release func(), msg string) {
	s.slotsOnce.Do(func() { s.slots = make(chan struct{}, maxDecoding); s.busy = map[string]int{} })
	s.mu.Lock()
	if s.busy[office] >= perOfficeBatches {
		s.mu.Unlock()
		return nil, "Kantor " + office + " sudah mengirim " + strconv.Itoa(perOfficeBatches) + " batch sekaligus; tunggu sampai selesai."
	}
	s.busy[office]++
	s.mu.Unlock()
	leave := func() {
		s.mu.Lock()
		if s.busy[office]--; s.busy[office] == 0 {
			delete(s.busy, office)
		}
		s.mu.Unlock()
	}
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots; leave() }, ""
	default:
		leave()
		return nil, "Server pusat sedang menerima banyak batch; dicoba lagi sebentar lagi."
	}
}

// Handler returns the routes:
//
//	POST /v1/offices/{code}/batches   gzip JSON Batch -> Ack
//	GET  /v1/offices/{code}/position  -> Position
//	GET  /v1/offices/{code}/updates?after=N -> []Update
//	POST /v1/offices/{code}/bookings  gzip JSON BookingExchange -> BookingPull
//	GET  /v1/report?from=YYYY-MM-DD&to=YYYY-MM-DD -> []ReportRow
//	GET  /healthz
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/offices/{code}/batches", s.office(s.postBatch))
	mux.HandleFunc("GET /v1/offices/{code}/position", s.office(s.getPosition))
	mux.HandleFunc("GET /v1/offices/{code}/updates", s.office(s.getUpdates))
	mux.HandleFunc("POST /v1/offices/{code}/bookings", s.office(s.postBookings))
	mux.HandleFunc("GET /v1/report", s.getReport)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	return mux
}

func (s *Server) log() *slog.Logger {
	if s.Logger == nil {
		return slog.Default()
	}
	return s.Logger
}

// apiError is the JSON body of every refusal; Error is a sentence for the
// office admin.
type apiError struct {
	Error    string `json:"error"`
	EventSeq *int64 `json:"event_seq,omitempty"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// auth resolves the request's token, or writes 401.
func (s *Server) auth(w http.ResponseWriter, r *http.Request) (office, role string, ok bool) {
	tok := bearer(r)
	if tok == "" {
		writeJSON(w, http.StatusUnauthorized, apiError{Error: "Token tidak ada."})
		return "", "", false
	}
	office, role, err := s.DB.Token(r.Context(), HashToken(tok))
	if err != nil {
		if !errors.Is(err, ErrUnauthorized) {
			s.log().Error("token lookup", "err", err)
			writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat sedang bermasalah."})
			return "", "", false
		}
		writeJSON(w, http.StatusUnauthorized, apiError{Error: "Token tidak sah."})
		return "", "", false
	}
	return office, role, true
}

// office wraps a route of one office: only that office's token passes.
func (s *Server) office(h func(w http.ResponseWriter, r *http.Request, code string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		code := r.PathValue("code")
		office, role, ok := s.auth(w, r)
		if !ok {
			return
		}
		if role != RoleOffice || subtle.ConstantTimeCompare([]byte(office), []byte(code)) != 1 {
			writeJSON(w, http.StatusForbidden, apiError{Error: "Token ini bukan milik kantor " + code + "."})
			return
		}
		h(w, r, code)
	}
}

func (s *Server) postBatch(w http.ResponseWriter, r *http.Request, code string) {
	start := time.Now()
	release, msg := s.enter(code)
	if release == nil {
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusTooManyRequests, apiError{Error: msg})
		return
	}
	defer release()
	b, err := DecodeBatch(http.MaxBytesReader(w, r.Body, maxBatchBytes))
	if errors.Is(err, ErrBatchTooLarge) {
		writeJSON(w, http.StatusRequestEntityTooLarge, apiError{Error: "Batch melebihi " +
			strconv.Itoa(maxBatchBytes>>20) + " MB setelah dibuka; kecilkan ukuran batch di pengaturan sinkronisasi."})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Batch tidak dapat dibaca: " + err.Error()})
		return
	}
	if err := b.validate(code); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Batch ditolak: " + err.Error()})
		return
	}
	ack, err := s.DB.Apply(r.Context(), b)
	var gap *GapError
	// An office sends its next batch before the previous one is
	// acknowledged; if it overtook its predecessor on the way, give the
	// predecessor a moment to land before calling it a gap.
	for wait := 0; errors.As(err, &gap) && wait < 40 && r.Context().Err() == nil; wait++ {
		time.Sleep(25 * time.Millisecond)
		ack, err = s.DB.Apply(r.Context(), b)
	}
	switch {
	case errors.As(err, &gap):
		writeJSON(w, http.StatusConflict, apiError{Error: "Batch melompati data yang belum diterima pusat.", EventSeq: &gap.EventSeq})
		return
	case errors.Is(err, ErrUnknownOffice):
		writeJSON(w, http.StatusNotFound, apiError{Error: "Kantor " + code + " belum terdaftar di pusat."})
		return
	case err != nil:
		s.log().Error("apply batch", "office", code, "batch", b.ID, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat gagal menyimpan batch."})
		return
	}
	applyErasures(r.Context(), s.DB, b, s.log()) // a person erased at the office, erased here too (privacy.go)
	s.log().Info("batch", "office", code, "batch", b.ID, "after", b.After, "to", b.To, "records", len(b.Records),
		"applied", ack.Applied, "replay", ack.Replay, "ms", time.Since(start).Milliseconds())
	writeJSON(w, http.StatusOK, ack)
}

func (s *Server) getPosition(w http.ResponseWriter, r *http.Request, code string) {
	var lin *store.Lineage
	if q := r.URL.Query(); q.Get("lineage") != "" {
		lin = &store.Lineage{ID: q.Get("lineage"), Parent: q.Get("parent")}
		lin.ForkSeq, _ = strconv.ParseInt(q.Get("fork"), 10, 64)
	}
	pos, err := s.DB.Position(r.Context(), code, lin)
	if errors.Is(err, ErrUnknownOffice) {
		writeJSON(w, http.StatusNotFound, apiError{Error: "Kantor " + code + " belum terdaftar di pusat."})
		return
	}
	if err != nil {
		s.log().Error("position", "office", code, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat sedang bermasalah."})
		return
	}
	writeJSON(w, http.StatusOK, pos)
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, code string) {
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	ups, err := s.DB.Updates(r.Context(), after)
	if err != nil {
		s.log().Error("updates", "office", code, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Server pusat sedang bermasalah."})
		return
	}
	if ups == nil {
		ups = []Update{}
	}
	writeJSON(w, http.StatusOK, ups)
}

func (s *Server) getReport(w http.ResponseWriter, r *http.Request) {
	_, role, ok := s.auth(w, r)
	if !ok {
		return
	}
	if role != RoleReport {
		writeJSON(w, http.StatusForbidden, apiError{Error: "Laporan lintas kantor memerlukan token laporan."})
		return
	}
	from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if _, err := time.Parse("2006-01-02", from); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Tanggal awal (from) harus berformat TTTT-BB-HH."})
		return
	}
	if _, err := time.Parse("2006-01-02", to); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Tanggal akhir (to) harus berformat TTTT-BB-HH."})
		return
	}
	rows, err := s.DB.Report(r.Context(), from, to)
	if err != nil {
		s.log().Error("report", "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Laporan gagal disusun."})
		return
	}
	writeJSON(w, http.StatusOK, rows)
}
