package hub

import (
	"encoding/json"
	"time"
	"unicode/utf8"

	"loket/store"
)

// decodeEvent reads one event of the stream: the same result, and the
// same errors, as json.Unmarshal into a fresh store.Event.
//
// Every counter PC decodes every ticket event of the office (the ticket
// and the waiting counts ride along so its screen never reloads), and
// encoding/json spent most of it validating the input a first time and
// looking fields up by reflection: 70% of the load generator's CPU in
// BenchmarkHubOffice, where fifty counters share the hub's machine. The
// hub writes events in one shape (json.Marshal of store.Event); this
// reads that shape directly. Anything else (an unknown or differently
// cased key, an escape in a string, a number that is not a plain
// integer, a booking, bytes that are not UTF-8) is left to json.Unmarshal,
// so the result never differs from it (FuzzDecodeEvent compares them).
func decodeEvent(data []byte) (store.Event, error) {
	if e, ok := fastEvent(data); ok {
		return e, nil
	}
	var e store.Event
	err := json.Unmarshal(data, &e)
	return e, err
}

// fastEvent is decodeEvent's direct reading; false means "not the
// hub's shape, ask encoding/json".
func fastEvent(data []byte) (store.Event, bool) {
	var e store.Event
	p := jsonScan{b: data}
	if p.event(&e) && p.end() {
		return e, true
	}
	return store.Event{}, false
}

// jsonScan reads the JSON the hub writes. Each method returns false on
// anything outside that subset; the caller then decodes with
// encoding/json instead.
type jsonScan struct {
	b []byte
	i int
}

func (p *jsonScan) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// end: only white space after the value.
func (p *jsonScan) end() bool {
	p.ws()
	return p.i == len(p.b)
}

// lit consumes c (after white space).
func (p *jsonScan) lit(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// null consumes a null literal if one comes next.
func (p *jsonScan) null() bool {
	p.ws()
	if len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		return true
	}
	return false
}

// rawString returns the bytes of a string without escapes, valid UTF-8
// and no control characters.
func (p *jsonScan) rawString() ([]byte, bool) {
	if !p.lit('"') {
		return nil, false
	}
	start, ascii := p.i, true
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !ascii && !utf8.Valid(s) {
				return nil, false // encoding/json replaces bad bytes
			}
			return s, true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return nil, false
}

// str reads a string (null leaves *dst as it is, as encoding/json does).
func (p *jsonScan) str(dst *string) bool {
	if p.null() {
		return true
	}
	s, ok := p.rawString()
	if ok {
		*dst = string(s)
	}
	return ok
}

// int reads a plain integer (null leaves *dst as it is).
func (p *jsonScan) int(dst *int64) bool {
	if p.null() {
		return true
	}
	p.ws()
	neg := p.i < len(p.b) && p.b[p.i] == '-'
	if neg {
		p.i++
	}
	start := p.i
	var n int64
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		if p.i-start >= 18 {
			return false // near overflow: let encoding/json say so
		}
		n = n*10 + int64(p.b[p.i]-'0')
		p.i++
	}
	digits := p.i - start
	if digits == 0 || (digits > 1 && p.b[start] == '0') {
		return false
	}
	if p.i < len(p.b) {
		switch p.b[p.i] {
		case '.', 'e', 'E':
			return false // not an integer: encoding/json's error
		}
	}
	if neg {
		n = -n
	}
	*dst = n
	return true
}

func (p *jsonScan) intField(dst *int) bool {
	n := int64(*dst)
	if !p.int(&n) {
		return false
	}
	*dst = int(n)
	return true
}

// time reads a time as time.Time's UnmarshalJSON does (RFC 3339).
func (p *jsonScan) time(dst *time.Time) bool {
	if p.null() {
		return true
	}
	s, ok := p.rawString()
	if !ok {
		return false
	}
	var t time.Time
	if t.UnmarshalText(s) != nil {
		return false
	}
	*dst = t
	return true
}

// object reads the members of an object, calling member for each key
// (the bytes are valid until the next read); null reads as no object and
// isNull reports it.
func (p *jsonScan) object(member func(key []byte) bool) (isNull, ok bool) {
	if p.null() {
		return true, true
	}
	if !p.lit('{') {
		return false, false
	}
	if p.lit('}') {
		return false, true
	}
	for {
		key, ok := p.rawString()
		if !ok || !p.lit(':') || !member(key) {
			return false, false
		}
		if p.lit(',') {
			continue
		}
		return false, p.lit('}')
	}
}

func (p *jsonScan) event(e *store.Event) bool {
	_, ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "seq":
			return p.int(&e.Seq)
		case "id":
			return p.str(&e.ID)
		case "office":
			return p.str(&e.Office)
		case "at":
			return p.time(&e.At)
		case "kind":
			return p.str(&e.Kind)
		case "ticket_id":
			return p.str(&e.TicketID)
		case "service_id":
			return p.str(&e.ServiceID)
		case "counter_id":
			return p.str(&e.CounterID)
		case "officer_id":
			return p.str(&e.OfficerID)
		case "data":
			return mapField(p, &e.Data, p.str)
		case "waiting":
			// A null count is one of encoding/json's quirks, not the hub's.
			return mapField(p, &e.Waiting, func(v *int) bool { return !p.null() && p.intField(v) })
		case "ticket":
			if p.null() {
				e.Ticket = nil
				return true
			}
			t := e.Ticket
			if t == nil {
				t = new(store.Ticket)
			}
			e.Ticket = t
			return p.ticket(t)
		}
		return false // a key this shape does not have
	})
	return ok
}

// mapField reads an object into *m as encoding/json does: null sets the
// map to nil, members go into the map already there (made when needed).
func mapField[V any](p *jsonScan, m *map[string]V, value func(*V) bool) bool {
	isNull, ok := p.object(func(k []byte) bool {
		var v V
		if !value(&v) {
			return false
		}
		if *m == nil {
			*m = map[string]V{}
		}
		(*m)[string(k)] = v
		return true
	})
	if isNull {
		*m = nil
	} else if ok && *m == nil {
		*m = map[string]V{}
	}
	return ok
}

func (p *jsonScan) ticket(t *store.Ticket) bool {
	_, ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "ID":
			return p.str(&t.ID)
		case "Office":
			return p.str(&t.Office)
		case "BusinessDate":
			return p.str(&t.BusinessDate)
		case "Prefix":
			return p.str(&t.Prefix)
		case "Number":
			return p.intField(&t.Number)
		case "ServiceID":
			return p.str(&t.ServiceID)
		case "Priority":
			return p.str(&t.Priority)
		case "Status":
			return p.str(&t.Status)
		case "IssuedAt":
			return p.time(&t.IssuedAt)
		case "QueuedAt":
			return p.time(&t.QueuedAt)
		case "CalledAt":
			return p.time(&t.CalledAt)
		case "CounterID":
			return p.str(&t.CounterID)
		case "OfficerID":
			return p.str(&t.OfficerID)
		case "CallCount":
			return p.intField(&t.CallCount)
		case "ServedAt":
			return p.time(&t.ServedAt)
		case "FinishedAt":
			return p.time(&t.FinishedAt)
		case "UpdatedAt":
			return p.time(&t.UpdatedAt)
		case "PhoneCode":
			return p.str(&t.PhoneCode)
		case "Booking":
			if p.null() {
				t.Booking = nil
				return true
			}
			return false // rare on a stream: encoding/json reads it
		}
		return false
	})
	return ok
}
