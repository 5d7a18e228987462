package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/queue/lifecycle"
	"loket/store"
)

// Every method of office.Service has a policy, so a method added to the
// interface cannot reach the LAN unpoliced; the actor and session tables
// name real string arguments of real methods.
func TestPolicyCoversService(t *testing.T) {
	for i := range serviceType.NumMethod() {
		m := serviceType.Method(i)
		if _, ok := policies[m.Name]; !ok {
			t.Errorf("office.Service.%s has no entry in policies", m.Name)
		}
	}
	for name := range policies {
		if _, ok := serviceType.MethodByName(name); !ok {
			t.Errorf("policies names %s, not a method of office.Service", name)
		}
	}
	for tbl, m := range map[string]map[string]int{"actorArg": actorArg, "sessionArg": sessionArg} {
		for name, i := range m {
			meth, ok := serviceType.MethodByName(name)
			if !ok {
				t.Errorf("%s names %s, not a method of office.Service", tbl, name)
				continue
			}
			// Interface method types have no receiver: In(0) is ctx.
			if i+1 >= meth.Type.NumIn() || meth.Type.In(i+1).Kind() != reflect.String {
				t.Errorf("%s: %s argument %d is not a string", tbl, name, i)
			}
			if p := policies[name]; !p.officer && name != "Logout" {
				t.Errorf("%s: %s names an officer but needs no officer token", tbl, name)
			}
		}
	}
	// An officer action whose first argument is a string must say what
	// that string is: the actor (actorArg), a counter session
	// (sessionArg), or something else (listed here). So a new method
	// cannot slip past the actor replacement by being forgotten.
	notActor := map[string]bool{"PreviewCatalog": true, "ReviewCatalog": true, "SearchSatkers": true,
		"FindVisitors": true, "FindReceipt": true, "Consultation": true, "SuggestAnswers": true}
	for name, p := range policies {
		m, _ := serviceType.MethodByName(name)
		if !p.officer || m.Type == nil || m.Type.NumIn() < 2 || m.Type.In(1).Kind() != reflect.String {
			continue
		}
		_, a := actorArg[name]
		_, s := sessionArg[name]
		switch {
		case a && s:
			t.Errorf("%s is in both actorArg and sessionArg", name)
		case !a && !s && !notActor[name]:
			t.Errorf("%s: officer action with a string first argument in neither actorArg nor sessionArg", name)
		case (a || s) && notActor[name]:
			t.Errorf("%s: listed as not naming an actor but in a table", name)
		}
	}
}

// rawDevice speaks to the hub as a paired device without the Go client's
// manners: any body, any officer token.
type rawDevice struct {
	t   *testing.T
	cfg ClientConfig
	hc  *http.Client
}

func newRaw(t *testing.T, cfg ClientConfig) *rawDevice {
	hc := &http.Client{Transport: newTransport(cfg.Fingerprint, nil), Timeout: 10 * time.Second}
	t.Cleanup(hc.CloseIdleConnections)
	return &rawDevice{t: t, cfg: cfg, hc: hc}
}

// post sends body to path with officerTok in OfficerHeader ("" for none)
// and returns the status and the refusal code ("" on success).
func (d *rawDevice) post(path, officerTok string, body any) (int, string) {
	d.t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, "https://"+d.cfg.Addr+path, bytes.NewReader(b))
	if err != nil {
		d.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+d.cfg.Token)
	req.Header.Set("Content-Type", "application/json")
	if officerTok != "" {
		req.Header.Set(OfficerHeader, officerTok)
	}
	resp, err := d.hc.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	var e errorBody
	_ = json.NewDecoder(resp.Body).Decode(&e)
	if resp.StatusCode == http.StatusOK {
		return resp.StatusCode, ""
	}
	if e.Message == "" {
		d.t.Errorf("%s: refusal %q without a sentence", path, e.Code)
	}
	return resp.StatusCode, e.Code
}

// tokenOf is the officer token the client holds for officerID.
func tokenOf(c *Client, officerID string) string {
	c.offMu.Lock()
	defer c.offMu.Unlock()
	return c.offTokens[officerID]
}

// The attacks of issue 20 against a hub with a kiosk, a display and two
// counter PCs paired for real, over a real store: each is refused with an
// Indonesian sentence and audited, and the legitimate flows still work.
func TestIdentityAttacksRefused(t *testing.T) {
	st, _ := newOffice(t)
	st.Now = time.Now
	local := office.NewLocal(st)
	demoOffice(t, local)
	h := startHub(t, t.TempDir(), local, "127.0.0.1:0")
	kioskCfg := pairAs(t, h, "Kiosk", KindKiosk)
	displayCfg := pairAs(t, h, "Layar", KindDisplay)
	counterCfg := pair(t, h, "Loket 1")
	counter2Cfg := pair(t, h, "Loket 2")
	kiosk, display := newClient(t, kioskCfg), newClient(t, displayCfg)
	counter, counter2 := newClient(t, counterCfg), newClient(t, counter2Cfg)
	rawKiosk, rawCounter, rawCounter2 := newRaw(t, kioskCfg), newRaw(t, counterCfg), newRaw(t, counter2Cfg)
	ctx := context.Background()

	offs, err := local.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, o := range offs {
		ids[o.Username] = o.ID
	}
	admin, fo1 := ids["admin"], ids["fo1"]
	svcs, err := local.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ctrs, err := local.Counters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refusals := 0
	refused := func(what string, err error, code string) {
		t.Helper()
		refusals++
		var e *store.Error
		if !errAs(err, &e) || e.Code != code || e.Message == "" {
			t.Fatalf("%s: want refusal %q, got %v", what, code, err)
		}
	}

	// The display's stream, open from the start.
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	events, err := display.Subscribe(sctx, -1)
	if err != nil {
		t.Fatal(err)
	}

	// A kiosk reads public figures and issues tickets ...
	if _, err := kiosk.Office(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := kiosk.Services(ctx); err != nil {
		t.Fatal(err)
	}
	tk, err := kiosk.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	// ... and nothing else: not the admin's id, not the settings, not an
	// admin account, not a counter, even with an admin logged in on it.
	_, err = kiosk.Officers(ctx)
	refused("kiosk reads officers", err, CodeDeviceKind)
	if _, err := kiosk.Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatalf("an admin logs in on the kiosk (to leave kiosk mode): %v", err)
	}
	refused("kiosk saves a setting", kiosk.SaveSetting(ctx, admin, store.SettingRunningText, "diretas"), CodeDeviceKind)
	_, err = kiosk.SaveOffice(ctx, admin, office.DemoOffice())
	refused("kiosk renames the office", err, CodeDeviceKind)
	_, err = kiosk.SaveOfficer(ctx, admin, store.Officer{Username: "penyusup", FullName: "Penyusup",
		Role: store.RoleAdmin, Active: true}, "rahasia1")
	refused("kiosk creates an admin", err, CodeDeviceKind)
	_, err = kiosk.OpenCounter(ctx, fo1, ctrs[0].ID, []string{svcs[0].ID})
	refused("kiosk opens a counter", err, CodeDeviceKind)
	if status, code := rawKiosk.post("/v1/tickets/call-next", tokenOf(kiosk, admin), sessionReq{SessionID: "x"}); status != http.StatusForbidden || code != CodeDeviceKind {
		t.Fatalf("kiosk calls a ticket: %d %s", status, code)
	}
	refusals++
	if status, code := rawKiosk.post("/v1/call/SaveSetting", tokenOf(kiosk, admin), callReq{Args: rawArgs(admin, "k", "v")}); status != http.StatusForbidden || code != CodeDeviceKind {
		t.Fatalf("kiosk saves a setting through /v1/call: %d %s", status, code)
	}
	refusals++

	// A counter PC without a login acts as nobody.
	refused("counter without login saves a setting", counter.SaveSetting(ctx, admin, store.SettingRunningText, "x"), CodeLoginRequired)
	_, err = counter.OpenCounter(ctx, fo1, ctrs[0].ID, []string{svcs[0].ID})
	refused("counter without login opens a counter", err, CodeLoginRequired)
	_, err = counter.Cancel(ctx, "nobody", tk.ID, "uji")
	refused("cancel as nobody", err, CodeLoginRequired)
	_, err = counter.Reactivate(ctx, "nobody", tk.ID)
	refused("reactivate as nobody", err, CodeLoginRequired)

	// fo1 logs in on counter 1: the actor is fo1 whatever the body says.
	if _, err := counter.Login(ctx, "fo1", office.DemoPassword); err != nil {
		t.Fatal(err)
	}
	fo1Tok := tokenOf(counter, fo1)
	if status, code := rawCounter.post("/v1/settings", fo1Tok, saveSettingReq{ActorID: admin, Key: store.SettingRunningText, Value: "x"}); status != http.StatusForbidden || code != "forbidden" {
		t.Fatalf("fo1 saves a setting naming the admin as actor: %d %s", status, code)
	}
	if status, code := rawCounter.post("/v1/call/SaveOfficer", fo1Tok, callReq{Args: rawArgs(admin,
		store.Officer{Username: "penyusup", FullName: "P", Role: store.RoleAdmin, Active: true}, "rahasia1")}); status != http.StatusForbidden || code != "forbidden" {
		t.Fatalf("fo1 creates an admin naming the admin as actor: %d %s", status, code)
	}
	// The body's officer is ignored: opening "as fo2" opens as fo1.
	if status, code := rawCounter.post("/v1/sessions/open", fo1Tok, openCounterReq{OfficerID: ids["fo2"],
		CounterID: ctrs[0].ID, ServiceIDs: []string{svcs[0].ID}}); status != http.StatusOK {
		t.Fatalf("fo1 opens a counter naming fo2: %d %s", status, code)
	}
	sess, err := counter.OpenCounter(ctx, fo1, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if sess.OfficerID != fo1 {
		t.Fatalf("session opened for %s, want fo1", sess.OfficerID)
	}
	evs, err := st.EventsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if (e.Kind == store.EvCounterOpened || e.Kind == store.EvCounterTakenOver) && e.OfficerID != fo1 {
			t.Fatalf("%s for %s through fo1's token", e.Kind, e.OfficerID)
		}
	}
	called, err := counter.CallNext(ctx, sess.ID)
	if err != nil || called.ID != tk.ID {
		t.Fatalf("fo1 calls: %+v %v", called, err)
	}

	// The display saw counter.opened without the session id, and cannot
	// act with one anyway.
	deadline := time.After(10 * time.Second)
	for seen := false; !seen; {
		select {
		case e := <-events:
			if _, ok := e.Data["session"]; ok {
				t.Fatalf("%s on the stream carries a session id: %v", e.Kind, e.Data)
			}
			seen = e.Kind == store.EvTicketCalled
		case <-deadline:
			t.Fatal("the display never saw the call")
		}
	}
	_, err = display.CallNext(ctx, sess.ID)
	refused("display calls with a session id", err, CodeDeviceKind)
	refused("display closes a counter", display.CloseCounter(ctx, sess.ID), CodeDeviceKind)

	// Another officer on another PC cannot use fo1's session ...
	if _, err := counter2.Login(ctx, "fo2", office.DemoPassword); err != nil {
		t.Fatal(err)
	}
	_, err = counter2.Finish(ctx, sess.ID, tk.ID)
	refused("fo2 finishes with fo1's session", err, CodeNotYourCounter)
	refused("fo2 closes fo1's counter", counter2.CloseCounter(ctx, sess.ID), CodeNotYourCounter)
	_, err = counter2.CallTicket(ctx, sess.ID, tk.ID, lifecycle.CallReasons[0])
	refused("fo2 calls a chosen ticket with fo1's session", err, CodeNotYourCounter)
	refused("fo2 pauses fo1's counter", counter2.PauseCounter(ctx, sess.ID, lifecycle.PauseReasons[0]), CodeNotYourCounter)
	// ... nor fo1's token from another device.
	if status, code := rawCounter2.post("/v1/tickets/finish", fo1Tok, ticketReq{SessionID: sess.ID, TicketID: tk.ID}); status != http.StatusForbidden || code != CodeLoginRequired {
		t.Fatalf("fo1's token used on device B: %d %s", status, code)
	}
	refusals++

	// Cancel and Reactivate act as the token's officer ("nobody" in the
	// body is ignored) and need an active officer in-process too.
	if status, code := rawCounter.post("/v1/tickets/cancel", fo1Tok, ticketReq{ActorID: "nobody", TicketID: tk.ID, Reason: "uji"}); status != http.StatusOK {
		t.Fatalf("fo1 cancels: %d %s", status, code)
	}
	evs, err = st.EventsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if e := lastOf(evs, store.EvTicketCancelled); e.OfficerID != fo1 {
		t.Fatalf("cancel recorded as %q, want fo1", e.OfficerID)
	}
	_, err = local.Cancel(ctx, "nobody", tk.ID, "uji")
	refused("in-process cancel as nobody", err, "forbidden")
	refusals-- // in-process: no hub audit
	_, err = local.Reactivate(ctx, "nobody", tk.ID)
	refused("in-process reactivate as nobody", err, "forbidden")
	refusals--

	// The legitimate flow goes on: fo1 finishes and closes.
	tk2, err := kiosk.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := counter.CallNext(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := counter.Finish(ctx, sess.ID, tk2.ID); err != nil {
		t.Fatal(err)
	}
	// The admin logs in on counter 2 and saves a setting.
	if _, err := counter2.Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatal(err)
	}
	if err := counter2.SaveSetting(ctx, admin, store.SettingRunningText, "Selamat datang"); err != nil {
		t.Fatalf("admin saves a setting: %v", err)
	}

	// After logout the token is dead.
	if err := counter.Logout(ctx, fo1); err != nil {
		t.Fatal(err)
	}
	if status, code := rawCounter.post("/v1/sessions/close", fo1Tok, sessionReq{SessionID: sess.ID}); status != http.StatusForbidden || code != CodeLoginRequired {
		t.Fatalf("token after logout: %d %s", status, code)
	}
	refusals++
	// An expired token is dead too.
	if _, err := counter.Login(ctx, "fo1", office.DemoPassword); err != nil {
		t.Fatal(err)
	}
	h.srv.tokens.mu.Lock()
	h.srv.tokens.now = func() time.Time { return time.Now().Add(OfficerTokenTTL + time.Minute) }
	h.srv.tokens.mu.Unlock()
	refused("expired token", counter.CloseCounter(ctx, sess.ID), CodeLoginRequired)

	// Every refusal by the hub is an audit event naming device and method.
	evs, err = st.EventsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Kind != store.EvAccessRefused {
			continue
		}
		n++
		if e.Data["device"] == "" || e.Data["method"] == "" || e.Data["reason"] == "" || e.Data["device_kind"] == "" {
			t.Fatalf("audit event lacks detail: %+v", e.Data)
		}
	}
	if n != refusals {
		t.Fatalf("%d refusals audited, want %d", n, refusals)
	}
	if lastOf(evs, store.EvLogout).OfficerID != fo1 {
		t.Fatal("logout not audited")
	}
}

func rawArgs(args ...any) []json.RawMessage {
	out := make([]json.RawMessage, len(args))
	for i, a := range args {
		out[i], _ = json.Marshal(a)
	}
	return out
}

func lastOf(evs []store.Event, kind string) store.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Kind == kind {
			return evs[i]
		}
	}
	return store.Event{}
}

func errAs(err error, e **store.Error) bool {
	if err == nil {
		return false
	}
	se, ok := asRefusal(err)
	*e = se
	return ok
}

// A device paired before kinds existed counts as a counter PC; an
// unknown kind is refused at pairing.
func TestPairingKind(t *testing.T) {
	st, _ := newOffice(t)
	h := startHub(t, t.TempDir(), office.NewLocal(st), "127.0.0.1:0")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Pair(ctx, h.addr, "Aneh", nil, PairOptions{Poll: 5 * time.Millisecond, Kind: "printer"})
	wantCode(t, err, CodePairing)
	cfg := pairAs(t, h, "Survei", KindSurvey)
	if cfg.Kind != KindSurvey {
		t.Fatalf("config kind %q", cfg.Kind)
	}
	for _, d := range h.srv.Devices() {
		if d.Name == "Survei" && d.Kind != KindSurvey {
			t.Fatalf("registry kind %q", d.Kind)
		}
	}
	if kindOf(Device{}) != KindCounter {
		t.Fatal("a device without kind is not a counter PC")
	}
	if !strings.Contains(errDeviceKind(KindSurvey).Message, "layar survei") {
		t.Fatal("refusal does not name the kind")
	}
}

// Officer logins survive a hub restart (a crash mid-day does not log
// fifty officers out); the file holds hashes, never a token.
func TestOfficerTokenSurvivesRestart(t *testing.T) {
	st, _ := newOffice(t)
	st.Now = time.Now
	local := office.NewLocal(st)
	demoOffice(t, local)
	dir := t.TempDir()
	h := startHub(t, dir, local, "127.0.0.1:0")
	cfg := pair(t, h, "Loket 1")
	c := newClient(t, cfg)
	o, err := c.Login(context.Background(), "fo1", office.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	tok := tokenOf(c, o.ID)
	h.stop()
	b, err := os.ReadFile(filepath.Join(dir, officerTokensFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(tok)) || !bytes.Contains(b, []byte(hashToken(tok))) {
		t.Fatalf("officer token file holds the token itself or not its hash:\n%s", b)
	}
	h2 := startHub(t, dir, local, "127.0.0.1:0")
	cfg.Addr = h2.addr
	raw := newRaw(t, cfg)
	ctrs, err := local.Counters(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	svcs, err := local.Services(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if status, code := raw.post("/v1/sessions/open", tok, openCounterReq{CounterID: ctrs[0].ID, ServiceIDs: []string{svcs[0].ID}}); status != http.StatusOK {
		t.Fatalf("login after restart: %d %s", status, code)
	}
	// Logout is remembered across a restart too.
	if status, code := raw.post("/v1/call/Logout", tok, callReq{Args: rawArgs(o.ID)}); status != http.StatusOK {
		t.Fatalf("logout: %d %s", status, code)
	}
	h2.stop()
	h3 := startHub(t, dir, local, "127.0.0.1:0")
	cfg.Addr = h3.addr
	if status, code := newRaw(t, cfg).post("/v1/sessions/open", tok, openCounterReq{CounterID: ctrs[0].ID,
		ServiceIDs: []string{svcs[0].ID}}); status != http.StatusForbidden || code != CodeLoginRequired {
		t.Fatalf("token after logout and restart: %d %s", status, code)
	}
}

// A device hammering refused calls gets auditPerMinute audit rows a
// minute, not one write per refusal; the next minute audits again.
func TestAuditBudget(t *testing.T) {
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	b := auditBudget{now: func() time.Time { return now }}
	for i := range auditPerMinute {
		if !b.take("dev-a") {
			t.Fatalf("refusal %d not audited", i+1)
		}
	}
	if b.take("dev-a") {
		t.Fatal("refusal past the budget audited")
	}
	if !b.take("dev-b") {
		t.Fatal("another device's budget was spent")
	}
	now = now.Add(time.Minute)
	if !b.take("dev-a") {
		t.Fatal("budget not renewed after a minute")
	}
}
