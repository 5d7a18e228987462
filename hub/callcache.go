package hub

import (
	"reflect"
	"sync"
)

// callMethods caches, per method name, the interface method and the
// service's bound method /v1/call invokes: looked up by name with
// reflection once, not on every request.
type callMethods struct {
	m sync.Map // name → callMethod
}

type callMethod struct {
	m  reflect.Method // of office.Service
	fn reflect.Value  // bound to the server's service
	ok bool           // in the interface and callable
}

func (c *callMethods) lookup(s *Server, name string) callMethod {
	if v, ok := c.m.Load(name); ok {
		return v.(callMethod)
	}
	var cm callMethod
	cm.m, cm.ok = serviceType.MethodByName(name)
	if cm.ok = cm.ok && callable(cm.m); cm.ok {
		cm.fn = reflect.ValueOf(s.svc).MethodByName(name)
		cm.ok = cm.fn.IsValid()
	}
	if cm.ok { // unknown names are not kept: a client cannot grow the map
		c.m.Store(name, cm)
	}
	return cm
}

// sessionOwners caches the officer of each counter session the hub has
// checked. A session's officer never changes (store: counter_sessions
// keeps officer_id from opening to closing; a hand-over opens a new
// session), so a known answer stays right, and CallNext and Finish skip a
// store read each. A closed session is refused by the service itself.
type sessionOwners struct {
	mu sync.Mutex
	m  map[string]string
}

// sessionOwnersMax bounds the cache; past it, it starts afresh (a day
// has a few hundred sessions).
const sessionOwnersMax = 10000

func (c *sessionOwners) get(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o, ok := c.m[id]
	return o, ok
}

func (c *sessionOwners) put(id, officer string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= sessionOwnersMax {
		c.m = map[string]string{}
	}
	c.m[id] = officer
}
