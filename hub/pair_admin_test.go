package hub

import (
	"context"
	"testing"

	"loket/office"
)

// An admin at a counter PC sees the pairing requests waiting, a browser
// display's (/layar) among them, and approves or rejects one by its code;
// the browser then receives its token. An officer who is not an admin,
// a display and an unknown code are refused.
func TestPairingApprovalFromDesktop(t *testing.T) {
	h, _, _, _ := demoHub(t, nil)
	ctx := context.Background()
	web := webDevices{h.srv}
	tvID, tvCode, _, err := web.RequestDisplayPairing("TV ruang tunggu", "192.168.1.50:40000")
	if err != nil {
		t.Fatal(err)
	}
	_, boxCode, _, err := web.RequestDisplayPairing("Android box", "192.168.1.51:40000")
	if err != nil {
		t.Fatal(err)
	}

	fo := newClient(t, pair(t, h, "PC Loket"))
	if _, err := fo.Login(ctx, "fo1", office.DemoPassword); err != nil {
		t.Fatal(err)
	}
	// The client sends only an admin's token: none here.
	_, err = fo.PendingPairings(ctx)
	wantCode(t, err, ErrLoginRequired.Code)
	wantCode(t, fo.ApprovePairing(ctx, tvCode), ErrLoginRequired.Code)
	// Forged with the officer's own token, the hub refuses it too.
	wantCode(t, fo.do(context.WithValue(ctx, officerSelKey{}, fo.officerToken(ctx)), "GET", "/v1/pairings", nil,
		&[]office.PairingRequest{}), "forbidden")
	display := newClient(t, pairAs(t, h, "Layar", KindDisplay))
	_, err = display.PendingPairings(ctx)
	wantCode(t, err, CodeDeviceKind)

	var approver office.PairingApprover = newClient(t, pair(t, h, "PC Admin"))
	if _, err := approver.(*Client).Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatal(err)
	}
	list, err := approver.PendingPairings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]office.PairingRequest{}
	for _, p := range list {
		byCode[p.Code] = p
	}
	if tv := byCode[tvCode]; tv.DeviceName != "TV ruang tunggu" || tv.Kind != KindDisplay || tv.KindLabel == "" || tv.ExpiresAt.IsZero() {
		t.Fatalf("pending %+v", list)
	}
	if _, ok := byCode[boxCode]; !ok {
		t.Fatalf("the second browser is not listed: %+v", list)
	}
	if err := approver.ApprovePairing(ctx, " "+tvCode+" "); err != nil {
		t.Fatal(err)
	}
	if status, token, ok := web.PollPairing(tvID); !ok || status != "approved" || token == "" {
		t.Fatalf("browser's poll after the approval: %q %q %v", status, token, ok)
	}
	if err := approver.RejectPairing(ctx, boxCode); err != nil {
		t.Fatal(err)
	}
	wantCode(t, approver.ApprovePairing(ctx, boxCode), "not_found")
	if list, err := approver.PendingPairings(ctx); err != nil || len(list) != 0 {
		t.Fatalf("still pending: %+v %v", list, err)
	}
}
