// Package janji is the public appointment (janji temu) page that
// loket-pusat serves at /janji-temu: a visitor chooses an office and a
// service, sees the free slots on the office's working calendar, gives a
// name, a phone and optionally a Kode Satker, and gets a booking code with
// its QR; the same code cancels or moves the booking once. Server-rendered
// html/template, no script, small enough for a cheap phone.
package janji

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"loket/booking"
	"loket/central"
	"loket/workday"
)

//go:embed templates/*.html
var templatesFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"lower": strings.ToLower,
}).ParseFS(templatesFS, "templates/*.html"))

// Handler serves the booking page. Build it with New.
type Handler struct {
	db      central.DB
	bookDB  central.BookingDB
	cal     *workday.Calendar
	log     *slog.Logger
	guard   *challenge
	posts   *limiter
	lookups *limiter

	// Now is the clock (tests pin it).
	Now func() time.Time
	// Lead: a slot that starts sooner than this is no longer offered.
	Lead time.Duration

	mu       sync.Mutex
	cached   []officeConf
	cachedAt time.Time
}

// Options tune the guards (tests and the benchmark loosen them).
type Options struct {
	// MinFormAge is how long a form must be open before it is sent
	// (default 3 s).
	MinFormAge time.Duration
	// PostBurst and PostEvery limit the forms sent per address (default
	// 10 at once, then one every 30 s); lookups of a code get twice that.
	PostBurst int
	PostEvery time.Duration
}

// New builds the page over the centre's store, which must also be a
// central.BookingDB (both central stores are). cal is the holiday
// calendar (nil: estimated holidays only).
func New(db central.DB, cal *workday.Calendar, logger *slog.Logger, opt Options) (*Handler, error) {
	bdb, ok := db.(central.BookingDB)
	if !ok {
		return nil, errors.New("janji: the central store keeps no bookings")
	}
	if logger == nil {
		logger = slog.Default()
	}
	if opt.MinFormAge == 0 {
		opt.MinFormAge = 3 * time.Second
	}
	if opt.PostBurst == 0 {
		opt.PostBurst = 10
	}
	if opt.PostEvery == 0 {
		opt.PostEvery = 30 * time.Second
	}
	return &Handler{db: db, bookDB: bdb, cal: cal, log: logger, guard: newChallenge(opt.MinFormAge),
		posts: newLimiter(opt.PostBurst, opt.PostEvery), lookups: newLimiter(2*opt.PostBurst, opt.PostEvery/2),
		Now: time.Now, Lead: 15 * time.Minute}, nil
}

// Register adds the routes under /janji-temu to mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /janji-temu", h.getForm)
	mux.HandleFunc("POST /janji-temu", h.postBook)
	mux.HandleFunc("GET /janji-temu/kode", h.getLookup)
	mux.HandleFunc("GET /janji-temu/kode/{code}", h.getBooking)
	mux.HandleFunc("GET /janji-temu/qr/{code}", h.getQR)
	mux.HandleFunc("POST /janji-temu/batal", h.postCancel)
	mux.HandleFunc("GET /janji-temu/ubah", h.getMove)
	mux.HandleFunc("POST /janji-temu/ubah", h.postMove)
}

// officeConf is an office open for bookings.
type officeConf struct {
	Code, Name string
	Conf       booking.Config
}

// offices lists the offices open for bookings, cached a few seconds: the
// page is read far more often than an office changes its configuration.
func (h *Handler) offices(ctx context.Context) ([]officeConf, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cached != nil && h.Now().Sub(h.cachedAt) < 5*time.Second {
		return h.cached, nil
	}
	confs, err := h.bookDB.BookingConfigs(ctx)
	if err != nil {
		return nil, err
	}
	infos, err := h.db.Offices(ctx)
	if err != nil {
		return nil, err
	}
	out := []officeConf{}
	for _, o := range infos {
		c, err := booking.Parse(confs[o.Code])
		if err != nil || !c.Enabled || confs[o.Code] == "" {
			continue
		}
		name := o.Name
		if name == "" {
			name = o.Code
		}
		out = append(out, officeConf{Code: o.Code, Name: name, Conf: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	h.cached, h.cachedAt = out, h.Now()
	return out, nil
}

func (h *Handler) office(ctx context.Context, code string) (officeConf, bool, error) {
	list, err := h.offices(ctx)
	if err != nil {
		return officeConf{}, false, err
	}
	for _, o := range list {
		if o.Code == code {
			return o, true, nil
		}
	}
	return officeConf{}, false, nil
}

// page is what every template gets.
type page struct {
	Title   string
	Error   string
	Notice  string
	Offices []officeConf
	Office  *officeConf
	Service *booking.ServiceQuota
	Days    []dayView
	Form    url.Values
	Q       question
	Booking *bookingView
	Code    string
	Step    int
}

// dayView is one day of free slots on the page.
type dayView struct {
	Label string
	Open  bool
	Slots []slotView
}

type slotView struct {
	Value    string
	Label    string
	Free     int
	Priority bool // only the priority share is left
	Full     bool
	Checked  bool
}

// bookingView is a booking as the visitor sees it.
type bookingView struct {
	central.Booking
	OfficeName string
	When       string
	StatusText string
	CanChange  bool
}

func (h *Handler) render(w http.ResponseWriter, status int, name string, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, p); err != nil {
		h.log.Error("janji: render", "page", name, "err", err)
	}
}

func (h *Handler) fail(w http.ResponseWriter, err error) {
	h.log.Error("janji", "err", err)
	h.render(w, http.StatusInternalServerError, "message.html", page{Title: "Gangguan",
		Error: "Layanan janji temu sedang mengalami gangguan. Silakan coba beberapa saat lagi."})
}

// getForm is the three steps of one form: office, service, slot and
// visitor.
func (h *Handler) getForm(w http.ResponseWriter, r *http.Request) {
	h.form(w, r, http.StatusOK, r.URL.Query(), "")
}

func (h *Handler) form(w http.ResponseWriter, r *http.Request, status int, v url.Values, msg string) {
	ctx := r.Context()
	list, err := h.offices(ctx)
	if err != nil {
		h.fail(w, err)
		return
	}
	p := page{Title: "Janji Temu Layanan", Offices: list, Form: v, Error: msg, Step: 1}
	if code := v.Get("kantor"); code != "" {
		off, ok, _ := h.office(ctx, code)
		if !ok {
			p.Error = "Kantor yang dipilih tidak menerima janji temu. Silakan pilih kantor lain."
			h.render(w, http.StatusNotFound, "form.html", p)
			return
		}
		p.Office, p.Step = &off, 2
		if sid := v.Get("layanan"); sid != "" {
			svc, ok := off.Conf.Service(sid)
			if !ok {
				p.Error = "Layanan yang dipilih tidak menerima janji temu. Silakan pilih layanan lain."
				h.render(w, http.StatusNotFound, "form.html", p)
				return
			}
			p.Service, p.Step = &svc, 3
			days, err := h.days(ctx, off, svc, v.Get("slot"), time.Time{})
			if err != nil {
				h.fail(w, err)
				return
			}
			p.Days = days
			p.Q = h.guard.issue(h.Now())
		}
	}
	h.render(w, status, "form.html", p)
}

// days lists the office's slots of a service with their free places.
// skip leaves out a booking's own slot (when it moves).
func (h *Handler) days(ctx context.Context, off officeConf, svc booking.ServiceQuota, checked string, skip time.Time) ([]dayView, error) {
	now := h.Now()
	ds, err := off.Conf.Slots(h.cal, now, h.Lead)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	last := ds[len(ds)-1].Slots
	uses, err := h.bookDB.SlotUses(ctx, off.Code, svc.ID, ds[0].Slots[0].Start, last[len(last)-1].End)
	if err != nil {
		return nil, err
	}
	regCap, total := booking.Caps(svc.Quota, off.Conf.PriorityPercent)
	loc, _ := workday.LoadZone(off.Conf.Zone)
	var out []dayView
	for _, d := range ds {
		dv := dayView{Label: dayLabel(d.Date)}
		for _, s := range d.Slots {
			if s.Start.Equal(skip) {
				continue
			}
			u := uses[s.Start]
			free := total - u.Regular - u.Priority
			sv := slotView{Value: s.Start.Format(time.RFC3339), Free: free,
				Label: s.Start.In(loc).Format("15.04") + "–" + s.End.In(loc).Format("15.04"),
				Full:  free <= 0, Priority: free > 0 && u.Regular >= regCap}
			sv.Checked = !sv.Full && sv.Value == checked
			if sv.Checked {
				dv.Open = true
			}
			dv.Slots = append(dv.Slots, sv)
		}
		out = append(out, dv)
	}
	if checked == "" && len(out) > 0 {
		out[0].Open = true
	}
	return out, nil
}

var monthNames = [...]string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	"September", "Oktober", "November", "Desember"}

func dayLabel(d workday.Date) string {
	return workday.DayName(d.Weekday()) + ", " + strconv.Itoa(d.Day) + " " + monthNames[d.Month] + " " + strconv.Itoa(d.Year)
}

// whenText is a slot as the visitor reads it: "Senin, 7 Desember 2026,
// 08.00–08.30 WIB".
func whenText(conf booking.Config, start, end time.Time) string {
	loc, err := workday.LoadZone(conf.Zone)
	if err != nil {
		loc = time.UTC
	}
	label, _ := workday.ZoneLabel(loc.String())
	if label == "" {
		label = loc.String()
	}
	s := start.In(loc)
	return dayLabel(workday.DateOf(s)) + ", pukul " + s.Format("15.04") + "–" + end.In(loc).Format("15.04") + " " + label
}

// guardPost applies the rate limit and the bot check to a form; false
// when it answered already.
func (h *Handler) guardPost(w http.ResponseWriter, r *http.Request) (string, bool) {
	if !h.posts.allow(clientIP(r), h.Now()) {
		w.Header().Set("Retry-After", "30")
		h.render(w, http.StatusTooManyRequests, "message.html", page{Title: "Terlalu banyak permintaan",
			Error: "Terlalu banyak permintaan dari perangkat Anda. Silakan tunggu sebentar lalu coba lagi."})
		return "", false
	}
	// A form of this page is well under 4 KB; refuse a large body unread.
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return "Formulir tidak dapat dibaca. Silakan isi ulang.", true
	}
	if err := h.guard.check(r.PostForm.Get("token"), r.PostForm.Get("jawaban"), r.PostForm.Get("situs"), h.Now()); err != nil {
		return err.Error(), true
	}
	return "", true
}

func (h *Handler) postBook(w http.ResponseWriter, r *http.Request) {
	msg, ok := h.guardPost(w, r)
	if !ok {
		return
	}
	v := r.PostForm
	if msg != "" {
		h.form(w, r, http.StatusBadRequest, v, msg)
		return
	}
	ctx := r.Context()
	off, ok, err := h.office(ctx, v.Get("kantor"))
	if err != nil {
		h.fail(w, err)
		return
	}
	if !ok {
		h.form(w, r, http.StatusBadRequest, v, "Kantor yang dipilih tidak menerima janji temu.")
		return
	}
	svc, ok := off.Conf.Service(v.Get("layanan"))
	if !ok {
		v.Del("layanan")
		h.form(w, r, http.StatusBadRequest, v, "Layanan yang dipilih tidak menerima janji temu.")
		return
	}
	start, err := time.Parse(time.RFC3339, v.Get("slot"))
	if err != nil {
		h.form(w, r, http.StatusBadRequest, v, "Pilih salah satu waktu kedatangan.")
		return
	}
	slot, day, ok := off.Conf.FindSlot(h.cal, h.Now(), h.Lead, start)
	if !ok {
		h.form(w, r, http.StatusBadRequest, v, "Waktu yang dipilih sudah tidak tersedia. Silakan pilih waktu lain.")
		return
	}
	name, err := booking.CleanName(v.Get("nama"))
	if err != nil {
		h.form(w, r, http.StatusBadRequest, v, err.Error())
		return
	}
	phone, err := booking.NormalizePhone(v.Get("hp"))
	if err != nil {
		h.form(w, r, http.StatusBadRequest, v, err.Error())
		return
	}
	satker, err := booking.CleanSatker(v.Get("satker"))
	if err != nil {
		h.form(w, r, http.StatusBadRequest, v, err.Error())
		return
	}
	regCap, total := booking.Caps(svc.Quota, off.Conf.PriorityPercent)
	b, err := h.bookDB.Book(ctx, central.BookingRequest{Office: off.Code, ServiceID: svc.ID, ServiceName: svc.Name,
		SlotStart: slot.Start, SlotEnd: slot.End, Day: day.String(), Name: name, PhoneHash: booking.HashPhone(phone),
		PhoneMasked: booking.MaskPhone(phone), Satker: satker, Priority: v.Get("prioritas") == "1",
		RegularCap: regCap, TotalCap: total})
	if m := bookingMessage(err); m != "" {
		v.Del("slot")
		h.form(w, r, http.StatusConflict, v, m)
		return
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	http.Redirect(w, r, "/janji-temu/kode/"+b.Code+"?baru=1", http.StatusSeeOther)
}

// bookingMessage is the visitor's sentence for a refusal of the store, ""
// for any other error.
func bookingMessage(err error) string {
	switch {
	case errors.Is(err, central.ErrSlotFull):
		return "Maaf, waktu yang Anda pilih sudah penuh. Silakan pilih waktu lain."
	case errors.Is(err, central.ErrAlreadyBooked):
		return "Nomor HP ini sudah memiliki janji temu untuk layanan yang sama pada hari itu."
	case errors.Is(err, central.ErrAlreadyMoved):
		return "Janji temu ini sudah pernah diubah; perubahan jadwal hanya boleh satu kali."
	case errors.Is(err, central.ErrNotActive):
		return "Janji temu ini sudah dibatalkan atau sudah digunakan, sehingga tidak dapat diubah."
	case errors.Is(err, central.ErrNotFound):
		return "Kode janji temu tidak ditemukan. Periksa kembali kode Anda."
	}
	return ""
}

func (h *Handler) getLookup(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("kode")
	if raw == "" {
		h.render(w, http.StatusOK, "lookup.html", page{Title: "Cek Janji Temu"})
		return
	}
	code, ok := booking.CleanCode(raw)
	if !ok {
		h.render(w, http.StatusBadRequest, "lookup.html", page{Title: "Cek Janji Temu", Code: raw,
			Error: "Kode janji temu terdiri dari 8 huruf dan angka, misalnya K7MQ2XPA."})
		return
	}
	http.Redirect(w, r, "/janji-temu/kode/"+code, http.StatusSeeOther)
}

// view loads a booking for the visitor, counting the lookup against the
// address's limit (codes must not be guessable by trying).
func (h *Handler) view(w http.ResponseWriter, r *http.Request, raw string) (*bookingView, bool) {
	if !h.lookups.allow(clientIP(r), h.Now()) {
		w.Header().Set("Retry-After", "15")
		h.render(w, http.StatusTooManyRequests, "message.html", page{Title: "Terlalu banyak permintaan",
			Error: "Terlalu banyak permintaan dari perangkat Anda. Silakan tunggu sebentar lalu coba lagi."})
		return nil, false
	}
	code, ok := booking.CleanCode(raw)
	var b central.Booking
	err := central.ErrNotFound
	if ok {
		b, err = h.bookDB.BookingByCode(r.Context(), code)
	}
	if errors.Is(err, central.ErrNotFound) {
		h.render(w, http.StatusNotFound, "lookup.html", page{Title: "Cek Janji Temu", Code: raw,
			Error: "Kode janji temu tidak ditemukan. Periksa kembali kode Anda."})
		return nil, false
	}
	if err != nil {
		h.fail(w, err)
		return nil, false
	}
	bv := &bookingView{Booking: b, OfficeName: b.Office}
	off, found, _ := h.office(r.Context(), b.Office)
	conf := booking.DefaultConfig()
	if found {
		bv.OfficeName, conf = off.Name, off.Conf
	}
	bv.When = whenText(conf, b.SlotStart, b.SlotEnd)
	bv.StatusText = map[string]string{booking.StatusBooked: "Terjadwal", booking.StatusCheckedIn: "Sudah hadir",
		booking.StatusCancelled: "Dibatalkan", booking.StatusNoShow: "Tidak hadir"}[b.Status]
	bv.CanChange = b.Status == booking.StatusBooked && b.SlotStart.After(h.Now())
	return bv, true
}

func (h *Handler) getBooking(w http.ResponseWriter, r *http.Request) {
	bv, ok := h.view(w, r, r.PathValue("code"))
	if !ok {
		return
	}
	p := page{Title: "Janji Temu " + bv.Code, Booking: bv, Q: h.guard.issue(h.Now())}
	if r.URL.Query().Get("baru") == "1" {
		p.Notice = "Janji temu Anda tercatat. Simpan kode ini atau tangkapan layar halaman ini."
	}
	switch r.URL.Query().Get("ok") {
	case "batal":
		p.Notice = "Janji temu telah dibatalkan."
	case "ubah":
		p.Notice = "Jadwal janji temu telah diubah."
	}
	h.render(w, http.StatusOK, "booking.html", p)
}

// getQR is the booking code as a QR PNG: the kiosk's scanner types the
// code, so the QR holds the code alone.
func (h *Handler) getQR(w http.ResponseWriter, r *http.Request) {
	code, ok := booking.CleanCode(strings.TrimSuffix(r.PathValue("code"), ".png"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	png, err := qrcode.Encode(code, qrcode.Medium, 320)
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	_, _ = w.Write(png)
}

func (h *Handler) postCancel(w http.ResponseWriter, r *http.Request) {
	msg, ok := h.guardPost(w, r)
	if !ok {
		return
	}
	code, _ := booking.CleanCode(r.PostForm.Get("kode"))
	if msg == "" {
		_, err := h.bookDB.CancelBooking(r.Context(), code)
		msg = bookingMessage(err)
		if err != nil && msg == "" {
			h.fail(w, err)
			return
		}
	}
	if msg != "" {
		bv, ok := h.view(w, r, code)
		if !ok {
			return
		}
		h.render(w, http.StatusBadRequest, "booking.html", page{Title: "Janji Temu " + code, Booking: bv, Error: msg,
			Q: h.guard.issue(h.Now())})
		return
	}
	http.Redirect(w, r, "/janji-temu/kode/"+code+"?ok=batal", http.StatusSeeOther)
}

func (h *Handler) getMove(w http.ResponseWriter, r *http.Request) {
	h.move(w, r, http.StatusOK, r.URL.Query().Get("kode"), "", "")
}

func (h *Handler) move(w http.ResponseWriter, r *http.Request, status int, raw, checked, msg string) {
	bv, ok := h.view(w, r, raw)
	if !ok {
		return
	}
	p := page{Title: "Ubah Jadwal " + bv.Code, Booking: bv, Error: msg, Q: h.guard.issue(h.Now())}
	if !bv.CanChange || bv.Moved {
		if p.Error == "" {
			p.Error = bookingMessage(central.ErrNotActive)
			if bv.Moved {
				p.Error = bookingMessage(central.ErrAlreadyMoved)
			}
		}
		h.render(w, http.StatusConflict, "booking.html", p)
		return
	}
	off, found, err := h.office(r.Context(), bv.Office)
	if err != nil {
		h.fail(w, err)
		return
	}
	svc, ok := off.Conf.Service(bv.ServiceID)
	if !found || !ok {
		p.Error = "Layanan ini sudah tidak menerima janji temu, sehingga jadwal tidak dapat diubah."
		h.render(w, http.StatusConflict, "booking.html", p)
		return
	}
	p.Office, p.Service = &off, &svc
	if p.Days, err = h.days(r.Context(), off, svc, checked, bv.SlotStart); err != nil {
		h.fail(w, err)
		return
	}
	h.render(w, status, "move.html", p)
}

func (h *Handler) postMove(w http.ResponseWriter, r *http.Request) {
	msg, ok := h.guardPost(w, r)
	if !ok {
		return
	}
	raw := r.PostForm.Get("kode")
	if msg != "" {
		h.move(w, r, http.StatusBadRequest, raw, r.PostForm.Get("slot"), msg)
		return
	}
	ctx := r.Context()
	code, _ := booking.CleanCode(raw)
	b, err := h.bookDB.BookingByCode(ctx, code)
	if err != nil {
		if m := bookingMessage(err); m != "" {
			h.render(w, http.StatusNotFound, "lookup.html", page{Title: "Cek Janji Temu", Code: raw, Error: m})
			return
		}
		h.fail(w, err)
		return
	}
	off, found, err := h.office(ctx, b.Office)
	if err != nil {
		h.fail(w, err)
		return
	}
	svc, ok := off.Conf.Service(b.ServiceID)
	start, perr := time.Parse(time.RFC3339, r.PostForm.Get("slot"))
	if !found || !ok || perr != nil {
		h.move(w, r, http.StatusBadRequest, raw, "", "Pilih salah satu waktu kedatangan yang baru.")
		return
	}
	slot, day, ok := off.Conf.FindSlot(h.cal, h.Now(), h.Lead, start)
	if !ok || slot.Start.Equal(b.SlotStart) {
		h.move(w, r, http.StatusBadRequest, raw, "", "Waktu yang dipilih sudah tidak tersedia. Silakan pilih waktu lain.")
		return
	}
	regCap, total := booking.Caps(svc.Quota, off.Conf.PriorityPercent)
	_, err = h.bookDB.MoveBooking(ctx, code, central.SlotMove{SlotStart: slot.Start, SlotEnd: slot.End, Day: day.String(),
		RegularCap: regCap, TotalCap: total})
	if m := bookingMessage(err); m != "" {
		h.move(w, r, http.StatusConflict, raw, "", m)
		return
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	http.Redirect(w, r, "/janji-temu/kode/"+code+"?ok=ubah", http.StatusSeeOther)
}
