package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"loket/booking"
	"loket/store"
)

// The admin sets the booking hours, slot length, priority share and a
// quota per service; bad input is refused with a sentence and nothing is
// saved; the saved setting is the configuration the centre reads.
func TestBookingPaneSavesConfig(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.onLogout()
	test.Type(h.app.login.user, "admin")
	test.Type(h.app.login.pass, "rahasia1")
	test.Tap(h.app.login.login)
	p := newBookingPane(h.app)
	p.content()
	if len(p.entries) == 0 || p.slot.Text != "30" || p.enabled.Checked {
		t.Fatalf("defaults: %d services, slot %q, enabled %v", len(p.entries), p.slot.Text, p.enabled.Checked)
	}
	ctx := context.Background()
	cases := []struct {
		name string
		edit func()
		want string
	}{
		{"no quota", func() { p.enabled.SetChecked(true) }, "paling sedikit satu layanan"},
		{"slot not a number", func() { p.entries[0].SetText("4"); p.slot.SetText("setengah jam") }, "Panjang slot harus berupa angka"},
		{"slot too long", func() { p.slot.SetText("300") }, "5 sampai 240 menit"},
		{"share over 100", func() { p.slot.SetText("20"); p.priority.SetText("120") }, "0 sampai 100 persen"},
		{"bad hours", func() { p.priority.SetText("25"); p.hours.SetText("tutup;08:00") }, "Jam janji temu tidak valid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.edit()
			p.onSave()
			if !strings.Contains(p.message.Text, tc.want) {
				t.Fatalf("message %q, want %q", p.message.Text, tc.want)
			}
			if v, _ := h.svc.Setting(ctx, store.SettingBookingConfig); v != "" {
				t.Fatalf("saved despite the error: %s", v)
			}
		})
	}
	p.hours.SetText("tutup;08:00-12:00;08:00-12:00;08:00-12:00;08:00-12:00;08:00-11:00;tutup")
	p.onSave()
	if !strings.Contains(p.message.Text, "tersimpan") {
		t.Fatalf("save: %q", p.message.Text)
	}
	v, err := h.svc.Setting(ctx, store.SettingBookingConfig)
	if err != nil {
		t.Fatal(err)
	}
	c, err := booking.Parse(v)
	if err != nil || !c.Enabled || c.SlotMinutes != 20 || c.PriorityPercent != 25 || len(c.Services) != 1 ||
		c.Services[0].ID != p.services[0].ID || c.Services[0].Quota != 4 || c.Zone == "" {
		t.Fatalf("saved %+v (%v)", c, err)
	}
	// A new pane shows what was saved.
	q := newBookingPane(h.app)
	q.content()
	if !q.enabled.Checked || q.slot.Text != "20" || q.entries[0].Text != "4" {
		t.Fatalf("reloaded: enabled %v slot %q quota %q", q.enabled.Checked, q.slot.Text, q.entries[0].Text)
	}
}

// The phone page's address: a loopback or a path is refused with the
// reason and not saved; a hub address is saved without its trailing slash
// and shown again in a new pane.
func TestAdminBookingPanePhoneURL(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.onLogout()
	test.Type(h.app.login.user, "admin")
	test.Type(h.app.login.pass, "rahasia1")
	test.Tap(h.app.login.login)
	p := newBookingPane(h.app)
	p.content()
	ctx := context.Background()
	for _, c := range []struct{ value, want string }{
		{"https://127.0.0.1:8443", "localhost"},
		{"192.168.1.10:8443", "https://"},
		{"https://192.168.1.10:8443/t/abc", "tanpa garis miring"},
	} {
		p.phoneURL.SetText(c.value)
		p.onSavePhoneURL()
		if !strings.Contains(p.phoneMsg.Text, c.want) {
			t.Fatalf("%s: message %q, want %q", c.value, p.phoneMsg.Text, c.want)
		}
		if v, _ := h.svc.Setting(ctx, store.SettingPhoneURL); v != "" {
			t.Fatalf("%s saved despite the error: %q", c.value, v)
		}
	}
	p.phoneURL.SetText(" https://192.168.1.10:8443/ ")
	p.onSavePhoneURL()
	if v, _ := h.svc.Setting(ctx, store.SettingPhoneURL); v != "https://192.168.1.10:8443" || !strings.Contains(p.phoneMsg.Text, "tersimpan") {
		t.Fatalf("saved %q, message %q", v, p.phoneMsg.Text)
	}
	q := newBookingPane(h.app)
	q.content()
	if q.phoneURL.Text != "https://192.168.1.10:8443" {
		t.Fatalf("reloaded %q", q.phoneURL.Text)
	}
}
