package lifecycle

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Calling a chosen ticket instead of the next one, and pausing a counter,
// are where a queue can favour someone: a friend called ahead of the line,
// a counter paused until the line is long enough to justify an "urgent"
// call. Neither is forbidden, since both have honest uses, but each needs
// a reason from a short list, and the list is the same on every screen and
// over the hub because it lives here.

// OtherPrefix starts a free-text reason: "Lainnya: " and what happened.
const OtherPrefix = "Lainnya: "

// CallReasons are the reasons an officer may give for calling a specific
// ticket rather than the one the queue's order chose.
var CallReasons = []string{
	"Dipanggil ulang atas permintaan pengunjung",
	"Berkas lanjutan dari loket lain",
	"Layanan prioritas tidak terdeteksi mesin antrean",
	"Salah ambil layanan di mesin antrean",
}

// PauseReasons are the reasons an officer may give for pausing a counter
// (it stays open but calls no one).
var PauseReasons = []string{
	"Istirahat, salat dan makan (ishoma)",
	"Menyerahkan berkas ke back office",
	"Rapat atau dipanggil atasan",
	"Gangguan perangkat atau aplikasi",
}

// maxOtherReason bounds the free text of a "Lainnya" reason.
const maxOtherReason = 200

// CheckReason validates a reason against list: one of its entries exactly,
// or OtherPrefix followed by the officer's own words (at least 5
// characters). It returns the reason as it is recorded, or a refusal
// naming what is missing. what is "memanggil nomor tertentu" or
// "menjeda loket", for the message.
func CheckReason(list []string, reason, what string) (string, error) {
	r := strings.TrimSpace(reason)
	if r == "" {
		return "", refuse("reason_required", "Alasan wajib dipilih untuk %s.", what)
	}
	if !utf8.ValidString(r) || strings.IndexFunc(r, unicode.IsControl) >= 0 {
		return "", refuse("invalid", "Alasan hanya boleh berisi satu baris teks biasa.")
	}
	for _, ok := range list {
		if r == ok {
			return r, nil
		}
	}
	if rest, ok := cutPrefixFold(r, "Lainnya"); ok {
		rest = strings.TrimLeftFunc(rest, func(c rune) bool { return c == ':' || unicode.IsSpace(c) })
		switch n := utf8.RuneCountInString(rest); {
		case n < 5:
			return "", refuse("reason_required", "Tuliskan alasan lainnya untuk %s (minimal 5 karakter).", what)
		case n > maxOtherReason:
			return "", refuse("invalid", "Alasan lainnya terlalu panjang (maksimal %d karakter).", maxOtherReason)
		}
		return OtherPrefix + rest, nil
	}
	return "", refuse("reason_invalid", "Alasan \"%s\" tidak ada dalam daftar alasan untuk %s.", r, what)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// ChooseCall is a counter calling a ticket it chose rather than the one the
// queue's order gives (CallNext): allowed only with a reason from
// CallReasons, and the ticket.called event records the reason and how many
// waited longer (a.Ahead), marked out_of_order for the fairness sheet.
// It has Apply's signature so the store applies it the same way.
func ChooseCall(t Ticket, a Action, now time.Time) (Ticket, []Event, error) {
	reason, err := CheckReason(CallReasons, a.Reason, "memanggil nomor tertentu")
	if err != nil {
		return t, nil, err
	}
	a.Kind = Call
	n, evs, err := Apply(t, a, now)
	if err != nil {
		return t, nil, err
	}
	evs[0].Data = map[string]string{"out_of_order": "1", "reason": reason, "ahead": strconv.Itoa(a.Ahead)}
	return n, evs, nil
}
