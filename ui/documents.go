package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// saveDocument writes a generated document (a PDF) into the Loket folder
// of the user's documents and opens it in the system viewer.
func (a *App) saveDocument(name string, data []byte) (string, error) {
	path, err := a.writeDocument(name, data)
	if err != nil {
		return path, err
	}
	return path, a.openPath(path)
}

// writeDocument keeps a generated document on disk, so a failed viewer or
// printer never loses it.
func (a *App) writeDocument(name string, data []byte) (string, error) {
	return a.writeDocumentIn("", name, data)
}

// writeDocumentIn is writeDocument into a sub-folder of the documents
// folder (the CSV files of one report, kept together); "" is the folder
// itself.
func (a *App) writeDocumentIn(sub, name string, data []byte) (string, error) {
	dir := a.DocumentsDir
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		dir = filepath.Join(home, "Dokumen Loket", time.Now().Format("2006-01"))
	}
	if sub != "" {
		dir = filepath.Join(dir, unsafeName.ReplaceAllString(sub, "_"))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("folder %s tidak dapat dibuat: %w", dir, err)
	}
	path := filepath.Join(dir, unsafeName.ReplaceAllString(name, "_"))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	return path, nil
}

// fileUnreadable is said when a file chosen in a dialog cannot be read
// (the cause goes to the log).
const fileUnreadable = "Berkas tidak dapat dibaca; periksa bahwa berkas masih ada dan tidak sedang dibuka program lain."

// UseSystemOpener makes the app show documents through SystemOpener where
// the platform has one, and tell the officer when the desktop reports,
// after openPath has returned, that it could not show one (no PDF viewer
// installed): the screen already said where the file is saved, and
// nothing opened.
func (a *App) UseSystemOpener() {
	if SystemOpener == nil {
		return
	}
	a.OpenFile = func(path string) error {
		return SystemOpener(path, func(error) { fyne.Do(func() { a.viewerFailed(path) }) })
	}
}

// viewerFailed tells the officer a saved document did not open, with its
// name and folder on lines of their own (a long path would wrap inside
// the name).
func (a *App) viewerFailed(path string) {
	dialog.ShowInformation("Dokumen tidak terbuka",
		"Berkas sudah tersimpan, tetapi PC ini tidak dapat membukanya: belum ada aplikasi "+
			"penampil untuk berkas ini, atau aplikasinya gagal.\n\n"+
			"Berkas: "+filepath.Base(path)+"\nFolder: "+filepath.Dir(path)+"\n\n"+
			"Buka berkas itu dari folder tersebut, atau minta petugas TI memasang penampil PDF.", a.win)
}

// openPath shows a saved file in the system viewer.
func (a *App) openPath(path string) error {
	if a.OpenFile != nil {
		return a.OpenFile(path)
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return a.fa.OpenURL(u)
}
