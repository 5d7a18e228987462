package hub

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// fill sets every exported field of the struct v points to a non-zero
// value (times in a fixed zone, a map with two entries), leaving the
// pointer fields in skip nil; n varies the values.
func fill(t *testing.T, v reflect.Value, n int, skip map[string]bool) {
	t.Helper()
	zone := time.FixedZone("WITA", 8*3600)
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		if !sf.IsExported() || skip[sf.Name] {
			continue
		}
		switch {
		case sf.Type == reflect.TypeFor[time.Time]():
			f.Set(reflect.ValueOf(time.Date(2026, 12, 4, 8, n%60, i, 123456789*(i%2), zone)))
		case f.Kind() == reflect.String:
			f.SetString(fmt.Sprintf("%s-%d-ü€", sf.Name, n))
		case f.Kind() == reflect.Int || f.Kind() == reflect.Int64:
			f.SetInt(int64(n*1000 + i + 1))
		case f.Kind() == reflect.Map && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.ValueOf(map[string]string{"alasan": fmt.Sprint("a ", n), "catatan": "b"}))
		case f.Kind() == reflect.Map && f.Type().Elem().Kind() == reflect.Int:
			f.Set(reflect.ValueOf(map[string]int{"svc-a": n, "svc-b": 0}))
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct:
			p := reflect.New(f.Type().Elem())
			fill(t, p.Elem(), n+1, skip)
			f.Set(p)
		default:
			t.Fatalf("%s.%s (%s): teach fill and eventjson.go this kind of field", v.Type(), sf.Name, sf.Type)
		}
	}
}

// Every field the hub writes is read directly: a field added to
// store.Event or store.Ticket would otherwise send every stream through
// encoding/json again, slower without any test noticing.
func TestDecodeEventReadsEveryFieldDirectly(t *testing.T) {
	for n := range 3 {
		var e store.Event
		fill(t, reflect.ValueOf(&e).Elem(), n, map[string]bool{"Booking": true})
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := fastEvent(data)
		if !ok {
			t.Fatalf("the direct reading gave up on the hub's own event (a new field? add it to eventjson.go):\n%s", data)
		}
		var want store.Event // (zone names do not travel: compare with encoding/json's reading)
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || !got.At.Equal(e.At) || got.Ticket.Number != e.Ticket.Number {
			t.Fatalf("read back differs:\n got %+v\nwant %+v", got, want)
		}
	}
}

// Shapes the direct reading must hand to encoding/json, and inputs it
// must refuse exactly as encoding/json does.
func TestDecodeEventMatchesEncodingJSON(t *testing.T) {
	full := store.Event{Seq: 7, Kind: store.EvTicketCalled, At: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC),
		Ticket:  &store.Ticket{ID: "t1", Number: 12, Booking: &store.BookingSlot{Code: "JT-1", CounterRun: 2}},
		Waiting: map[string]int{"a": 3}}
	fullJSON, _ := json.Marshal(full)
	cases := map[string]struct {
		in   string
		fast bool // the direct reading takes it
	}{
		"hub's event":         {`{"seq":1,"id":"e","office":"K","at":"2026-12-04T09:00:00+07:00","kind":"ticket.issued","waiting":{"a":1}}`, true},
		"spaces":              {" {\n \"seq\" : 1 , \"data\" : { } }\t", true},
		"nulls":               {`{"seq":null,"id":null,"at":null,"data":null,"ticket":null,"waiting":null}`, true},
		"negative zero":       {`{"seq":-0}`, true},
		"booking":             {string(fullJSON), false},
		"escape":              {`{"id":"a\"b"}`, false},
		"unicode escape":      {`{"id":"\u00e9"}`, false},
		"other case":          {`{"Seq":3}`, false},
		"unknown key":         {`{"seq":3,"extra":[1,2]}`, false},
		"float":               {`{"seq":1.5}`, false},
		"exponent":            {`{"seq":1e3}`, false},
		"leading zero":        {`{"seq":01}`, false},
		"huge":                {`{"seq":99999999999999999999}`, false},
		"trailing comma":      {`{"seq":1,}`, false},
		"trailing garbage":    {`{"seq":1} x`, false},
		"bad time":            {`{"at":"2026-13-01T00:00:00Z"}`, false},
		"bad utf8":            {"{\"id\":\"\xff\"}", false},
		"control char":        {"{\"id\":\"a\x01\"}", false},
		"string for int":      {`{"seq":"1"}`, false},
		"empty":               {``, false},
		"array":               {`[]`, false},
		"null count":          {`{"waiting":{"a":null}}`, false},
		"duplicate ticket":    {`{"ticket":{"ID":"x"},"ticket":{"Number":2}}`, true},
		"null data value":     {`{"data":{"a":null}}`, true},
		"duplicate map merge": {`{"data":{"a":"1"},"data":{"b":"2"}}`, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, fast := fastEvent([]byte(c.in))
			if fast != c.fast {
				t.Errorf("direct reading took it: %v, want %v", fast, c.fast)
			}
			sameAsEncodingJSON(t, []byte(c.in))
		})
	}
}

// sameAsEncodingJSON fails unless decodeEvent gives what json.Unmarshal
// into a fresh store.Event gives: the value, and an error exactly when
// it errs.
func sameAsEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	var want store.Event
	werr := json.Unmarshal(data, &want)
	got, gerr := decodeEvent(data)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: error %v, encoding/json says %v", data, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %+v\nwant %+v", data, got, want)
	}
}

// FuzzDecodeEvent: whatever arrives on a stream, decodeEvent answers as
// encoding/json would.
func FuzzDecodeEvent(f *testing.F) {
	zone := time.FixedZone("WIT", 9*3600)
	at := time.Date(2026, 12, 4, 10, 30, 15, 120000000, zone)
	for _, e := range []store.Event{
		{},
		{Seq: 42, ID: "01JF", Office: "KPPN019", At: at, Kind: store.EvTicketIssued, TicketID: "t", ServiceID: "s",
			Ticket:  &store.Ticket{ID: "t", Prefix: "A", Number: 7, Status: "waiting", IssuedAt: at, UpdatedAt: at, PhoneCode: "x"},
			Waiting: map[string]int{"s": 3, "u": 0}},
		{Seq: 43, Kind: "counter.paused", Data: map[string]string{"alasan": "istirahat ☕", "": ""}},
		{Seq: 44, Ticket: &store.Ticket{Booking: &store.BookingSlot{Code: "JT", Start: at}}},
	} {
		b, _ := json.Marshal(e)
		f.Add(b)
	}
	for _, s := range []string{`{"seq":-12,"data":{"a":null}}`, `{"at":"2026-12-04T24:00:00Z"}`, `{"seq":9223372036854775807}`,
		`{"ticket":{"Number":-1,"CallCount":0}}`, `{"id":"\ud83d\ude00"}`, strings.Repeat(`{"ticket":`, 3)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsEncodingJSON(t, data)
	})
}

// BenchmarkDecodeEvent: one counter stream's ticket event, read directly
// and by encoding/json.
func BenchmarkDecodeEvent(b *testing.B) {
	at := time.Date(2026, 12, 4, 10, 30, 15, 120000000, time.FixedZone("WIB", 7*3600))
	e := store.Event{Seq: 1042, ID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", Office: "KPPN019", At: at,
		Kind: store.EvTicketCalled, TicketID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c", ServiceID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d",
		CounterID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5e", OfficerID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5f",
		Ticket: &store.Ticket{ID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c", Office: "KPPN019", BusinessDate: "2026-12-04", Prefix: "A",
			Number: 123, ServiceID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d", Status: "called", IssuedAt: at, QueuedAt: at, CalledAt: at,
			CounterID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5e", OfficerID: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5f", CallCount: 1, UpdatedAt: at},
		Waiting: map[string]int{"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d": 40, "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60": 12,
			"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61": 3, "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a62": 0}}
	data, err := json.Marshal(e)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("direct", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := decodeEvent(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var e store.Event
			if err := json.Unmarshal(data, &e); err != nil {
				b.Fatal(err)
			}
		}
	})
}
