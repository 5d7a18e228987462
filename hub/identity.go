package hub

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"loket/office"
	"loket/store"
)

// Identity on the hub (API.md, "Identity"): a device is paired as a kind
// and may call only what that kind needs; officer actions need an officer
// token from a login on that same device; the actor of every write is the
// token's officer, never a value in the request body.

// Device kinds. A device paired before kinds existed has none and is
// treated as a counter PC (what every device was until then); officer
// actions still need an officer token, so it gains nothing it should not.
const (
	KindCounter = "counter"
	KindKiosk   = "kiosk"
	KindDisplay = "display"
	KindSurvey  = "survey"
)

// ValidKind reports whether k is a kind a device may be paired as.
func ValidKind(k string) bool {
	switch k {
	case KindCounter, KindKiosk, KindDisplay, KindSurvey:
		return true
	}
	return false
}

// kindOf is the device's kind for the policy.
func kindOf(d Device) string {
	if d.Kind == "" {
		return KindCounter
	}
	return d.Kind
}

// kindLabel is a kind in the words of the hub's screen.
func kindLabel(k string) string {
	switch k {
	case KindKiosk:
		return "kiosk antrean"
	case KindDisplay:
		return "layar antrean"
	case KindSurvey:
		return "layar survei"
	}
	return "komputer loket"
}

type kindSet uint8

const (
	kCounter kindSet = 1 << iota
	kKiosk
	kDisplay
	kSurvey

	kAll = kCounter | kKiosk | kDisplay | kSurvey
)

func (ks kindSet) has(kind string) bool {
	switch kind {
	case KindCounter:
		return ks&kCounter != 0
	case KindKiosk:
		return ks&kKiosk != 0
	case KindDisplay:
		return ks&kDisplay != 0
	case KindSurvey:
		return ks&kSurvey != 0
	}
	return false
}

// policy says who may call a method: the device kinds, and whether an
// officer token is required (every officer action). With officer set,
// the hub takes the actor from the token.
type policy struct {
	kinds   kindSet
	officer bool
	// admin: the token's officer must be an active admin (the audit
	// trail: who failed to log in, from which device).
	admin bool
}

var (
	public  = policy{kinds: kAll}                        // what any screen shows
	officer = policy{kinds: kCounter, officer: true}     // an officer at a counter PC
	kiosk   = policy{kinds: kCounter | kKiosk}           // taking a number
	survey  = policy{kinds: kCounter | kKiosk | kSurvey} // a visitor's questionnaire
	// audit is the audit trail: an admin logged in at a counter PC.
	audit = policy{kinds: kCounter, officer: true, admin: true}
)

// policies is the one table of who may call what, for every method of
// office.Service; the REST endpoints are the same methods and use it too.
// A method missing here is refused to everyone (TestPolicyCoversService
// fails first).
var policies = map[string]policy{
	// Public figures: a kiosk, a display and a survey tablet show them.
	"Office": public, "Services": public, "Counters": public, "Setting": public,
	"Holidays": public, "Catalog": public, "CatalogEntry": public,
	"TicketsToday": public, "WaitingCounts": public, "CurrentTicket": public,
	"LastEventSeq":        public,
	"TicketsChangedSince": public,
	// Every kind streams events, each only the kinds its screen needs
	// (streamFilter); the audit events (auth.*) only with an admin token.
	"Subscribe": public,
	// Any screen lets an admin log in (to leave kiosk mode) and out.
	"Login": public, "Logout": public,

	"IssueTicket": kiosk,
	// The kiosk tells the visitor the people ahead and the wait.
	"TicketEstimate": kiosk,
	"CheckIn":        kiosk,
	"SubmitSurvey":   survey,

	// Everything an officer does, from a counter PC.
	"SaveOffice": officer, "UnlockLogin": officer,
	"LoginLocks":  audit,
	"SaveService": officer, "SaveCounter": officer, "Officers": officer, "SaveOfficer": officer,
	"SaveSetting": officer, "SaveHoliday": officer, "DeleteHoliday": officer, "ImportHolidays": officer,
	"PreviewCatalog": officer, "ImportCatalog": officer, "ReviewCatalog": officer,
	"ImportCatalogReviewed": officer, "CatalogCorrections": officer,
	"SaveCatalogCorrection": officer, "DropCatalogCorrection": officer,
	"SearchSatkers": officer, "ImportSatkers": officer, "FindVisitors": officer,
	"CreateReceipt": officer, "ReceiptsToday": officer, "FindReceipt": officer,
	"SetReceiptStatus": officer, "OverdueReceipts": officer, "MarkReceiptPrinted": officer,
	"OpenCounter": officer, "TakeOverCounter": officer, "HandOverCounter": officer, "CloseCounter": officer,
	"CallNext": officer, "Recall": officer, "StartServing": officer, "Skip": officer,
	"Finish": officer, "Transfer": officer, "Reactivate": officer, "Cancel": officer,
	"CSOCategories": officer, "SaveCSOCategory": officer, "CreateConsultation": officer,
	"UpdateConsultation": officer, "ActOnConsultation": officer, "AddConsultationNote": officer,
	"Consultation": officer, "CSOBoard": officer, "KasiBoard": officer,
	"ScheduleCallback": officer, "RecordCallback": officer, "SuggestAnswers": officer,
	"ConsultationFigures": officer, "AutoCloseConsultations": officer,
	"ReportData": officer,
	// Personal data duties (office/privacy.go): the service checks the
	// token's officer is an admin or the DPO.
	"PersonalData": officer, "RestrictPerson": officer, "ErasePerson": officer,
	"PurgeRetention": officer, "ProcessingRecord": officer, "AccessLog": officer,
	// Anti-favouritism (office/integrity.go): the reason is checked by the
	// store, the officer comes from the session (the token's own); the
	// fairness sheet checks the token's officer is a Kasi or admin.
	"CallTicket": officer, "PauseCounter": officer, "ResumeCounter": officer, "FairnessSheet": officer,
}

// actorArg is, for every method naming who acts, the position of that
// argument after ctx (always a string). The hub overwrites it with the
// officer of the request's token.
var actorArg = map[string]int{
	"SaveOffice": 0, "UnlockLogin": 0, "Logout": 0, "SaveService": 0, "SaveCounter": 0,
	"SaveOfficer": 0, "SaveSetting": 0, "SaveHoliday": 0, "DeleteHoliday": 0,
	"ImportHolidays": 0, "ImportCatalog": 0, "ImportCatalogReviewed": 0,
	"SaveCatalogCorrection": 0, "DropCatalogCorrection": 0, "ImportSatkers": 0,
	"SetReceiptStatus": 0, "MarkReceiptPrinted": 0, "OpenCounter": 0, "TakeOverCounter": 0,
	"Reactivate": 0, "Cancel": 0, "SaveCSOCategory": 0, "CreateConsultation": 0,
	"UpdateConsultation": 0, "ActOnConsultation": 0, "AddConsultationNote": 0,
	"KasiBoard": 0, "ScheduleCallback": 0, "RecordCallback": 0, "ReportData": 0,
	"PersonalData": 0, "RestrictPerson": 0, "ErasePerson": 0, "PurgeRetention": 0,
	"ProcessingRecord": 0, "AccessLog": 0,
	"FairnessSheet": 0,
}

// sessionArg is, for every method acting through a counter session, the
// position of the session id after ctx. The session must be the token
// officer's own.
var sessionArg = map[string]int{
	"CreateReceipt": 0, "HandOverCounter": 0, "CloseCounter": 0, "CallNext": 0,
	"Recall": 0, "StartServing": 0, "Skip": 0, "Finish": 0, "Transfer": 0,
	"CallTicket": 0, "PauseCounter": 0, "ResumeCounter": 0,
}

// OfficerHeader carries the officer token on every request after login;
// the hub answers a successful login with the new token in it.
const OfficerHeader = "X-Loket-Officer"

// OfficerTokenTTL is how long an officer token lasts: one working day and
// its overtime. Logout revokes it sooner.
const OfficerTokenTTL = 12 * time.Hour

// Refusal codes of the access checks.
const (
	CodeLoginRequired  = "login_required"
	CodeDeviceKind     = "device_kind"
	CodeNotYourCounter = "not_your_session"
)

var (
	// ErrLoginRequired: an officer action came without a valid officer
	// token (none, expired, revoked at logout, or issued on another
	// device).
	ErrLoginRequired = &store.Error{Code: CodeLoginRequired,
		Message: "Tindakan ini memerlukan petugas yang masuk di perangkat ini; silakan masuk kembali."}
	// ErrNotYourSession: a counter session named in the request is not
	// the logged-in officer's.
	ErrNotYourSession = &store.Error{Code: CodeNotYourCounter,
		Message: "Sesi loket ini bukan milik petugas yang sedang masuk di perangkat ini."}
)

func errDeviceKind(kind string) *store.Error {
	return &store.Error{Code: CodeDeviceKind,
		Message: "Perangkat ini dipasangkan sebagai " + kindLabel(kind) + " dan tidak berwenang menjalankan perintah ini."}
}

// officerToken is a login on one device. Only the token's SHA-256 is kept.
type officerToken struct {
	officerID string
	deviceID  string
	expires   time.Time
}

// officerTokens are the hub's live officer logins. Only SHA-256 hashes
// are kept, in memory and in officerTokensFile in the hub's state dir
// (0600, rewritten at every login and logout), so a hub restart after a
// crash does not log every officer out in the middle of the day.
type officerTokens struct {
	// saveMu orders the file writes: each takes its snapshot under it,
	// so the last file written holds the newest logins; request checks
	// (mu only) never wait for the disk.
	saveMu sync.Mutex
	mu     sync.Mutex
	now    func() time.Time
	ttl    time.Duration
	path   string                  // "" keeps them in memory only
	m      map[string]officerToken // by token hash
	log    func(err error)
}

// officerTokensFile holds the officer logins beside devices.json.
const officerTokensFile = "officer-tokens.json"

type officerTokenJSON struct {
	Hash      string    `json:"token_sha256"`
	OfficerID string    `json:"officer_id"`
	DeviceID  string    `json:"device_id"`
	Expires   time.Time `json:"expires"`
}

func newOfficerTokens(now func() time.Time) *officerTokens {
	return &officerTokens{now: now, ttl: OfficerTokenTTL, m: map[string]officerToken{}, log: func(error) {}}
}

// openOfficerTokens loads the logins saved in dir; an unreadable file
// logs everyone out rather than stopping the hub.
func openOfficerTokens(dir string, now func() time.Time, logf func(error)) *officerTokens {
	t := newOfficerTokens(now)
	t.path, t.log = filepath.Join(dir, officerTokensFile), logf
	b, err := os.ReadFile(t.path)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			logf(err)
		}
		return t
	}
	var saved []officerTokenJSON
	if err := json.Unmarshal(b, &saved); err != nil {
		logf(fmt.Errorf("%s: %w", t.path, err))
		return t
	}
	n := now()
	for _, v := range saved {
		if n.Before(v.Expires) {
			t.m[v.Hash] = officerToken{officerID: v.OfficerID, deviceID: v.DeviceID, expires: v.Expires}
		}
	}
	return t
}

// save writes the logins. Callers do not hold mu. A failed write is
// logged: the logins stay valid in memory and only a restart would lose
// them.
func (t *officerTokens) save() {
	if t.path == "" {
		return
	}
	t.saveMu.Lock()
	defer t.saveMu.Unlock()
	t.mu.Lock()
	out := make([]officerTokenJSON, 0, len(t.m))
	for h, v := range t.m {
		out = append(out, officerTokenJSON{Hash: h, OfficerID: v.officerID, DeviceID: v.deviceID, Expires: v.expires})
	}
	t.mu.Unlock()
	b, err := json.MarshalIndent(out, "", "  ")
	if err == nil {
		err = writeFileAtomic(t.path, append(b, '\n'), 0o600)
	}
	if err != nil {
		t.log(err)
	}
}

// issue makes a token for officerID bound to deviceID.
func (t *officerTokens) issue(officerID, deviceID string) string {
	b := make([]byte, tokenBytes)
	_, _ = rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	t.mu.Lock()
	now := t.now()
	for h, v := range t.m { // drop the expired, so the map stays small
		if !now.Before(v.expires) {
			delete(t.m, h)
		}
	}
	t.m[hashToken(tok)] = officerToken{officerID: officerID, deviceID: deviceID, expires: now.Add(t.ttl)}
	t.mu.Unlock()
	t.save()
	return tok
}

// check returns the officer of tok when it is live and was issued on
// deviceID.
func (t *officerTokens) check(tok, deviceID string) (string, bool) {
	if tok == "" {
		return "", false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.m[hashToken(tok)]
	if !ok || v.deviceID != deviceID || !t.now().Before(v.expires) {
		return "", false
	}
	return v.officerID, true
}

// revoke ends tok (logout); it reports the officer it belonged to.
func (t *officerTokens) revoke(tok, deviceID string) (string, bool) {
	t.mu.Lock()
	h := hashToken(tok)
	v, ok := t.m[h]
	if ok && v.deviceID == deviceID {
		delete(t.m, h)
	}
	t.mu.Unlock()
	if !ok || v.deviceID != deviceID {
		return "", false
	}
	t.save()
	return v.officerID, true
}

// revokeDevice ends every login of a revoked device.
func (t *officerTokens) revokeDevice(deviceID string) {
	t.mu.Lock()
	for h, v := range t.m {
		if v.deviceID == deviceID {
			delete(t.m, h)
		}
	}
	t.mu.Unlock()
	t.save()
}

type officerKey struct{}

// officerOf is the officer the request's token names ("" before any
// officer exists, at first-run set-up).
func officerOf(ctx context.Context) string {
	id, _ := ctx.Value(officerKey{}).(string)
	return id
}

// guard applies method's policy to the request: the device's kind, then,
// for officer actions, the officer token (its officer goes into the
// returned context). Every refusal is audited.
func (s *Server) guard(r *http.Request, method string) (context.Context, error) {
	ctx := r.Context()
	d := deviceOf(r)
	kind := kindOf(d)
	pol, ok := policies[method]
	if !ok || !pol.kinds.has(kind) {
		return ctx, s.refuse(ctx, d, method, "", errDeviceKind(kind))
	}
	if !pol.officer {
		return ctx, nil
	}
	tok := strings.TrimSpace(r.Header.Get(OfficerHeader))
	if id, ok := s.tokens.check(tok, d.ID); ok {
		ctx = context.WithValue(ctx, officerKey{}, id)
		// The access log's who and why: the token's officer, the screen the client names.
		ctx = office.WithViewer(ctx, id, screenOf(r))
		if pol.admin && !s.isAdmin(ctx, id) {
			return ctx, s.refuse(ctx, d, method, id, store.ErrForbidden)
		}
		return ctx, nil
	}
	if tok == "" && s.noOfficers(ctx) {
		// First-run set-up over the hub: before any officer exists
		// there is nobody to log in as (office.Local lets the first
		// admin be created the same way).
		return ctx, nil
	}
	return ctx, s.refuse(ctx, d, method, "", ErrLoginRequired)
}

// accessFacts is what the access checks ask the office beyond
// office.Service: office.Local answers it from its store. A service
// without it (tests of other services) leaves the checks to the service.
type accessFacts interface {
	Officer(ctx context.Context, id string) (store.Officer, error)
	SessionOfficer(ctx context.Context, sessionID string) (string, error)
	AuditAccess(ctx context.Context, a store.AccessAudit) error
}

// isAdmin reports whether officerID is an active admin. Without a store
// to ask (tests of other services) the service's own checks decide.
func (s *Server) isAdmin(ctx context.Context, officerID string) bool {
	af, ok := s.svc.(accessFacts)
	if !ok {
		return true
	}
	o, err := af.Officer(ctx, officerID)
	return err == nil && o.Active && o.Role == store.RoleAdmin
}

// noOfficers reports whether the office has no officer yet.
func (s *Server) noOfficers(ctx context.Context) bool {
	if _, ok := s.svc.(accessFacts); !ok {
		return false
	}
	offs, err := s.svc.Officers(ctx)
	return err == nil && len(offs) == 0
}

// ownSession refuses a session id that is not the token officer's own.
func (s *Server) ownSession(ctx context.Context, method, sessionID string) error {
	me := officerOf(ctx)
	af, ok := s.svc.(accessFacts)
	if !ok || me == "" {
		return nil // no store to ask (tests of other services); first run
	}
	owner, known := s.owners.get(sessionID) // callcache.go
	if !known {
		var err error
		if owner, err = af.SessionOfficer(ctx, sessionID); err != nil {
			return err // no such session: counter_closed, as acting with it would answer
		}
		s.owners.put(sessionID, owner)
	}
	if owner != me {
		return s.refuse(ctx, deviceIn(ctx), method, me, ErrNotYourSession)
	}
	return nil
}

// actor is the officer acting for the request: the token's, whatever the
// body said.
func actor(ctx context.Context) string { return officerOf(ctx) }

// refuse logs and audits a refusal, and returns it (a fresh copy).
func (s *Server) refuse(ctx context.Context, d Device, method, officerID string, e *store.Error) error {
	s.log.Info("hub: access refused", "device", d.ID, "kind", kindOf(d), "method", method, "code", e.Code)
	if !s.auditBudget.take(d.ID) {
		// A device hammering refused calls must not turn each into a
		// write every ticket waits behind: past the budget the refusal
		// is only logged (above).
		return clone(e)
	}
	if af, ok := s.svc.(accessFacts); ok {
		// The audit row must not depend on the refused client waiting
		// for it; it is written even if the request is abandoned.
		if err := af.AuditAccess(context.WithoutCancel(ctx), store.AccessAudit{Kind: store.EvAccessRefused,
			Device: d.ID, DeviceKind: kindOf(d), Method: method, Reason: e.Code, OfficerID: officerID}); err != nil {
			s.log.Error("hub: audit refusal", "err", err)
		}
	}
	return clone(e)
}

// login runs Login and, on success, issues the device an officer token
// in OfficerHeader.
func (s *Server) login(w http.ResponseWriter, r *http.Request, username, password string) (store.Officer, error) {
	o, err := s.svc.Login(r.Context(), username, password)
	if err != nil {
		return o, err
	}
	w.Header().Set(OfficerHeader, s.tokens.issue(o.ID, deviceOf(r).ID))
	return o, nil
}

// logout revokes the request's officer token, if any, and audits it.
func (s *Server) logout(r *http.Request) {
	d := deviceOf(r)
	id, ok := s.tokens.revoke(strings.TrimSpace(r.Header.Get(OfficerHeader)), d.ID)
	if !ok {
		return
	}
	if af, isLocal := s.svc.(accessFacts); isLocal {
		if err := af.AuditAccess(context.WithoutCancel(r.Context()), store.AccessAudit{Kind: store.EvLogout,
			Device: d.ID, DeviceKind: kindOf(d), Method: "Logout", OfficerID: id}); err != nil {
			s.log.Error("hub: audit logout", "err", err)
		}
	}
}

// publicEvent strips what a stream must not carry: counter session ids
// (the event log keeps them for audit and sync).
func publicEvent(e store.Event) store.Event {
	if _, ok := e.Data["session"]; !ok {
		return e
	}
	d := make(map[string]string, len(e.Data))
	for k, v := range e.Data {
		if k != "session" {
			d[k] = v
		}
	}
	e.Data = d
	return e
}

// mustPolicy stops the hub from starting with an endpoint for a method
// the policy table does not know (a programming error caught by every
// test that starts a hub).
func mustPolicy(method string) {
	if _, ok := policies[method]; !ok {
		panic("hub: no access policy for " + method)
	}
}

// auditBudget bounds the refusal audit rows per device: auditPerMinute a
// minute, the rest only in the hub's log.
type auditBudget struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]auditWindow
}

type auditWindow struct {
	start time.Time
	n     int
}

const auditPerMinute = 30

func (b *auditBudget) take(device string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if b.m == nil {
		b.m = map[string]auditWindow{}
	}
	w := b.m[device]
	if now.Sub(w.start) >= time.Minute {
		w = auditWindow{start: now}
	}
	w.n++
	b.m[device] = w
	return w.n <= auditPerMinute
}

// streamFilter decides which events one stream carries and in what form
// (API.md, "Event streams"). A counter PC gets every event (without
// session ids) but the audit trail, which needs an admin's token; a
// kiosk, display or survey tablet gets only what a public screen shows:
// tickets, counters, services, settings, the office and its calendar,
// with no officer id and only the public data fields.
type streamFilter struct {
	kind  string
	audit bool // an admin's token came with the stream (counter PCs only)
}

// screenKinds are the event kind prefixes a public screen follows: the
// display redraws on ticket, counter, service and setting events, the
// survey tablet starts on ticket.done at its counter.
var screenKinds = []string{"ticket.", "counter.", "service.", store.EvSettingSaved, store.EvOfficeSetup,
	store.EvHolidaysChanged}

// screenData are the data fields a public screen may see: a ticket's
// number, status, counter and priority; a service's or counter's name.
// Everything else (officers, reasons, setting values, receipts) stays on
// counter PCs.
var screenData = map[string]bool{"number": true, "status": true, "counter": true, "priority": true,
	"service": true, "services": true, "name": true, "active": true, "prefix": true, "zone": true, "key": true}

// isAudit reports whether an event kind belongs to the audit trail
// (logins, refusals, logouts, lockouts).
func isAudit(kind string) bool { return strings.HasPrefix(kind, "auth.") }

// apply returns the event as this stream carries it, or false when the
// stream skips it.
func (f streamFilter) apply(e store.Event) (store.Event, bool) {
	if isAudit(e.Kind) {
		return e, f.audit && f.kind == KindCounter
	}
	if f.kind == KindCounter {
		return publicEvent(e), true
	}
	keep := false
	for _, p := range screenKinds {
		if e.Kind == p || (strings.HasSuffix(p, ".") && strings.HasPrefix(e.Kind, p)) {
			keep = true
			break
		}
	}
	if !keep {
		return e, false
	}
	e.OfficerID = ""
	if e.Ticket != nil {
		t := *e.Ticket // shared with every stream: copy before changing
		t.OfficerID = ""
		e.Ticket = &t
	}
	d := make(map[string]string, len(e.Data))
	for k, v := range e.Data {
		if screenData[k] {
			d[k] = v
		}
	}
	if len(d) == 0 {
		d = nil
	}
	e.Data = d
	return e, true
}

// streamFilterFor is the filter of the stream r opens: by its device's
// kind, with the audit trail when r carries a live admin token of a
// counter PC. A missing or stale token narrows the stream; it never
// refuses it (a display must keep showing calls).
func (s *Server) streamFilterFor(r *http.Request) streamFilter {
	d := deviceOf(r)
	f := streamFilter{kind: kindOf(d)}
	if f.kind != KindCounter {
		return f
	}
	tok := strings.TrimSpace(r.Header.Get(OfficerHeader))
	if id, ok := s.tokens.check(tok, d.ID); ok {
		f.audit = s.isAdmin(r.Context(), id)
	}
	return f
}
