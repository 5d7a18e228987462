package central

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Booking is an appointment (janji temu) as the centre keeps it. The
// phone itself is not kept: only its hash (one booking per phone per
// service per day) and its masked form for the office.
type Booking struct {
	Code        string    `json:"code"`
	Office      string    `json:"office_code"`
	ServiceID   string    `json:"service_id"`
	ServiceName string    `json:"service_name"`
	SlotStart   time.Time `json:"slot_start"`
	SlotEnd     time.Time `json:"slot_end"`
	// Day is the business date of the slot in the office's zone.
	Day         string `json:"day"`
	Name        string `json:"name"`
	PhoneMasked string `json:"phone_masked"`
	Satker      string `json:"satker"`
	Priority    bool   `json:"priority"`
	Status      string `json:"status"`
	// Moved tells the booking was moved once (it may not move again).
	Moved             bool      `json:"moved"`
	CheckedInTicketID string    `json:"checked_in_ticket_id"`
	Seq               int64     `json:"seq"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// BookingRequest is a new booking with the caps of its slot (from
// booking.Caps over the office's configuration).
type BookingRequest struct {
	Office, ServiceID, ServiceName string
	SlotStart, SlotEnd             time.Time
	Day                            string
	Name, PhoneHash, PhoneMasked   string
	Satker                         string
	Priority                       bool
	// RegularCap and TotalCap: the slot takes at most TotalCap bookings,
	// of which at most RegularCap outside the priority groups.
	RegularCap, TotalCap int
}

// SlotMove is where a booking moves to, with the new slot's caps.
type SlotMove struct {
	SlotStart, SlotEnd   time.Time
	Day                  string
	RegularCap, TotalCap int
}

// SlotUse is how many bookings a slot holds.
type SlotUse struct {
	Regular, Priority int
}

// BookingMark is what the office reports of a booking: checked in (with
// the ticket) or a no-show.
type BookingMark struct {
	Code     string `json:"code"`
	Status   string `json:"status"`
	TicketID string `json:"ticket_id,omitempty"`
}

// Booking errors; the booking page turns each into a sentence.
var (
	// ErrSlotFull: the slot has no place left for this visitor.
	ErrSlotFull = errors.New("central: booking slot full")
	// ErrAlreadyBooked: this phone already holds a booking of this
	// service on that day.
	ErrAlreadyBooked = errors.New("central: phone already booked this service that day")
	// ErrAlreadyMoved: a booking moves once.
	ErrAlreadyMoved = errors.New("central: booking already moved")
	// ErrNotActive: the booking was cancelled, used or missed.
	ErrNotActive = errors.New("central: booking not active")
)

// BookingDB is the centre's booking store. Both central stores implement
// it; the slot counters are updated with a conditional UPDATE in the same
// transaction as the booking row, so concurrent bookings never take more
// than a slot's quota. Every change of a booking takes the next seq, in
// commit order per office, which is the cursor the office pulls from.
type BookingDB interface {
	// PutBookingConfig keeps an office's booking configuration (JSON of
	// booking.Config) as the office sent it.
	PutBookingConfig(ctx context.Context, office, config string) error
	// BookingConfigs lists every office's configuration by office code.
	BookingConfigs(ctx context.Context) (map[string]string, error)
	// Book stores a new booking under a fresh code.
	Book(ctx context.Context, req BookingRequest) (Booking, error)
	// BookingByCode returns a booking, or ErrNotFound.
	BookingByCode(ctx context.Context, code string) (Booking, error)
	// CancelBooking cancels a booked booking and frees its place.
	CancelBooking(ctx context.Context, code string) (Booking, error)
	// MoveBooking moves a booked booking to another slot of its service,
	// once.
	MoveBooking(ctx context.Context, code string, to SlotMove) (Booking, error)
	// SlotUses gives the use of an office's service's slots starting in
	// [from, to).
	SlotUses(ctx context.Context, office, serviceID string, from, to time.Time) (map[time.Time]SlotUse, error)
	// BookingsSince lists an office's bookings changed after seq, in seq
	// order, at most limit.
	BookingsSince(ctx context.Context, office string, after int64, limit int) ([]Booking, error)
	// MarkBookings applies the office's check-ins and no-shows; a mark
	// of another office's booking or of a cancelled one changes nothing.
	MarkBookings(ctx context.Context, office string, marks []BookingMark) error
	// CountBookings counts an office's bookings in a status ("" for all)
	// of the slots starting in [from, to): tests, the benchmark.
	CountBookings(ctx context.Context, office, status string, from, to time.Time) (int, error)
}

// bookingRetries bounds the retries of a booking transaction that met a
// code collision, a serialisation failure or a deadlock.
const bookingRetries = 5

// BookingExchange is the office's frequent booking call: what it sends
// (its configuration, its check-ins, its cursor) and what it gets back.
type BookingExchange struct {
	// After is the office's cursor: the seq of the last booking it holds.
	After int64 `json:"after"`
	// Config is the office's booking configuration (omitted: unchanged).
	Config json.RawMessage `json:"config,omitempty"`
	Marks  []BookingMark   `json:"marks,omitempty"`
}

// BookingPull is the centre's answer: bookings changed after the cursor,
// the new cursor, and whether more wait.
type BookingPull struct {
	Bookings []Booking `json:"bookings"`
	Cursor   int64     `json:"cursor"`
	More     bool      `json:"more,omitempty"`
}

// maxPull bounds the bookings of one answer.
const maxPull = 500

// bookingTime is how the SQLite store writes a slot's instant: fixed
// width UTC, so text order is time order.
const bookingTime = "2006-01-02T15:04:05Z"
