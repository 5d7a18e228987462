package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// CatalogDocument is one imported version of a Standar Pelayanan document.
type CatalogDocument struct {
	ID         string
	Source     string
	Version    int
	Unit       string
	SHA256     string
	ImportedAt time.Time
	ImportedBy string
	Services   int
}

// CatalogService is one service of the catalog in one version. Data is
// the parsed service (JSON of standards.Service); the store keeps it opaque.
type CatalogService struct {
	ID         string
	DocumentID string
	Key        string
	Number     int
	Name       string
	Unit       string
	Source     string
	Version    int
	Current    bool
	Data       string
}

// EvCatalogImported is written when a document version is imported.
const EvCatalogImported = "catalog.imported"

// ImportCatalog stores a new version of a document and makes its services
// current (the previous version's services stay, not current). Importing
// the same bytes again changes nothing and returns the existing version.
// The office's corrections stay as they are.
func (s *Store) ImportCatalog(ctx context.Context, actorID, source, unit string, content []byte, services []CatalogService) (CatalogDocument, error) {
	return s.ImportCatalogReviewed(ctx, actorID, source, unit, content, services, CatalogReviewWrite{})
}

// ImportCatalogReviewed is ImportCatalog with what the admin decided in
// the review, in the same transaction: the corrections to save and those
// to drop, each with its event. Re-importing the current bytes stores no
// new version but still applies the review.
func (s *Store) ImportCatalogReviewed(ctx context.Context, actorID, source, unit string, content []byte, services []CatalogService,
	review CatalogReviewWrite) (CatalogDocument, error) {
	sum := sha256.Sum256(content)
	doc := CatalogDocument{Source: source, Unit: unit, SHA256: hex.EncodeToString(sum[:]), ImportedBy: actorID, Services: len(services)}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		var lastSHA string
		var lastID string
		err = tx.QueryRowContext(ctx, `SELECT id, version, sha256 FROM catalog_documents WHERE source = ?
			ORDER BY version DESC LIMIT 1`, source).Scan(&lastID, &doc.Version, &lastSHA)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case lastSHA == doc.SHA256:
			doc.ID = lastID
			return s.applyReview(ctx, tx, off.Code, actorID, doc.ID, review)
		}
		doc.Version++
		doc.ID = s.newID(off.Code)
		doc.ImportedAt = s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO catalog_documents (id, source, version, unit, sha256, content,
			imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, doc.ID, source, doc.Version, unit, doc.SHA256,
			content, formatTime(doc.ImportedAt), actorID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE catalog_services SET current = 0 WHERE document_id IN
			(SELECT id FROM catalog_documents WHERE source = ? AND id <> ?)`, source, doc.ID); err != nil {
			return err
		}
		for _, cs := range services {
			if _, err := tx.ExecContext(ctx, `INSERT INTO catalog_services (id, document_id, key, number, name, data, current)
				VALUES (?, ?, ?, ?, ?, ?, 1)`, s.newID(off.Code), doc.ID, cs.Key, cs.Number, cs.Name, cs.Data); err != nil {
				return err
			}
		}
		if err := s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCatalogImported, OfficerID: actorID,
			Data: map[string]string{"source": source, "version": fmt.Sprint(doc.Version), "services": fmt.Sprint(len(services)),
				"document": doc.ID, "corrections_saved": fmt.Sprint(len(review.Save)),
				"corrections_dropped": fmt.Sprint(len(review.Drop))}}); err != nil {
			return err
		}
		return s.applyReview(ctx, tx, off.Code, actorID, doc.ID, review)
	})
	if err != nil {
		return doc, wrap("import catalog", err)
	}
	return doc, nil
}

const catalogServiceColumns = `cs.id, cs.document_id, cs.key, cs.number, cs.name, d.unit, d.source, d.version, cs.current, cs.data`

func (s *Store) queryCatalog(ctx context.Context, where string, args ...any) ([]CatalogService, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+catalogServiceColumns+` FROM catalog_services cs
		JOIN catalog_documents d ON d.id = cs.document_id WHERE `+where+` ORDER BY d.source, cs.number`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: catalog: %w", err)
	}
	defer rows.Close()
	var out []CatalogService
	for rows.Next() {
		var c CatalogService
		if err := rows.Scan(&c.ID, &c.DocumentID, &c.Key, &c.Number, &c.Name, &c.Unit, &c.Source, &c.Version,
			&c.Current, &c.Data); err != nil {
			return nil, fmt.Errorf("store: catalog: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CatalogServices lists the current catalog.
func (s *Store) CatalogServices(ctx context.Context) ([]CatalogService, error) {
	return s.queryCatalog(ctx, `cs.current = 1`)
}

// CatalogServiceByID returns a catalog service in any version.
func (s *Store) CatalogServiceByID(ctx context.Context, id string) (CatalogService, error) {
	out, err := s.queryCatalog(ctx, `cs.id = ?`, id)
	if err != nil {
		return CatalogService{}, err
	}
	if len(out) == 0 {
		return CatalogService{}, ErrNotFound
	}
	return out[0], nil
}

// CatalogCurrent returns the current version of the catalog service with key.
func (s *Store) CatalogCurrent(ctx context.Context, key string) (CatalogService, error) {
	out, err := s.queryCatalog(ctx, `cs.key = ? AND cs.current = 1`, key)
	if err != nil {
		return CatalogService{}, err
	}
	if len(out) == 0 {
		return CatalogService{}, ErrNotFound
	}
	return out[0], nil
}

// CatalogDocuments lists every imported version, newest first per source.
func (s *Store) CatalogDocuments(ctx context.Context) ([]CatalogDocument, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.source, d.version, d.unit, d.sha256, d.imported_at, d.imported_by,
		(SELECT count(*) FROM catalog_services cs WHERE cs.document_id = d.id)
		FROM catalog_documents d ORDER BY d.source, d.version DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: catalog documents: %w", err)
	}
	defer rows.Close()
	var out []CatalogDocument
	for rows.Next() {
		var d CatalogDocument
		var at string
		if err := rows.Scan(&d.ID, &d.Source, &d.Version, &d.Unit, &d.SHA256, &at, &d.ImportedBy, &d.Services); err != nil {
			return nil, fmt.Errorf("store: catalog documents: %w", err)
		}
		d.ImportedAt = parseTime(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

func (s *Store) applyReview(ctx context.Context, tx *writeTx, officeCode, actorID, documentID string, review CatalogReviewWrite) error {
	for _, key := range review.Drop {
		if err := s.dropCorrection(ctx, tx, officeCode, actorID, key, documentID); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	for _, c := range review.Save {
		if _, err := s.saveCorrection(ctx, tx, officeCode, actorID, c, documentID); err != nil {
			return err
		}
	}
	return nil
}
