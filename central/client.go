package central

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"loket/store"
	"loket/tlspin"
	"loket/usererr"
)

// Config is an office's sync configuration (sync.json beside the store).
type Config struct {
	// URL of loket-pusat, e.g. https://pusat.kemenkeu.go.id:8443.
	URL string `json:"url"`
	// Token is the office's token, printed once by `loket-pusat office add`.
	Token string `json:"token"`
	// PinSHA256 is the server certificate's SHA-256 fingerprint (hex,
	// colons allowed); CAFile a PEM CA to verify it instead.
	PinSHA256 string `json:"pin_sha256,omitempty"`
	CAFile    string `json:"ca_file,omitempty"`
	// At is the nightly time "HH:MM" in Zone (default "23:00" in the
	// office's own zone).
	At   string `json:"at,omitempty"`
	Zone string `json:"zone,omitempty"`
	// BatchSize is the number of events per batch (default 5000).
	BatchSize int `json:"batch_size,omitempty"`
	// BackupDir and Keep: the nightly backup and how many to keep
	// (default 14). No BackupDir: no nightly backup.
	BackupDir string `json:"backup_dir,omitempty"`
	Keep      int    `json:"keep,omitempty"`
	// BackupRecipient is the public half (age1...) of the office's backup
	// key: every backup is encrypted to it (backup_age.go). Empty: backups
	// are not encrypted (the admin screen says so).
	BackupRecipient string `json:"backup_recipient,omitempty"`
	// JitterMinutes is the window after At over which offices spread
	// their nightly sync (SyncDelay; default 60, -1 for none).
	JitterMinutes int `json:"jitter_minutes,omitempty"`
	// Attempts per request before a run gives up (default 8), with
	// exponential back-off from RetryBase (default 1 s) to RetryMax
	// (default 1 min), jittered.
	Attempts  int           `json:"attempts,omitempty"`
	RetryBase time.Duration `json:"-"`
	RetryMax  time.Duration `json:"-"`
	// Timeout bounds one request (default 2 min).
	Timeout time.Duration `json:"-"`

	// Apply hands a pushed-down update (holiday CSV, catalog document)
	// to the office service; nil keeps it in the store only. cmd/loket
	// wires it to ImportHolidays / ImportCatalog.
	Apply func(ctx context.Context, u store.SyncUpdate) error `json:"-"`
	// Prepare runs at the start of every sync run, before anything is read
	// for the centre: cmd/loket wires it to the office's day figures
	// (office.(*Local).RefreshDayFigures), which central cannot compute. Its
	// failure is recorded in the run's detail and the raw data is synced
	// all the same.
	Prepare func(ctx context.Context) error `json:"-"`
	// HTTPClient replaces the client built from the TLS settings (tests).
	HTTPClient *http.Client `json:"-"`
}

// LoadConfig reads a JSON sync configuration.
func LoadConfig(path string) (Config, error) {
	var c Config
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("central: config: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("central: config %s: %w", path, err)
	}
	return c, nil
}

func (c Config) withDefaults() Config {
	if c.At == "" {
		c.At = "23:00"
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 5000
	}
	if c.Keep <= 0 {
		c.Keep = 14
	}
	if c.Attempts <= 0 {
		c.Attempts = 8
	}
	if c.RetryBase <= 0 {
		c.RetryBase = time.Second
	}
	if c.RetryMax <= 0 {
		c.RetryMax = time.Minute
	}
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Minute
	}
	c.URL = strings.TrimRight(c.URL, "/")
	return c
}

// Progress is reported after every acknowledged batch.
type Progress = store.SyncProgress

// Error is a sync failure with a sentence for the office admin: a
// usererr.Error whose UserMessage is the sentence and whose Error adds the
// cause, for the log.
type Error struct {
	Message   string // Indonesian
	Err       error
	retryable bool
}

// Error is the sentence and the cause, for the log.
func (e *Error) Error() string {
	if e.Err == nil {
		return "central: " + e.Message
	}
	return "central: " + e.Message + ": " + e.Err.Error()
}

// UserMessage implements usererr.Error.
func (e *Error) UserMessage() string { return e.Message }

var _ usererr.Error = (*Error)(nil)

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// client is one run's HTTP side.
type client struct {
	cfg    Config
	office string
	http   *http.Client
}

func newClient(cfg Config, office string) (*client, error) {
	if cfg.URL == "" || cfg.Token == "" {
		return nil, &Error{Message: "Sinkronisasi belum diatur: alamat server pusat dan token kantor wajib diisi."}
	}
	hc := cfg.HTTPClient
	if hc == nil {
		tlsCfg, err := ClientTLS(cfg.PinSHA256, cfg.CAFile)
		if err != nil {
			return nil, &Error{Message: "Pengaturan sertifikat server pusat tidak sah.", Err: err}
		}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = tlsCfg
		hc = &http.Client{Transport: tr}
	}
	return &client{cfg: cfg, office: office, http: hc}, nil
}

// do sends one request, retrying transport failures and 5xx with
// exponential back-off; out receives the JSON answer.
func (c *client) do(ctx context.Context, method, path string, body []byte, out any) error {
	var last error
	delay := c.cfg.RetryBase
	for attempt := 1; attempt <= c.cfg.Attempts; attempt++ {
		err := c.once(ctx, method, path, body, out)
		if err == nil {
			return nil
		}
		last = err
		var se *Error
		var gap *gapResp
		// A gap is an answer, not a failure: the caller resends from the
		// centre's mark at once.
		if (errors.As(err, &se) && !se.retryable) || errors.As(err, &gap) {
			return err
		}
		if attempt == c.cfg.Attempts {
			break
		}
		// Full jitter keeps a fleet of offices from retrying in step.
		wait := delay/2 + rand.N(delay/2+1)
		select {
		case <-ctx.Done():
			return &Error{Message: "Sinkronisasi dibatalkan.", Err: ctx.Err()}
		case <-time.After(wait):
		}
		delay = min(delay*2, c.cfg.RetryMax)
	}
	return last
}

func (c *client) once(ctx context.Context, method, path string, body []byte, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.cfg.URL+path, rd)
	if err != nil {
		return &Error{Message: "Alamat server pusat tidak sah.", Err: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", "gzip")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		msg := "Server pusat tidak dapat dihubungi."
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			msg = "Server pusat tidak menjawab (waktu habis)."
		}
		if tlspin.IsTrustFailure(err) {
			return &Error{Message: "Sertifikat server pusat tidak dipercaya: sidik jari yang disematkan atau berkas CA tidak cocok.", Err: err}
		}
		return &Error{Message: msg, Err: err, retryable: true}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return &Error{Message: "Jawaban server pusat terputus.", Err: err, retryable: true}
	}
	if resp.StatusCode != http.StatusOK {
		var ae apiError
		_ = json.Unmarshal(data, &ae)
		if resp.StatusCode == http.StatusConflict && ae.EventSeq != nil {
			return &gapResp{seq: *ae.EventSeq}
		}
		msg := ae.Error
		if msg == "" {
			msg = "Server pusat menjawab " + resp.Status + "."
		}
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			msg = "Token kantor ditolak server pusat: " + msg
		}
		return &Error{Message: msg, Err: fmt.Errorf("http %d", resp.StatusCode),
			retryable: resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return &Error{Message: "Jawaban server pusat tidak dapat dibaca.", Err: err, retryable: true}
		}
	}
	return nil
}

// gapResp is a 409: the server holds less than we thought; resume there.
type gapResp struct{ seq int64 }

func (g *gapResp) Error() string { return "gap at " + strconv.FormatInt(g.seq, 10) }

// Sync pushes everything new since the last acknowledged position to the
// central server, then receives the pushed-down updates. The run is
// recorded in the store (history in the admin screen); progress, if not
// nil, is called after every acknowledged batch. Safe to cut at any point:
// the next run resumes from the last acknowledgement and the server
// ignores what it already has.
func Sync(ctx context.Context, st *store.Store, cfg Config, trigger string, progress func(Progress)) (store.SyncRun, error) {
	cfg = cfg.withDefaults()
	run, err := st.StartSyncRun(ctx, store.RunSync, trigger)
	if err != nil {
		return run, err
	}
	defer heartbeat(ctx, st, run.ID)()
	p := Progress{RunID: run.ID}
	prepErr := ""
	if cfg.Prepare != nil {
		if err := cfg.Prepare(ctx); err != nil {
			prepErr = "angka harian kantor tidak dapat dihitung: " + store.Message(err)
		}
	}
	detail, err := syncRun(ctx, st, cfg, &p, progress)
	if prepErr != "" {
		detail += "; " + prepErr
	}
	msg := ""
	if err != nil {
		msg = Message(err)
	}
	// The run's record must land even if ctx was cancelled.
	fctx := context.WithoutCancel(ctx)
	if ferr := st.FinishSyncRun(fctx, run.ID, p.Batches, p.Records, msg, detail); ferr != nil && err == nil {
		err = ferr
	}
	runs, _ := st.SyncRuns(fctx, 1)
	if len(runs) == 1 && runs[0].ID == run.ID {
		run = runs[0]
	}
	return run, err
}

// heartbeat keeps a run marked alive while it lasts, so another process
// on the same store does not start a second run (store.StartSyncRun);
// call the returned function when the run ends.
func heartbeat(ctx context.Context, st *store.Store, id int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(store.SyncHeartbeat)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				_ = st.HeartbeatSyncRun(context.WithoutCancel(ctx), id)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// Message is the Indonesian sentence for a sync error.
func Message(err error) string {
	switch {
	case usererr.Is(err):
		return usererr.Message(err)
	case errors.Is(err, context.Canceled):
		return "Sinkronisasi dibatalkan."
	}
	return "Sinkronisasi gagal: " + usererr.Generic
}

func syncRun(ctx context.Context, st *store.Store, cfg Config, p *Progress, progress func(Progress)) (string, error) {
	off, err := st.Office(ctx)
	if err != nil {
		return "", err
	}
	c, err := newClient(cfg, off.Code)
	if err != nil {
		return "", err
	}
	base := "/v1/offices/" + off.Code
	state, err := st.SyncState(ctx, cfg.URL)
	if err != nil {
		return "", err
	}
	lin, err := st.Lineage(ctx)
	if err != nil {
		return "", err
	}
	var pos Position
	q := url.Values{"lineage": {lin.ID}, "parent": {lin.Parent}, "fork": {strconv.FormatInt(lin.ForkSeq, 10)}}
	if err := c.do(ctx, http.MethodGet, base+"/position?"+q.Encode(), nil, &pos); err != nil {
		return "", err
	}
	// A centre older than lineages answers the office's one mark: right
	// for a store never restored, but after a restore it counts the old
	// lineage's seqs.
	if pos.Lineage != lin.ID && lin.Parent != "" {
		return "", &Error{Message: "Server pusat perlu diperbarui ke versi yang mengenal pemulihan cadangan (lineage) sebelum kantor ini dapat sinkron."}
	}
	last, err := st.LastEventSeq(ctx)
	if err != nil {
		return "", err
	}
	// Resume from the lower of both marks: a lost acknowledgement makes
	// the office resend one batch (a no-op centrally); a centre restored
	// from an older backup gets the rest again. An office store restored
	// from an older backup has fewer events than either mark says: start
	// from what it has.
	after := min(pos.EventSeq, state.EventSeq, last)
	p.Position, p.Target = after, last
	if progress != nil {
		progress(*p)
	}
	// Two batches are on the wire at once and the next one is read and
	// compressed meanwhile, so the office's work, the centre's decoding and
	// its database overlap. The centre applies an office's batches one at a
	// time in order (the second waits for the first's lock); if the first
	// fails, the second finds a gap and is refused, so order holds.
	const window = 2
	type inflight struct {
		chunk store.SyncChunk
		done  chan error
		ack   Ack
	}
	var queue []*inflight
	var next chan prepared
	prepare := func(from int64) chan prepared {
		ch := make(chan prepared, 1)
		go func() { ch <- prepareBatch(ctx, st, off.Code, lin, from, cfg.BatchSize) }()
		return ch
	}
	// drain waits for every request and read still going.
	drain := func() {
		for _, f := range queue {
			<-f.done
		}
		queue = nil
		if next != nil {
			<-next
			next = nil
		}
	}
	nextFrom, exhausted := after, false
	var quarantined []Quarantined
	for {
		for len(queue) < window && !exhausted {
			if next == nil {
				next = prepare(nextFrom)
			}
			pb := <-next
			next = nil
			if pb.err != nil {
				drain()
				return fmt.Sprintf("posisi %d", after), pb.err
			}
			if pb.chunk.Events == 0 {
				exhausted = true
				break
			}
			f := &inflight{chunk: pb.chunk, done: make(chan error, 1)}
			go func(body []byte) { f.done <- c.do(ctx, http.MethodPost, base+"/batches", body, &f.ack) }(pb.body)
			queue = append(queue, f)
			nextFrom = pb.chunk.To
			next = prepare(nextFrom)
		}
		if len(queue) == 0 {
			break
		}
		f := queue[0]
		queue = queue[1:]
		err := <-f.done
		chunk := f.chunk
		var gap *gapResp
		if errors.As(err, &gap) {
			// The centre holds less than we sent from: start over there.
			drain()
			after = min(gap.seq, after)
			if err := st.AckSync(ctx, cfg.URL, after); err != nil {
				return "", err
			}
			nextFrom, exhausted = after, false
			continue
		}
		if err != nil {
			drain()
			return fmt.Sprintf("posisi %d", after), err
		}
		if f.ack.EventSeq < chunk.To {
			drain()
			return "", &Error{Message: "Server pusat tidak mengakui batch yang dikirim.",
				Err: fmt.Errorf("ack %d < to %d", f.ack.EventSeq, chunk.To)}
		}
		if err := st.AckSync(ctx, cfg.URL, chunk.To); err != nil {
			drain()
			return "", err
		}
		after = chunk.To
		quarantined = append(quarantined, f.ack.Quarantined...)
		p.Batches++
		p.Records += len(chunk.Records)
		p.Position = after
		p.Target = max(p.Target, chunk.Snapshot)
		_ = st.ProgressSyncRun(ctx, p.RunID, p.Batches, p.Records, fmt.Sprintf("posisi %d dari %d", after, p.Target))
		if progress != nil {
			progress(*p)
		}
	}
	n, err := pullUpdates(ctx, st, cfg, c, base, state.UpdateVersion)
	detail := fmt.Sprintf("posisi %d", after)
	if n > 0 {
		detail += fmt.Sprintf(", %d pembaruan dari pusat", n)
	}
	if len(quarantined) > 0 {
		detail += "; " + quarantineNote(quarantined)
	}
	return detail, err
}

// quarantineNote names the records the centre kept aside, for the sync
// history in Admin → Sinkronisasi (the first ten; the centre lists all).
func quarantineNote(qs []Quarantined) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rekaman tidak dapat disimpan pusat dan dikarantina (data lain tetap terkirim):", len(qs))
	for i, q := range qs {
		if i == 10 {
			fmt.Fprintf(&b, " dan %d lainnya", len(qs)-10)
			break
		}
		fmt.Fprintf(&b, " %s/%s (%s);", q.Table, q.ID, q.Reason)
	}
	return strings.TrimSuffix(b.String(), ";")
}

// prepared is a batch read from the store and compressed, ready to send.
type prepared struct {
	chunk store.SyncChunk
	body  []byte
	err   error
}

func prepareBatch(ctx context.Context, st *store.Store, office string, lin store.Lineage, after int64, size int) prepared {
	var p prepared
	p.chunk, p.err = st.SyncChunk(ctx, after, size)
	if p.err != nil || p.chunk.Events == 0 {
		return p
	}
	recs := p.chunk.Records
	if lin.Generation != 0 {
		recs = make([]store.SyncRecord, len(p.chunk.Records))
		for i, r := range p.chunk.Records {
			r.Version = wireVersion(lin, r.Version)
			recs[i] = r
		}
	}
	b := Batch{ID: uuid.NewString(), Office: office, After: after, To: p.chunk.To, Records: recs, Lineage: &lin}
	var buf bytes.Buffer
	if p.err = EncodeBatch(&buf, &b); p.err == nil {
		p.body = buf.Bytes()
	}
	return p
}

// pullUpdates receives the holiday calendar and catalog documents pushed
// down since the last one, keeps them, and hands them to cfg.Apply.
func pullUpdates(ctx context.Context, st *store.Store, cfg Config, c *client, base string, after int64) (int, error) {
	var ups []Update
	if err := c.do(ctx, http.MethodGet, base+"/updates?after="+strconv.FormatInt(after, 10), nil, &ups); err != nil {
		return 0, err
	}
	for _, u := range ups {
		if sha256Hex(u.Content) != u.SHA256 {
			return 0, &Error{Message: "Pembaruan dari pusat rusak (checksum tidak cocok)."}
		}
		su := store.SyncUpdate{Version: u.Version, Kind: u.Kind, Name: u.Name, SHA256: u.SHA256, Content: u.Content}
		if err := st.SaveSyncUpdate(ctx, su); err != nil {
			return 0, err
		}
		if cfg.Apply != nil {
			applyErr := ""
			if err := cfg.Apply(ctx, su); err != nil {
				applyErr = store.Message(err)
			}
			if err := st.MarkSyncUpdate(ctx, u.Version, applyErr); err != nil {
				return 0, err
			}
		}
		if err := st.AckUpdates(ctx, cfg.URL, u.Version); err != nil {
			return 0, err
		}
	}
	return len(ups), nil
}
