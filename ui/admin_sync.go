package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// SetSync gives the app the nightly sync and backup of this PC's store
// (cmd/loket does it on the PC that holds the store; hub clients have
// none, and the admin tab says where to set it).
func (a *App) SetSync(c office.SyncControl) { a.syncCtl = c }

// syncPane is the admin's Sinkronisasi tab: the central server settings,
// "sync now" with its progress, "backup now", the backups and the history
// of runs.
type syncPane struct {
	app  *App
	ctl  office.SyncControl
	runs []store.SyncRun

	url, token, pin, caFile, at, dir, keep *widget.Entry

	syncBtn, backupBtn *widget.Button
	bar                *widget.ProgressBar
	status             *widget.Label
	message            *widget.Label
	next               *widget.Label
	table              *widget.Table
	backups            *widget.Label
}

var syncCols = []struct {
	title string
	width float32
}{{"Mulai", 130}, {"Jenis", 115}, {"Pemicu", 125}, {"Batch", 60}, {"Rekaman", 80}, {"Hasil", 80}, {"Keterangan", 520}}

func newSyncPane(a *App) *syncPane {
	p := &syncPane{app: a, ctl: a.syncCtl, url: widget.NewEntry(), token: widget.NewPasswordEntry(),
		pin: widget.NewEntry(), caFile: widget.NewEntry(), at: widget.NewEntry(), dir: widget.NewEntry(),
		keep: widget.NewEntry(), bar: widget.NewProgressBar(), status: widget.NewLabel(""),
		message: widget.NewLabel(""), next: widget.NewLabel(""), backups: widget.NewLabel("")}
	p.url.SetPlaceHolder("https://pusat.example.go.id:8443")
	p.pin.SetPlaceHolder("SHA-256: `loket-pusat fingerprint`")
	p.caFile.SetPlaceHolder("opsional: berkas PEM CA")
	p.at.SetPlaceHolder("23:00")
	p.message.Wrapping = fyne.TextWrapWord
	p.status.Wrapping = fyne.TextWrapWord
	p.backups.Wrapping = fyne.TextWrapWord
	p.next.Wrapping = fyne.TextWrapWord
	p.bar.TextFormatter = func() string { return fmt.Sprintf("%.0f%%", p.bar.Value*100) }
	p.syncBtn = widget.NewButton("Sinkronkan sekarang", p.onSyncNow)
	p.syncBtn.Importance = widget.HighImportance
	p.backupBtn = widget.NewButton("Cadangkan sekarang", p.onBackupNow)
	p.table = p.newTable()
	p.bar.Hide()
	return p
}

func (p *syncPane) content() fyne.CanvasObject {
	if p.ctl == nil {
		l := widget.NewLabel("Sinkronisasi ke kantor pusat dan cadangan malam berjalan di komputer yang menyimpan data " +
			"kantor (yang menjalankan `loket hub`), bukan di komputer loket ini. Aturlah di sana dengan " +
			"`loket sync config --url … --token … --pin …`; `loket sync status` menampilkan riwayatnya.")
		l.Wrapping = fyne.TextWrapWord
		return container.NewPadded(l)
	}
	p.fill()
	save := widget.NewButton("Simpan pengaturan", p.onSave)
	form := widget.NewForm(
		widget.NewFormItem("Alamat server pusat", p.url),
		widget.NewFormItem("Token kantor", p.token),
		widget.NewFormItem("Sidik jari sertifikat", p.pin),
		widget.NewFormItem("Berkas CA", p.caFile),
		widget.NewFormItem("Jam sinkronisasi malam", p.at),
		widget.NewFormItem("Folder cadangan", p.dir),
		widget.NewFormItem("Jumlah cadangan disimpan", p.keep),
	)
	settings := card("SERVER PUSAT DAN JADWAL", container.NewVBox(form, container.NewHBox(save), p.next))
	run := card("SINKRONISASI", container.NewVBox(container.NewHBox(p.syncBtn, p.backupBtn), p.bar, p.status, p.message))
	restore := widget.NewLabel("Memulihkan cadangan: tutup semua aplikasi Loket di komputer ini, lalu jalankan " +
		"`loket restore BERKAS` di terminal (Command Prompt). Data yang sekarang disimpan di samping sebagai " +
		"loket.db.sebelum-pulih-<waktu>. Data yang sudah terkirim ke pusat tetap di pusat.")
	restore.Wrapping = fyne.TextWrapWord
	backups := card("CADANGAN", container.NewVBox(p.backups, restore))
	top := container.NewGridWithColumns(2, settings, container.NewVBox(run, backups))
	history := card("RIWAYAT", p.table)
	split := container.NewVSplit(container.NewVScroll(top), history)
	split.Offset = 0.62
	p.reload()
	return split
}

// fill shows the stored configuration; the token never comes back.
func (p *syncPane) fill() {
	cfg, tokenSet := p.ctl.SyncSettings()
	p.url.SetText(cfg.URL)
	p.token.SetText("")
	if tokenSet {
		p.token.SetPlaceHolder("tersimpan (tersembunyi)")
	} else {
		p.token.SetPlaceHolder("dari `loket-pusat office add KODE`")
	}
	p.pin.SetText(cfg.PinSHA256)
	p.caFile.SetText(cfg.CAFile)
	p.at.SetText(cfg.At)
	p.dir.SetText(cfg.BackupDir)
	p.keep.SetText(strconv.Itoa(cfg.Keep))
	p.showNext()
}

func (p *syncPane) showNext() {
	cfg, tokenSet := p.ctl.SyncSettings()
	var parts []string
	if cfg.URL == "" || !tokenSet {
		parts = append(parts, "Server pusat belum diatur: malam hari hanya dibuat cadangan.")
	}
	if t := p.ctl.NextRun(); !t.IsZero() {
		t = t.In(p.app.office.Location())
		parts = append(parts, fmt.Sprintf("Jadwal berikutnya: %s pukul %02d:%02d.", tanggal(t), t.Hour(), t.Minute()))
	}
	p.next.SetText(strings.Join(parts, " "))
}

func (p *syncPane) say(msg string, isErr bool) {
	p.message.Importance = widget.SuccessImportance
	if isErr {
		p.message.Importance = widget.DangerImportance
	}
	p.message.SetText(msg)
}

func (p *syncPane) onSave() {
	keep, err := strconv.Atoi(strings.TrimSpace(p.keep.Text))
	if err != nil {
		p.say("Jumlah cadangan yang disimpan harus angka, misalnya 14.", true)
		return
	}
	cfg, _ := p.ctl.SyncSettings()
	cfg.URL, cfg.Token, cfg.PinSHA256, cfg.CAFile = p.url.Text, p.token.Text, p.pin.Text, p.caFile.Text
	cfg.At, cfg.BackupDir, cfg.Keep = strings.TrimSpace(p.at.Text), p.dir.Text, keep
	p.app.run(func(ctx context.Context) error { return p.ctl.SaveSyncSettings(cfg) }, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.fill()
		p.say("Pengaturan sinkronisasi tersimpan.", false)
	})
}

func (p *syncPane) onSyncNow() {
	p.syncBtn.Disable()
	p.bar.SetValue(0)
	p.bar.Show()
	p.status.SetText("Menghubungi server pusat…")
	p.say("", false)
	var run store.SyncRun
	p.app.run(func(ctx context.Context) error {
		var err error
		run, err = p.ctl.SyncNow(ctx, store.TrigManual, func(pr store.SyncProgress) {
			fyne.Do(func() {
				p.bar.SetValue(pr.Fraction())
				p.status.SetText(fmt.Sprintf("%d batch, %d rekaman terkirim (posisi %d dari %d).",
					pr.Batches, pr.Records, pr.Position, pr.Target))
			})
		})
		return err
	}, func(err error) {
		p.syncBtn.Enable()
		if err != nil {
			p.status.SetText("")
			p.say(errText(err), true)
		} else {
			p.bar.SetValue(1)
			p.say(fmt.Sprintf("Sinkronisasi selesai: %d batch, %d rekaman.", run.Batches, run.Records), false)
		}
		p.reload()
	})
}

func (p *syncPane) onBackupNow() {
	p.backupBtn.Disable()
	var path string
	p.app.run(func(ctx context.Context) error {
		var err error
		path, err = p.ctl.BackupNow(ctx, store.TrigManual)
		return err
	}, func(err error) {
		p.backupBtn.Enable()
		if err != nil {
			p.say("Cadangan gagal: "+errText(err), true)
		} else {
			p.say("Cadangan dibuat dan diperiksa: "+path, false)
		}
		p.reload()
	})
}

func (p *syncPane) reload() {
	var runs []store.SyncRun
	var backups string
	p.app.run(func(ctx context.Context) error {
		var err error
		if runs, err = p.ctl.Runs(ctx, 100); err != nil {
			return err
		}
		files, err := p.ctl.Backups()
		backups = p.backupText(files) // reads the files' sizes: off the UI thread
		return err
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.runs = runs
		p.table.Refresh()
		if p.syncBtn.Disabled() {
			return // a run is going: its progress owns the status line
		}
		for _, r := range runs {
			if r.Kind == store.RunSync && r.Result != store.RunRunning {
				res := "berhasil"
				if r.Result == store.RunError {
					res = "gagal: " + r.Error
				}
				p.status.SetText(fmt.Sprintf("Sinkronisasi terakhir %s (%s), %s.", p.app.shortTime(r.StartedAt),
					p.cell(r, 2), res))
				break
			}
		}
		p.backups.SetText(backups)
	})
}

func (p *syncPane) backupText(files []string) string {
	cfg, _ := p.ctl.SyncSettings()
	if len(files) == 0 {
		return "Belum ada cadangan di " + cfg.BackupDir + "."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d cadangan di %s (disimpan %d terakhir):", len(files), cfg.BackupDir, cfg.Keep)
	for i, f := range files {
		if i == 5 {
			fmt.Fprintf(&b, "\n  … dan %d lainnya", len(files)-5)
			break
		}
		size := ""
		if fi, err := os.Stat(f); err == nil {
			size = fmt.Sprintf(" (%.1f MB, %s)", float64(fi.Size())/(1<<20), p.app.shortTime(fi.ModTime()))
		}
		fmt.Fprintf(&b, "\n  %s%s", filepath.Base(f), size)
	}
	return b.String()
}

func (p *syncPane) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(p.runs), len(syncCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(p.runs) {
				l.SetText("")
				return
			}
			r := p.runs[id.Row]
			l.Importance = widget.MediumImportance
			if id.Col == 5 && r.Result == store.RunError {
				l.Importance = widget.DangerImportance
			}
			l.SetText(p.cell(r, id.Col))
		})
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(syncCols[id.Col].title)
		} else {
			l.SetText("")
		}
	}
	t.ShowHeaderColumn = false
	for i, c := range syncCols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

var triggerLabels = map[string]string{
	store.TrigNightly: "malam", store.TrigCatchUp: "susulan", store.TrigManual: "manual",
	store.TrigCLI: "baris perintah", store.TrigStartup: "saat mulai",
}

func (p *syncPane) cell(r store.SyncRun, col int) string {
	switch col {
	case 0:
		return p.app.shortTime(r.StartedAt)
	case 1:
		if r.Kind == store.RunBackup {
			return "Cadangan"
		}
		return "Sinkronisasi"
	case 2:
		if l, ok := triggerLabels[r.Trigger]; ok {
			return l
		}
		return r.Trigger
	case 3:
		if r.Kind == store.RunBackup {
			return "—"
		}
		return strconv.Itoa(r.Batches)
	case 4:
		if r.Kind == store.RunBackup {
			return "—"
		}
		return strconv.Itoa(r.Records)
	case 5:
		switch r.Result {
		case store.RunOK:
			return "berhasil"
		case store.RunRunning:
			return "berjalan"
		}
		return "gagal"
	case 6:
		if r.Error != "" {
			return r.Error
		}
		if r.Kind == store.RunBackup {
			return filepath.Base(r.Detail)
		}
		if !r.FinishedAt.IsZero() {
			return fmt.Sprintf("%s (%s)", r.Detail, durasiPendek(r.FinishedAt.Sub(r.StartedAt)))
		}
		return r.Detail
	}
	return ""
}

// durasiPendek is a run's length: "3 dtk", "2 mnt 5 dtk".
func durasiPendek(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s < 60 {
		return fmt.Sprintf("%d dtk", s)
	}
	return fmt.Sprintf("%d mnt %d dtk", s/60, s%60)
}
