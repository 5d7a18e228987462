package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/office"
)

// pairingPane lists the devices asking to pair with the office hub —
// counter PCs, kiosks, display PCs and browser displays opened at /layar
// on a smart TV — for the admin to approve or reject by the code both
// screens show. It works on a PC connected to the hub (its service is an
// office.PairingApprover); on the hub PC itself the requests are approved
// on the hub's console, and the pane says so.
type pairingPane struct {
	app     *App
	list    *fyne.Container
	message *widget.Label
	items   []office.PairingRequest
}

func newPairingPane(a *App) *pairingPane {
	p := &pairingPane{app: a, list: container.NewVBox(), message: widget.NewLabel("")}
	p.message.Wrapping = fyne.TextWrapWord
	return p
}

func (p *pairingPane) approver() (office.PairingApprover, bool) {
	pa, ok := p.app.svc.(office.PairingApprover)
	return pa, ok
}

func (p *pairingPane) content() fyne.CanvasObject {
	help := widget.NewLabel("Perangkat baru (komputer loket, kios, layar antrean, atau TV/Android box yang membuka alamat " +
		"server kantor/layar) menampilkan kode pemasangan. Setujui hanya bila kode dan nama perangkat sama dengan yang tampil di perangkat itu.")
	help.Wrapping = fyne.TextWrapWord
	refresh := widget.NewButton("Muat ulang", p.reload)
	p.reload()
	return container.NewVScroll(container.NewVBox(
		card("PERMINTAAN PEMASANGAN PERANGKAT", container.NewVBox(help, p.list, refresh)), p.message))
}

func (p *pairingPane) say(msg string, isErr bool) {
	p.message.Importance = widget.SuccessImportance
	if isErr {
		p.message.Importance = widget.DangerImportance
	}
	p.message.SetText(msg)
}

func (p *pairingPane) reload() {
	pa, ok := p.approver()
	if !ok {
		p.list.RemoveAll()
		p.list.Add(wrapLabel("Komputer ini adalah server kantor: setujui permintaan pemasangan di jendela konsol " +
			"`loket hub` (perintah: setujui <kode>), atau dari komputer loket yang terhubung ke server kantor dengan akun admin."))
		return
	}
	var items []office.PairingRequest
	p.app.run(func(ctx context.Context) error {
		var err error
		items, err = pa.PendingPairings(ctx)
		return err
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.items = items
		p.list.RemoveAll()
		if len(items) == 0 {
			p.list.Add(widget.NewLabel("Tidak ada permintaan pemasangan yang menunggu."))
			return
		}
		for _, it := range items {
			desc := fmt.Sprintf("Kode %s · %s · %s · dari %s", it.Code, it.DeviceName, it.KindLabel, it.RemoteAddr)
			ok := widget.NewButton("Setujui", func() { p.decide(it, true) })
			ok.Importance = widget.HighImportance
			no := widget.NewButton("Tolak", func() { p.decide(it, false) })
			p.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(ok, no), wrapLabel(desc)))
		}
	})
}

// decide approves or rejects one request, then shows the list again.
func (p *pairingPane) decide(it office.PairingRequest, approve bool) {
	pa, ok := p.approver()
	if !ok {
		return
	}
	p.app.run(func(ctx context.Context) error {
		if approve {
			return pa.ApprovePairing(ctx, it.Code)
		}
		return pa.RejectPairing(ctx, it.Code)
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			p.reload()
			return
		}
		if approve {
			p.say(fmt.Sprintf("%s (%s) sudah dipasangkan.", it.DeviceName, it.KindLabel), false)
		} else {
			p.say(fmt.Sprintf("Permintaan %s ditolak.", it.DeviceName), false)
		}
		p.reload()
	})
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
