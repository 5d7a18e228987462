package office

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loket/standards"
	"loket/store"
	"loket/workday"
)

// TimeNorm is a time norm as the office fixes it: one duration, the
// longest a visitor waits for the product.
type TimeNorm struct {
	Value float64        `json:"value"`
	Unit  standards.Unit `json:"unit"`
}

// String is the norm in words: "3 hari kerja".
func (n TimeNorm) String() string {
	return strconv.FormatFloat(n.Value, 'f', -1, 64) + " " + workday.UnitLabel(string(n.Unit))
}

// CatalogFee is a corrected Biaya/Tarif.
type CatalogFee struct {
	Free bool   `json:"free"`
	Text string `json:"text"`
}

// Corrected fields, named as the standards' component keys so the review
// can set them beside what a newer version changed.
const (
	FieldName         = "nama"
	FieldRequirements = standards.KeyPersyaratan
	FieldNorm         = standards.KeyJangkaWaktu
	FieldFee          = standards.KeyBiaya
	FieldProducts     = standards.KeyProduk
)

// CatalogCorrection is the office's own correction of one catalog service.
// Parsed document versions are never edited: a correction sits beside them,
// keyed by the catalog key, applies to whichever version is current and
// survives a newer import. A nil field is as the document says.
type CatalogCorrection struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Source string `json:"source"`
	Unit   string `json:"unit"`
	// Manual marks a service the admin added by hand because the document
	// had none readable; it needs a Name.
	Manual       bool        `json:"manual"`
	Name         *string     `json:"name,omitempty"`
	Requirements *[]string   `json:"requirements,omitempty"`
	Norm         *TimeNorm   `json:"norm,omitempty"`
	Fee          *CatalogFee `json:"fee,omitempty"`
	Products     *[]string   `json:"products,omitempty"`
	// Base is the service as its document read when the correction was
	// last confirmed (components left out): a newer version that changes a
	// corrected field is pointed out in the review.
	Base      standards.Service `json:"base"`
	UpdatedAt time.Time         `json:"updated_at"`
	UpdatedBy string            `json:"updated_by"`
}

// Fields lists the corrected fields (Field* names) in component order.
func (c CatalogCorrection) Fields() []string {
	var out []string
	if c.Name != nil {
		out = append(out, FieldName)
	}
	if c.Requirements != nil {
		out = append(out, FieldRequirements)
	}
	if c.Norm != nil {
		out = append(out, FieldNorm)
	}
	if c.Fee != nil {
		out = append(out, FieldFee)
	}
	if c.Products != nil {
		out = append(out, FieldProducts)
	}
	return out
}

// Empty reports whether the correction changes nothing.
func (c CatalogCorrection) Empty() bool { return len(c.Fields()) == 0 }

// Apply returns sv with the correction's fields in place of the document's.
func (c CatalogCorrection) Apply(sv standards.Service) standards.Service {
	if c.Name != nil {
		sv.Name = *c.Name
	}
	if c.Requirements != nil {
		sv.Requirements = append([]string{}, (*c.Requirements)...)
	}
	if c.Norm != nil {
		q := standards.Quantity{Value: c.Norm.Value, Unit: c.Norm.Unit}
		sv.SLA = []standards.SLAVariant{{Min: q, Max: q}}
		sv.SLAReducible = true
		sv.SLAUnreduced = []string{}
		sv.SLAText = c.Norm.String()
	}
	if c.Fee != nil {
		sv.Fee, sv.FeeFree = c.Fee.Text, c.Fee.Free
	}
	if c.Products != nil {
		sv.Products = append([]string{}, (*c.Products)...)
	}
	return sv
}

// conflicts lists the corrected fields whose document text differs between
// the correction's base and parsed: what a newer version changed under it.
func (c CatalogCorrection) conflicts(parsed standards.Service) []string {
	b := c.Base
	var out []string
	if c.Name != nil && b.Name != parsed.Name {
		out = append(out, FieldName)
	}
	if c.Requirements != nil && !sameStrings(b.Requirements, parsed.Requirements) {
		out = append(out, FieldRequirements)
	}
	if c.Norm != nil && (b.SLAText != parsed.SLAText || !reflect.DeepEqual(nonNilSLA(b.SLA), nonNilSLA(parsed.SLA))) {
		out = append(out, FieldNorm)
	}
	if c.Fee != nil && (b.Fee != parsed.Fee || b.FeeFree != parsed.FeeFree) {
		out = append(out, FieldFee)
	}
	if c.Products != nil && !sameStrings(b.Products, parsed.Products) {
		out = append(out, FieldProducts)
	}
	return out
}

func nonNilSLA(v []standards.SLAVariant) []standards.SLAVariant {
	if v == nil {
		return []standards.SLAVariant{}
	}
	return v
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// baseOf is what a correction remembers of the parsed service: everything
// but the components' full text.
func baseOf(sv standards.Service) standards.Service {
	sv.Components = nil
	return sv
}

// FieldTitle is a corrected field's name for people.
func FieldTitle(field string) string {
	if field == FieldName {
		return "Nama layanan"
	}
	return standards.ComponentTitle(field)
}

// CatalogReviewItem is one service in the review before an import.
type CatalogReviewItem struct {
	Key string `json:"key"`
	// Parsed is the service as the new document reads it (zero for a
	// service added by hand). Its Components keep the source text.
	Parsed standards.Service `json:"parsed"`
	// Change is what this version changed against the current one ("" when
	// nothing, or for a manual service); Components as in standards.Change.
	Change     standards.ChangeKind `json:"change"`
	Components []string             `json:"components,omitempty"`
	// Correction is the office's correction in force, nil when none.
	Correction *CatalogCorrection `json:"correction,omitempty"`
	// Conflicts lists corrected fields the new version changed.
	Conflicts []string `json:"conflicts,omitempty"`
	// Missing: the corrected service is not in the new version (its
	// correction is dropped when the version is imported, unless the admin
	// keeps the service as a manual one).
	Missing bool `json:"missing"`
	// ElsewhereIn names another document whose current version already
	// has this service (same unit and name): importing would list it twice,
	// usually because the same standard was saved under another file name.
	ElsewhereIn string `json:"elsewhere_in,omitempty"`
}

// CatalogReview is what the review step shows before an import: the
// preview and every service beside its source text and correction.
type CatalogReview struct {
	CatalogPreview
	Items []CatalogReviewItem `json:"items"`
	// Problem says, in one sentence, why no service was read ("" when some
	// were): the admin may still add services by hand from Text.
	Problem string `json:"problem"`
	// Text is the document's readable text, for typing services by hand
	// ("" when it is not plain text).
	Text string `json:"text"`
}

// CatalogDecision is what the admin decided in the review.
type CatalogDecision struct {
	// Unit names the service unit when the document names none.
	Unit string `json:"unit"`
	// Corrections are the corrections in force after the import (new,
	// changed or kept); Key empty for a new manual service (made from Unit
	// and Name).
	Corrections []CatalogCorrection `json:"corrections"`
	// Drop lists the keys whose correction the admin dropped.
	Drop []string `json:"drop"`
}

// corrections reads the corrections in force, by key.
func (l *Local) corrections(ctx context.Context) (map[string]CatalogCorrection, error) {
	rows, err := l.st.CatalogCorrections(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]CatalogCorrection, len(rows))
	for _, r := range rows {
		c, err := correctionOf(r)
		if err != nil {
			return nil, err
		}
		out[c.Key] = c
	}
	return out, nil
}

func correctionOf(r store.CatalogCorrection) (CatalogCorrection, error) {
	var c CatalogCorrection
	if err := json.Unmarshal([]byte(r.Data), &c); err != nil {
		return c, fmt.Errorf("office: catalog correction %s: %w", r.ID, err)
	}
	c.ID, c.Key, c.Source, c.Unit, c.Manual = r.ID, r.Key, r.Source, r.Unit, r.Manual
	c.UpdatedAt, c.UpdatedBy = r.UpdatedAt, r.UpdatedBy
	return c, nil
}

func rowOf(c CatalogCorrection) (store.CatalogCorrection, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return store.CatalogCorrection{}, fmt.Errorf("office: catalog correction: %w", err)
	}
	return store.CatalogCorrection{Key: c.Key, Source: c.Source, Unit: c.Unit, Manual: c.Manual, Data: string(data),
		Fields: strings.Join(c.Fields(), ",")}, nil
}

// manualEntry is the catalog entry of a service added by hand.
func manualEntry(c CatalogCorrection, number, version int) CatalogEntry {
	sv := standards.Service{Number: number, Requirements: []string{}, Products: []string{}, SLA: []standards.SLAVariant{},
		SLAUnreduced: []string{}, Complaint: standards.Channels{Phones: []string{}, Emails: []string{}, URLs: []string{}},
		Components: map[string]string{}}
	e := CatalogEntry{ID: c.ID, Key: c.Key, Source: c.Source, Version: version, Current: true, Unit: c.Unit,
		Service: c.Apply(sv), Manual: true, Corrected: c.Fields()}
	return e
}

// CatalogCorrections implements Service: the corrections in force.
func (l *Local) CatalogCorrections(ctx context.Context) ([]CatalogCorrection, error) {
	m, err := l.corrections(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CatalogCorrection, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// SaveCatalogCorrection implements Service: corrects a service of the
// current catalog (or adds one by hand, Manual with Source, Unit and Name),
// outside an import. An empty correction drops it.
func (l *Local) SaveCatalogCorrection(ctx context.Context, actorID string, c CatalogCorrection) (CatalogCorrection, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return c, err
	}
	parsed := map[string]standards.Service{}
	css, err := l.st.CatalogServices(ctx)
	if err != nil {
		return c, err
	}
	for _, cs := range css {
		if cs.Key == c.Key || (c.Key == "" && cs.Source == c.Source) {
			e, err := entryOf(cs)
			if err != nil {
				return c, err
			}
			parsed[cs.Key] = e.Service
			if c.Unit == "" {
				c.Unit = e.Unit
			}
		}
	}
	if c.Manual && strings.TrimSpace(c.Source) == "" {
		return c, &store.Error{Code: "invalid", Message: "Sebutkan dokumen Standar Pelayanan asal layanan yang ditambahkan manual."}
	}
	if !c.Manual {
		if _, ok := parsed[c.Key]; !ok {
			return c, &store.Error{Code: "not_found", Message: "Layanan yang dikoreksi tidak ada di katalog yang berlaku."}
		}
	}
	c, err = l.prepareCorrection(ctx, c, c.Source, c.Unit, parsed)
	if err != nil {
		return c, err
	}
	if c.Empty() && !c.Manual {
		err := l.st.DropCatalogCorrection(ctx, actorID, c.Key)
		if errors.Is(err, store.ErrNotFound) {
			err = nil
		}
		return c, l.notified(err)
	}
	row, err := rowOf(c)
	if err != nil {
		return c, err
	}
	saved, err := l.st.SaveCatalogCorrection(ctx, actorID, row)
	if err != nil {
		return c, err
	}
	c.ID, c.UpdatedAt, c.UpdatedBy = saved.ID, saved.UpdatedAt, saved.UpdatedBy
	l.notify()
	return c, nil
}

// DropCatalogCorrection implements Service: the document's own text
// applies again to the service (a manual service leaves the catalog).
func (l *Local) DropCatalogCorrection(ctx context.Context, actorID, key string) error {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return err
	}
	err := l.st.DropCatalogCorrection(ctx, actorID, key)
	if errors.Is(err, store.ErrNotFound) {
		return &store.Error{Code: "not_found", Message: "Tidak ada koreksi kantor untuk layanan ini."}
	}
	return l.notified(err)
}

// prepareCorrection checks and cleans a correction for the document
// source/unit whose parsed services are given by key: texts trimmed and
// checked, empty checklist lines left out, the norm checked against the
// working-day calendar, the base set to the parsed service.
func (l *Local) prepareCorrection(ctx context.Context, c CatalogCorrection, source, unit string,
	parsed map[string]standards.Service) (CatalogCorrection, error) {
	c.Source, c.Unit = source, unit
	bad := func(msg string) (CatalogCorrection, error) {
		return c, &store.Error{Code: "invalid", Message: msg}
	}
	if c.Name != nil {
		n := strings.Join(strings.Fields(*c.Name), " ")
		if err := checkText(n); err != nil {
			return bad("Nama layanan " + err.Error() + ".")
		}
		c.Name = &n
	}
	if c.Manual {
		if c.Name == nil || *c.Name == "" {
			return bad("Layanan yang ditambahkan manual harus diberi nama.")
		}
		if strings.TrimSpace(unit) == "" {
			return bad("Isi nama unit pelayanan untuk layanan yang ditambahkan manual.")
		}
		if c.Key == "" {
			c.Key = CatalogKey(unit, *c.Name)
		}
	}
	if c.Key == "" {
		return bad("Koreksi katalog tidak menyebut layanannya.")
	}
	for _, list := range []*[]string{c.Requirements, c.Products} {
		if list == nil {
			continue
		}
		var clean []string
		for _, it := range *list {
			it = strings.TrimSpace(it)
			if it == "" {
				continue
			}
			if err := checkText(it); err != nil {
				return bad("Butir \"" + shortLabel(it) + "\" " + err.Error() + ".")
			}
			clean = append(clean, it)
		}
		if clean == nil {
			clean = []string{}
		}
		*list = clean
	}
	if c.Norm != nil {
		if !knownUnit(c.Norm.Unit) {
			return bad("Satuan jangka waktu tidak dikenal; pilih hari kerja, hari, jam, menit atau bulan.")
		}
		if c.Norm.Value <= 0 || math.IsNaN(c.Norm.Value) {
			return bad("Jangka waktu harus lebih dari nol.")
		}
		sched, err := ScheduleFor(ctx, l)
		if err != nil {
			return c, err
		}
		if _, err := sched.Deadline(l.st.Now(), c.Norm.Value, string(c.Norm.Unit)); err != nil {
			return bad("Jangka waktu tidak dapat dipakai: " + err.Error() + ".")
		}
	}
	if c.Fee != nil {
		c.Fee.Text = strings.TrimSpace(c.Fee.Text)
		if err := checkText(c.Fee.Text); err != nil {
			return bad("Biaya " + err.Error() + ".")
		}
	}
	if sv, ok := parsed[c.Key]; ok {
		c.Base = baseOf(sv)
		c = c.withoutNoops(sv)
	} else {
		c.Base = standards.Service{}
	}
	return c, nil
}

// withoutNoops clears the fields that say what the document already says:
// no correction is kept that corrects nothing.
func (c CatalogCorrection) withoutNoops(sv standards.Service) CatalogCorrection {
	if c.Name != nil && *c.Name == sv.Name {
		c.Name = nil
	}
	if c.Requirements != nil && sameStrings(*c.Requirements, sv.Requirements) {
		c.Requirements = nil
	}
	if c.Fee != nil && c.Fee.Text == sv.Fee && c.Fee.Free == sv.FeeFree {
		c.Fee = nil
	}
	if c.Products != nil && sameStrings(*c.Products, sv.Products) {
		c.Products = nil
	}
	if c.Norm != nil {
		if n, ok := DocumentNorm(sv); ok && n == *c.Norm && len(sv.SLA) == 1 && sv.SLA[0].Min == sv.SLA[0].Max {
			c.Norm = nil
		}
	}
	return c
}

// DocumentNorm is the time norm a parsed service promises: the longest of
// its variants (ranges at their maximum), as receipts compute it; false
// when the document's text names no duration.
func DocumentNorm(sv standards.Service) (TimeNorm, bool) {
	if !sv.SLAReducible || len(sv.SLA) == 0 {
		return TimeNorm{}, false
	}
	var best TimeNorm
	var bestLen time.Duration
	for _, v := range sv.SLA {
		if d := roughLength(v.Max.Value, string(v.Max.Unit)); d > bestLen || bestLen == 0 {
			best, bestLen = TimeNorm{Value: v.Max.Value, Unit: v.Max.Unit}, d
		}
	}
	return best, true
}

func knownUnit(u standards.Unit) bool {
	for _, k := range workday.Units() {
		if string(u) == k {
			return true
		}
	}
	return false
}

// checkText refuses text that cannot be stored: invalid UTF-8 or control
// characters. The error is the end of a sentence about the field, without
// its full stop, which the caller adds.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("berisi karakter yang tidak terbaca")
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return errors.New("berisi karakter kendali yang tidak boleh disimpan")
		}
	}
	if utf8.RuneCountInString(s) > 2000 {
		return errors.New("terlalu panjang (paling banyak 2.000 karakter)")
	}
	return nil
}

// ReviewCatalog implements Service: every service the document reads,
// beside its source text, the office's correction and what this version
// changed. A readable document with no recognisable service is no error
// here: the review says so (Problem) and shows its text for typing
// services by hand.
func (l *Local) ReviewCatalog(ctx context.Context, source string, content []byte) (CatalogReview, error) {
	source = filepath.Base(source)
	doc, warns, err := standards.Parse(source, content)
	if err != nil {
		return CatalogReview{}, unreadable(source, err)
	}
	return l.review(ctx, source, doc, warns, content)
}

// review builds the review of a parsed document.
func (l *Local) review(ctx context.Context, source string, doc standards.Document, warns []string, content []byte) (CatalogReview, error) {
	var rv CatalogReview
	if doc.Source == "" {
		doc.Source = source
	}
	if len(doc.Services) == 0 {
		rv.Problem = noServices(source).Message
		rv.Text = documentText(content)
	}
	current, err := l.parsedCatalog(ctx)
	if err != nil {
		return rv, err
	}
	old, found := documentIn(current, doc.Source)
	if doc.Unit == "" && found {
		doc.Unit = old.Unit
	}
	changes := standards.Diff(old, doc)
	if len(doc.Services) == 0 {
		changes = nil // an unreadable new version does not remove the services
	}
	rv.CatalogPreview = CatalogPreview{Source: doc.Source, Unit: doc.Unit, Services: len(doc.Services), Warnings: warns,
		Changes: changes, Unchanged: len(changes) == 0 && found && len(doc.Services) > 0}
	byNew := map[int]standards.Change{}
	for _, c := range changes {
		if c.Kind != standards.Removed {
			byNew[c.NewNumber] = c
		}
	}
	corr, err := l.corrections(ctx)
	if err != nil {
		return rv, err
	}
	elsewhere := map[string]string{}
	for _, e := range current {
		if e.Source != doc.Source {
			elsewhere[e.Key] = e.Source
		}
	}
	seen := map[string]bool{}
	for _, sv := range doc.Services {
		it := CatalogReviewItem{Key: CatalogKey(doc.Unit, sv.Name), Parsed: sv}
		it.ElsewhereIn = elsewhere[it.Key]
		if ch, ok := byNew[sv.Number]; ok && found {
			it.Change, it.Components = ch.Kind, ch.Components
		}
		if c, ok := corr[it.Key]; ok && !seen[it.Key] {
			c := c
			it.Correction = &c
			it.Conflicts = c.conflicts(sv)
		}
		seen[it.Key] = true
		rv.Items = append(rv.Items, it)
	}
	var rest []string
	for k, c := range corr {
		if c.Source == doc.Source && !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		c := corr[k]
		it := CatalogReviewItem{Key: k, Correction: &c, Missing: !c.Manual}
		if c.Manual {
			it.Parsed = manualEntry(c, 0, 0).Service
		}
		rv.Items = append(rv.Items, it)
	}
	return rv, nil
}

// ImportCatalogReviewed implements Service: imports the document as its
// new current version together with the admin's decisions from the review,
// in one transaction; every correction saved or dropped is its own event.
// Corrections of services the new version lacks are dropped, unless kept
// as manual services.
func (l *Local) ImportCatalogReviewed(ctx context.Context, actorID, source string, content []byte, d CatalogDecision) (CatalogPreview, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return CatalogPreview{}, err
	}
	source = filepath.Base(source)
	doc, warns, err := standards.Parse(source, content)
	if err != nil {
		return CatalogPreview{}, unreadable(source, err)
	}
	rv, err := l.review(ctx, source, doc, warns, content)
	if err != nil {
		return CatalogPreview{}, err
	}
	p := rv.CatalogPreview
	unit := doc.Unit
	if unit == "" {
		unit = strings.Join(strings.Fields(d.Unit), " ")
	}
	if unit == "" {
		unit = p.Unit
	}
	parsed := map[string]standards.Service{}
	css := make([]store.CatalogService, 0, len(doc.Services))
	for _, sv := range doc.Services {
		data, err := json.Marshal(sv)
		if err != nil {
			return p, fmt.Errorf("office: import catalog: %w", err)
		}
		key := CatalogKey(unit, sv.Name)
		parsed[key] = sv
		css = append(css, store.CatalogService{Key: key, Number: sv.Number, Name: sv.Name, Data: string(data)})
	}
	current, err := l.corrections(ctx)
	if err != nil {
		return p, err
	}
	var w store.CatalogReviewWrite
	dropped := map[string]bool{}
	for _, k := range d.Drop {
		if _, ok := current[k]; ok && !dropped[k] {
			dropped[k] = true
			w.Drop = append(w.Drop, k)
		}
	}
	manual := 0
	kept := map[string]bool{}
	for _, c := range d.Corrections {
		if c.Key != "" && !c.Manual {
			if _, ok := parsed[c.Key]; !ok {
				return p, &store.Error{Code: "invalid", Message: "Koreksi untuk layanan yang tidak ada di dokumen ini; tambahkan sebagai layanan manual."}
			}
		}
		c, err := l.prepareCorrection(ctx, c, p.Source, unit, parsed)
		if err != nil {
			return p, err
		}
		if c.Manual {
			manual++
		}
		if kept[c.Key] {
			return p, &store.Error{Code: "invalid", Message: "Dua layanan bernama sama: " + shortLabel(c.Key) + "."}
		}
		kept[c.Key] = true
		old, had := current[c.Key]
		if c.Empty() && !c.Manual {
			if had && !dropped[c.Key] {
				dropped[c.Key] = true
				w.Drop = append(w.Drop, c.Key)
			}
			continue
		}
		if had && sameCorrection(old, c) {
			continue // kept as it was: no event
		}
		row, err := rowOf(c)
		if err != nil {
			return p, err
		}
		w.Save = append(w.Save, row)
	}
	// A correction whose service the new version no longer has would
	// apply to nothing: it goes, with its event, unless kept above.
	for k, c := range current {
		if c.Source == p.Source && !kept[k] && !dropped[k] && !c.Manual {
			if _, ok := parsed[k]; !ok && len(doc.Services) > 0 {
				dropped[k] = true
				w.Drop = append(w.Drop, k)
			}
		}
	}
	sort.Strings(w.Drop)
	if len(doc.Services) == 0 && manual == 0 {
		if rv.Problem != "" {
			return p, &store.Error{Code: "invalid", Message: rv.Problem}
		}
		return p, &store.Error{Code: "invalid", Message: "Dokumen tidak berisi layanan."}
	}
	stored, err := l.st.ImportCatalogReviewed(ctx, actorID, p.Source, unit, content, css, w)
	if err != nil {
		return p, err
	}
	p.Version, p.Unit = stored.Version, unit
	l.notify()
	return p, nil
}

// sameCorrection compares what two corrections say and rest on.
func sameCorrection(a, b CatalogCorrection) bool {
	a.ID, a.UpdatedAt, a.UpdatedBy = "", time.Time{}, ""
	b.ID, b.UpdatedAt, b.UpdatedBy = "", time.Time{}, ""
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// documentText is the readable text of a document for typing services by
// hand: plain text (UTF-8, BOM dropped) with HTML tags taken out; "" when
// the content is not text.
func documentText(content []byte) string {
	s := strings.TrimPrefix(string(content), "\ufeff")
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return ""
	}
	if strings.Contains(s, "<") && strings.Contains(s, ">") {
		var b strings.Builder
		in := false
		for _, r := range s {
			switch {
			case r == '<':
				in = true
			case r == '>' && in:
				in = false
				b.WriteByte(' ')
			case !in:
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	var lines []string
	for _, ln := range strings.Split(s, "\n") {
		if ln = strings.Join(strings.Fields(ln), " "); ln != "" {
			lines = append(lines, ln)
		}
	}
	const max = 200_000
	out := strings.Join(lines, "\n")
	if len(out) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "\n…"
	}
	return out
}
