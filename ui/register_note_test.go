package ui

import (
	"context"
	"strings"
	"testing"
)

// The registration window shows the standard's note on its checklist
// (who may use the service) above the items, not as an item to tick.
func TestRegisterShowsRequirementsNote(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	ctx := context.Background()
	cat, err := h.svc.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var key, note string
	var items int
	for _, e := range cat {
		if e.RequirementsNote != "" && len(e.Requirements) > 0 {
			key, note, items = e.Key, e.RequirementsNote, len(e.Requirements)
			break
		}
	}
	if key == "" {
		t.Fatal("no seed standard with a requirements note")
	}
	svcs, _ := h.svc.Services(ctx)
	admin := h.app.officer.ID
	for _, sv := range svcs {
		if sv.Prefix == "B" {
			sv.CatalogRef = key
			if _, err := h.svc.SaveService(ctx, admin, sv); err != nil {
				t.Fatal(err)
			}
		}
	}
	r, _ := h.registerB()
	if r == nil || !r.linked {
		t.Fatal("registration window not opened on the linked standard")
	}
	if len(r.checks) != items {
		t.Errorf("%d checks, want the standard's %d items (the note is not one)", len(r.checks), items)
	}
	shown := texts(r.win.Content())
	first := strings.SplitN(note, "\n", 2)[0]
	if !strings.Contains(shown, first) {
		t.Errorf("the note %q is not shown in the registration window", first)
	}
	for _, c := range r.checks {
		if strings.Contains(note, c.Text) && c.Text != "" {
			t.Errorf("the note is a check: %q", c.Text)
		}
	}
}
