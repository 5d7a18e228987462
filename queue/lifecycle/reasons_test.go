package lifecycle

import (
	"errors"
	"strings"
	"testing"
	"time"

	"loket/refusal"
)

func TestCheckReason(t *testing.T) {
	cases := []struct {
		name, in, want, code string
	}{
		{"listed", "Berkas lanjutan dari loket lain", "Berkas lanjutan dari loket lain", ""},
		{"listed with spaces", "  Dipanggil ulang atas permintaan pengunjung ", "Dipanggil ulang atas permintaan pengunjung", ""},
		{"other with text", "Lainnya: pengunjung tunanetra", "Lainnya: pengunjung tunanetra", ""},
		{"other lower case", "lainnya:   pengunjung pingsan", "Lainnya: pengunjung pingsan", ""},
		{"empty", "", "", "reason_required"},
		{"blank", "   ", "", "reason_required"},
		{"other without text", "Lainnya:", "", "reason_required"},
		{"other too short", "Lainnya: abc", "", "reason_required"},
		{"other too long", "Lainnya: " + strings.Repeat("x", 201), "", "invalid"},
		{"not listed", "teman saya", "", "reason_invalid"},
		{"control character", "Lainnya: baris\nkedua", "", "invalid"},
		{"colons and spaces after Lainnya", "Lainnya : :  tamu VIP dinas", "Lainnya: tamu VIP dinas", ""},
		{"pause reason for a call", PauseReasons[0], "", "reason_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckReason(CallReasons, c.in, "memanggil nomor tertentu")
			if c.code == "" {
				if err != nil || got != c.want {
					t.Fatalf("CheckReason(%q) = %q, %v; want %q", c.in, got, err, c.want)
				}
				return
			}
			var re *refusal.Error
			if !errors.As(err, &re) || re.Code != c.code {
				t.Fatalf("CheckReason(%q) error = %v, want code %s", c.in, err, c.code)
			}
			if got != "" {
				t.Errorf("refused reason returned %q", got)
			}
		})
	}
}

func TestReasonListsDistinct(t *testing.T) {
	for _, list := range [][]string{CallReasons, PauseReasons} {
		seen := map[string]bool{}
		for _, r := range list {
			if seen[r] || strings.HasPrefix(strings.ToLower(r), "lainnya") {
				t.Errorf("reason %q repeated or shadows Lainnya", r)
			}
			seen[r] = true
			if _, err := CheckReason(list, r, "x"); err != nil {
				t.Errorf("listed reason %q refused: %v", r, err)
			}
		}
	}
}

func TestChooseCall(t *testing.T) {
	now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
	tk := Ticket{Code: "A007", Status: Waiting, ServiceID: "svc"}
	a := Action{CounterID: "c1", OfficerID: "o1", Ahead: 3}
	if _, _, err := ChooseCall(tk, a, now); err == nil {
		t.Fatal("a chosen call without a reason was allowed")
	}
	a.Reason = CallReasons[1]
	n, evs, err := ChooseCall(tk, a, now)
	if err != nil {
		t.Fatal(err)
	}
	if n.Status != Called || n.CounterID != "c1" || len(evs) != 1 || evs[0].Kind != EvCalled {
		t.Fatalf("chosen call = %+v, %+v", n, evs)
	}
	if d := evs[0].Data; d["out_of_order"] != "1" || d["reason"] != CallReasons[1] || d["ahead"] != "3" {
		t.Errorf("event data = %v", d)
	}
	tk.Status = Done
	if _, _, err := ChooseCall(tk, a, now); err == nil {
		t.Error("a finished ticket was called")
	}
}

// FuzzCheckReason: any text is either refused with a refusal and nothing
// recorded, or accepted as a reason that is itself accepted unchanged.
func FuzzCheckReason(f *testing.F) {
	for _, s := range append(append([]string{}, CallReasons...), "", "Lainnya:", "lainnya: x y z w", "Lainnya:\x00abcde", "\u200b") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := CheckReason(CallReasons, in, "x")
		if err != nil {
			var re *refusal.Error
			if !errors.As(err, &re) || re.Message == "" || got != "" {
				t.Fatalf("CheckReason(%q) = %q, %v", in, got, err)
			}
			return
		}
		again, err := CheckReason(CallReasons, got, "x")
		if err != nil || again != got {
			t.Fatalf("accepted %q as %q, which re-checks as %q, %v", in, got, again, err)
		}
	})
}
