package office

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"loket/assets"
	"loket/standards"
	"loket/store"
)

// CatalogEntry is one service of the catalog, parsed, in one version.
type CatalogEntry struct {
	ID      string
	Key     string
	Source  string
	Version int
	Current bool
	standards.Service
	Unit string
	// Manual marks a service the office added by hand (ID is then its
	// correction's id); Corrected lists the fields the office corrected
	// (Field* names), empty when the entry is as the document reads.
	Manual    bool     `json:"manual,omitempty"`
	Corrected []string `json:"corrected,omitempty"`
}

// Title is how the entry is listed: "Unit — Name".
func (e CatalogEntry) Title() string { return e.Unit + " — " + e.Name }

// CatalogPreview says what importing a document changes, before or after.
type CatalogPreview struct {
	Source   string
	Unit     string
	Services int
	Warnings []string
	Changes  []standards.Change
	// Version is the stored version after an import (0 in a preview).
	Version int
	// Unchanged is true when the same document is already current.
	Unchanged bool
}

// CatalogKey identifies a catalog service across versions of its document.
func CatalogKey(unit, name string) string {
	return strings.ToLower(strings.Join(strings.Fields(unit), " ") + " | " + strings.Join(strings.Fields(name), " "))
}

func entryOf(cs store.CatalogService) (CatalogEntry, error) {
	e := CatalogEntry{ID: cs.ID, Key: cs.Key, Source: cs.Source, Version: cs.Version, Current: cs.Current, Unit: cs.Unit}
	if err := json.Unmarshal([]byte(cs.Data), &e.Service); err != nil {
		return e, fmt.Errorf("office: catalog %s: %w", cs.ID, err)
	}
	return e, nil
}

// parsedCatalog is the current catalog as the documents read, without the
// office's corrections.
func (l *Local) parsedCatalog(ctx context.Context) ([]CatalogEntry, error) {
	css, err := l.st.CatalogServices(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CatalogEntry, 0, len(css))
	for _, cs := range css {
		e, err := entryOf(cs)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// corrected applies the office's correction for e's key, if any.
func corrected(e CatalogEntry, corr map[string]CatalogCorrection) CatalogEntry {
	if c, ok := corr[e.Key]; ok && e.Current {
		e.Service = c.Apply(e.Service)
		e.Corrected = c.Fields()
	}
	return e
}

// Catalog implements Service: the current catalog as the office uses it,
// the documents' services with the office's corrections applied and the
// services added by hand after those of their document.
func (l *Local) Catalog(ctx context.Context) ([]CatalogEntry, error) {
	parsed, err := l.parsedCatalog(ctx)
	if err != nil {
		return nil, err
	}
	corr, err := l.corrections(ctx)
	if err != nil {
		return nil, err
	}
	if len(corr) == 0 {
		return parsed, nil
	}
	docs, err := l.st.CatalogDocuments(ctx)
	if err != nil {
		return nil, err
	}
	version := map[string]int{} // newest version per source
	for _, d := range docs {
		version[d.Source] = max(version[d.Source], d.Version)
	}
	keys := map[string]bool{}
	last := map[string]int{} // highest number per source
	out := make([]CatalogEntry, 0, len(parsed)+len(corr))
	for _, e := range parsed {
		keys[e.Key] = true
		last[e.Source] = max(last[e.Source], e.Number)
		out = append(out, corrected(e, corr))
	}
	var manual []CatalogCorrection
	for k, c := range corr {
		if c.Manual && !keys[k] {
			manual = append(manual, c)
		}
	}
	sort.Slice(manual, func(i, j int) bool { return manual[i].ID < manual[j].ID })
	for _, c := range manual {
		last[c.Source]++
		out = append(out, manualEntry(c, last[c.Source], version[c.Source]))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out, nil
}

// CatalogEntry implements Service: one entry by id, any version; the
// current version with the office's corrections, older ones as read.
func (l *Local) CatalogEntry(ctx context.Context, id string) (CatalogEntry, error) {
	corr, err := l.corrections(ctx)
	if err != nil {
		return CatalogEntry{}, err
	}
	cs, err := l.st.CatalogServiceByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		for _, c := range corr {
			if c.ID == id && c.Manual {
				return l.currentEntry(ctx, c.Key)
			}
		}
	}
	if err != nil {
		return CatalogEntry{}, err
	}
	e, err := entryOf(cs)
	if err != nil {
		return e, err
	}
	return corrected(e, corr), nil
}

// currentEntry is the current catalog entry for a key as the office uses
// it (corrected, or added by hand); store.ErrNotFound when none.
func (l *Local) currentEntry(ctx context.Context, key string) (CatalogEntry, error) {
	// The common case, on every receipt and report: a parsed service and
	// at most one correction, two rows.
	cs, err := l.st.CatalogCurrent(ctx, key)
	if err == nil {
		e, err := entryOf(cs)
		if err != nil {
			return e, err
		}
		row, err := l.st.CatalogCorrection(ctx, key)
		if errors.Is(err, store.ErrNotFound) {
			return e, nil
		}
		if err != nil {
			return e, err
		}
		c, err := correctionOf(row)
		if err != nil {
			return e, err
		}
		return corrected(e, map[string]CatalogCorrection{key: c}), nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return CatalogEntry{}, err
	}
	// A service added by hand: numbered among its document's services.
	cat, err := l.Catalog(ctx)
	if err != nil {
		return CatalogEntry{}, err
	}
	for _, e := range cat {
		if e.Key == key {
			return e, nil
		}
	}
	return CatalogEntry{}, store.ErrNotFound
}

// currentDocument rebuilds the current version of a source as a Document,
// the "old" side of a diff.
func (l *Local) currentDocument(ctx context.Context, source string) (standards.Document, bool, error) {
	cat, err := l.parsedCatalog(ctx)
	if err != nil {
		return standards.Document{}, false, err
	}
	doc, found := documentIn(cat, source)
	return doc, found, nil
}

// documentIn gathers a source's services from a parsed catalog.
func documentIn(cat []CatalogEntry, source string) (standards.Document, bool) {
	doc := standards.Document{Source: source}
	found := false
	for _, e := range cat {
		if e.Source == source {
			doc.Unit = e.Unit
			doc.Services = append(doc.Services, e.Service)
			found = true
		}
	}
	return doc, found
}

func parseDocument(source string, content []byte) (standards.Document, []string, error) {
	source = filepath.Base(source)
	doc, warns, err := standards.Parse(source, content)
	if err != nil {
		return doc, warns, unreadable(source, err)
	}
	if len(doc.Services) == 0 {
		return doc, warns, noServices(source)
	}
	return doc, warns, nil
}

func unreadable(source string, err error) *store.Error {
	return &store.Error{Code: "invalid", Message: "Dokumen " + source + " tidak dapat dibaca: " +
		strings.TrimRight(err.Error(), ".") + "."}
}

func noServices(source string) *store.Error {
	return &store.Error{Code: "invalid", Message: "Tidak ada layanan yang dikenali dalam dokumen " + source +
		". Periksa bahwa berkas adalah dokumen Standar Pelayanan."}
}

// PreviewCatalog implements Service: what importing content would change.
func (l *Local) PreviewCatalog(ctx context.Context, source string, content []byte) (CatalogPreview, error) {
	doc, warns, err := parseDocument(source, content)
	if err != nil {
		return CatalogPreview{}, err
	}
	old, _, err := l.currentDocument(ctx, doc.Source)
	if err != nil {
		return CatalogPreview{}, err
	}
	changes := standards.Diff(old, doc)
	return CatalogPreview{Source: doc.Source, Unit: doc.Unit, Services: len(doc.Services), Warnings: warns,
		Changes: changes, Unchanged: len(changes) == 0 && len(old.Services) > 0}, nil
}

// ImportCatalog implements Service: store content as the new current
// version of its document.
func (l *Local) ImportCatalog(ctx context.Context, actorID, source string, content []byte) (CatalogPreview, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return CatalogPreview{}, err
	}
	p, err := l.PreviewCatalog(ctx, source, content)
	if err != nil {
		return p, err
	}
	doc, _, _ := standards.Parse(p.Source, content)
	css := make([]store.CatalogService, 0, len(doc.Services))
	for _, sv := range doc.Services {
		data, err := json.Marshal(sv)
		if err != nil {
			return p, fmt.Errorf("office: import catalog: %w", err)
		}
		css = append(css, store.CatalogService{Key: CatalogKey(doc.Unit, sv.Name), Number: sv.Number, Name: sv.Name, Data: string(data)})
	}
	d, err := l.st.ImportCatalog(ctx, actorID, p.Source, doc.Unit, content, css)
	if err != nil {
		return p, err
	}
	p.Version = d.Version
	l.notify()
	return p, nil
}

// importDefaultCatalog loads the embedded seed documents; a document with
// no recognisable service (a policy text) is skipped.
func importDefaultCatalog(ctx context.Context, svc Service, actorID string) error {
	docs := assets.CatalogDocuments()
	for _, name := range assets.CatalogNames() {
		if _, err := svc.ImportCatalog(ctx, actorID, name, docs[name]); err != nil {
			var e *store.Error
			if asErr(err, &e) && e.Code == "invalid" {
				continue
			}
			return fmt.Errorf("office: default catalog %s: %w", name, err)
		}
	}
	return nil
}

func asErr(err error, target **store.Error) bool { return errors.As(err, target) }
