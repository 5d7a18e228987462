package hub

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"

	"loket/office"
	"loket/store"
)

//go:generate go run gen_client.go

// The generic call endpoint: POST /v1/call/{Method} with {"args":[...]}
// (the method's arguments after ctx, in order) answers {"results":[...]}
// (its results before the error). It serves every method of
// office.Service except Subscribe, found by reflection, so a method added
// to the interface is on the wire the moment the hub is rebuilt. The
// client sends every ordinary method through it (client_gen.go, made by
// `go generate ./hub`); the REST endpoints of server.go are the readable
// form of the same calls for curl and scripts (see API.md).

var (
	serviceType = reflect.TypeFor[office.Service]()
	ctxType     = reflect.TypeFor[context.Context]()
	errType     = reflect.TypeFor[error]()
)

// unqueued are the writes that do not wait for the hub's write slot:
// Login checks a bcrypt hash outside it (the store writes the outcome in
// its own short turn), and Logout only drops a token. The reads never
// queue either (readOnly, admission.go).
var unqueued = map[string]bool{"Login": true, "Logout": true}

type callReq struct {
	Args []json.RawMessage `json:"args"`
}

type callResp struct {
	Results []any `json:"results"`
}

// callable reports whether the interface method can go through /v1/call:
// ctx first, error last, no channels.
func callable(m reflect.Method) bool {
	t := m.Type
	if t.NumIn() < 1 || t.In(0) != ctxType || t.NumOut() < 1 || t.Out(t.NumOut()-1) != errType {
		return false
	}
	for i := 0; i < t.NumOut(); i++ {
		if t.Out(i).Kind() == reflect.Chan {
			return false
		}
	}
	return true
}

func (s *Server) handleCall(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("method")
	// Only the interface's method set: never whatever else the concrete
	// service happens to export (Local.Store, ...).
	cm := s.calls.lookup(s, name) // callcache.go
	m, ok := cm.m, cm.ok
	if !ok {
		s.writeErr(w, r, &store.Error{Code: "not_found", Message: "Perintah tidak dikenal oleh server kantor (hub). Pastikan versi aplikasi sama dengan versi hub."})
		return
	}
	var q callReq
	r, ok = s.admit(w, r, name, &q)
	if !ok {
		return
	}
	ctx := r.Context()
	t := m.Type
	if len(q.Args) != t.NumIn()-1 {
		s.writeErr(w, r, ErrBadRequest)
		return
	}
	in := make([]reflect.Value, t.NumIn())
	in[0] = reflect.ValueOf(r.Context())
	for i, raw := range q.Args {
		p := reflect.New(t.In(i + 1))
		if err := json.Unmarshal(raw, p.Interface()); err != nil {
			s.log.Debug("hub: bad call argument", "method", name, "arg", i, "err", err)
			s.writeErr(w, r, ErrBadRequest)
			return
		}
		in[i+1] = p.Elem()
	}
	// The actor is the token's officer, whatever the body said.
	if i, ok := actorArg[name]; ok && policies[name].officer {
		in[i+1] = reflect.ValueOf(actor(ctx))
	}
	if i, ok := sessionArg[name]; ok {
		if err := s.ownSession(ctx, name, in[i+1].String()); err != nil {
			s.writeErr(w, r, err)
			return
		}
	}
	switch name {
	case "Login":
		o, err := s.login(w, r, in[1].String(), in[2].String())
		if err != nil {
			s.writeErr(w, r, err)
			return
		}
		s.writeJSON(w, http.StatusOK, callResp{Results: []any{o}})
		return
	case "Logout":
		// The officer is the token's; without a (live) token there is
		// nobody logged in here and nothing to end.
		s.logout(r)
		s.writeJSON(w, http.StatusOK, callResp{Results: []any{}})
		return
	}
	release := func() {}
	if !unqueued[name] && !readOnly[name] { // reads never wait for writes (admission.go)
		var err error
		if release, err = s.admitWrite(r.Context()); err != nil {
			s.writeErr(w, r, err)
			return
		}
	}
	out := cm.fn.Call(in)
	release()
	if errV := out[len(out)-1]; !errV.IsNil() {
		s.writeErr(w, r, errV.Interface().(error))
		return
	}
	res := callResp{Results: make([]any, 0, len(out)-1)}
	for _, v := range out[:len(out)-1] {
		res.Results = append(res.Results, v.Interface())
	}
	s.writeJSON(w, http.StatusOK, res)
}

// invoke calls method on the hub through /v1/call and decodes its results
// into outs (pointers, one per result before the error).
func (c *Client) invoke(ctx context.Context, method string, args []any, outs ...any) error {
	var raw struct {
		Results []json.RawMessage `json:"results"`
	}
	if args == nil {
		args = []any{}
	}
	// Send the token of the officer the call names (identity.go).
	if i, ok := actorArg[method]; ok && i < len(args) {
		if id, isStr := args[i].(string); isStr {
			ctx = c.as(ctx, id)
		}
	} else if i, ok := sessionArg[method]; ok && i < len(args) {
		if id, isStr := args[i].(string); isStr {
			ctx = c.asSession(ctx, id)
		}
	} else if id, _ := office.ViewerFrom(ctx); id != "" {
		ctx = c.as(ctx, id) // a look-up of personal data: the viewer's own login
	}
	if err := c.do(ctx, http.MethodPost, "/v1/call/"+method, map[string]any{"args": args}, &raw); err != nil {
		return err
	}
	if len(raw.Results) != len(outs) {
		c.log.Error("hub: call answered with wrong result count", "method", method, "got", len(raw.Results), "want", len(outs))
		return clone(ErrBadRequest)
	}
	for i, o := range outs {
		if err := json.Unmarshal(raw.Results[i], o); err != nil {
			c.log.Error("hub: call result unreadable", "method", method, "err", err)
			return clone(ErrBadRequest)
		}
	}
	return nil
}

func invoke1[T any](c *Client, ctx context.Context, method string, args ...any) (T, error) {
	var v T
	err := c.invoke(ctx, method, args, &v)
	return v, err
}

// LoginLocks implements office.Service.
func (c *Client) LoginLocks(ctx context.Context) ([]store.LoginLock, error) {
	// The audit trail is an admin's: send the admin's login, not the
	// latest officer's.
	if tok := c.adminToken(); tok != "" {
		ctx = context.WithValue(ctx, officerSelKey{}, tok)
	}
	return invoke1[[]store.LoginLock](c, ctx, "LoginLocks")
}

// TakeOverCounter implements office.Service.
func (c *Client) TakeOverCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (store.CounterSession, error) {
	sess, err := invoke1[store.CounterSession](c, ctx, "TakeOverCounter", officerID, counterID, serviceIDs)
	c.openedSession(sess, err)
	return sess, err
}
