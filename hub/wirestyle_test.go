package hub

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"loket/office"
	"loket/tlspin"
)

// The client speaks one wire style: every method of office.Service but
// the event stream goes to POST /v1/call/{Method}, whether generated or
// hand-written (the REST endpoints are for curl and scripts). A hub that
// refuses everything records what each call asked for.
func TestClientUsesOnlyCall(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write([]byte(`{"code":"bad_state","message":"Ditolak untuk uji."}`))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(ClientConfig{Addr: srv.Listener.Addr().String(), Token: "uji",
		Fingerprint: tlspin.Fingerprint(srv.Certificate().Raw)}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)

	cv := reflect.ValueOf(c)
	st := reflect.TypeFor[office.Service]()
	n := 0
	for i := range st.NumMethod() {
		m := st.Method(i)
		if m.Name == "Subscribe" {
			continue
		}
		mu.Lock()
		got = got[:0]
		mu.Unlock()
		in := []reflect.Value{reflect.ValueOf(context.Background())}
		for j := 1; j < m.Type.NumIn(); j++ {
			in = append(in, reflect.Zero(m.Type.In(j)))
		}
		out := cv.MethodByName(m.Name).Call(in)
		if errV := out[len(out)-1]; errV.IsNil() {
			t.Errorf("%s: no error from a hub that refuses everything", m.Name)
		}
		mu.Lock()
		if want := "POST /v1/call/" + m.Name; len(got) != 1 || got[0] != want {
			t.Errorf("%s sent %v, want [%s]", m.Name, got, want)
		}
		mu.Unlock()
		n++
	}
	if n < 60 {
		t.Fatalf("only %d methods checked", n)
	}
}
