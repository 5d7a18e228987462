package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are common Indonesian words that say nothing about the
// subject of a question.
var stopWords = map[string]bool{
	"yang": true, "dan": true, "untuk": true, "dengan": true, "bagaimana": true, "apakah": true, "cara": true,
	"ini": true, "itu": true, "ada": true, "tidak": true, "saya": true, "kami": true, "mohon": true, "bisa": true,
	"dari": true, "pada": true, "akan": true, "sudah": true, "belum": true, "atau": true, "kenapa": true,
	"mengapa": true, "apa": true, "bapak": true, "ibu": true, "karena": true, "kalau": true, "jika": true,
	"dalam": true, "oleh": true, "agar": true, "juga": true, "kah": true, "nya": true, "tersebut": true,
}

// ftsQuery turns what the CSO typed into an FTS5 query: each meaningful
// word as a quoted prefix term, any of them matching (bm25 ranks items
// matching more words higher). Empty when nothing meaningful was typed.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var terms []string
	for _, w := range words {
		if utf8.RuneCountInString(w) < 3 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		terms = append(terms, `"`+w+`"*`)
		if len(terms) == 12 {
			break
		}
	}
	return strings.Join(terms, " OR ")
}

// SuggestAnswers finds resolved consultations whose question, identification
// or answer match the words of text, best first.
func (s *Store) SuggestAnswers(ctx context.Context, text string, limit int) ([]AnswerSuggestion, error) {
	q := ftsQuery(text)
	if q == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.number, COALESCE(cat.name, c.category), c.question, c.answer,
		snippet(consultation_fts, -1, '[', ']', '…', 10), COALESCE(c.resolved_at, '')
		FROM consultation_fts f JOIN consultations c ON c.id = f.consultation_id
		LEFT JOIN cso_categories cat ON cat.id = c.category
		WHERE consultation_fts MATCH ? ORDER BY bm25(consultation_fts, 0, 3, 1, 2) LIMIT ?`, q, limit)
	if err != nil {
		return nil, fmt.Errorf("store: suggest answers: %w", err)
	}
	defer rows.Close()
	var out []AnswerSuggestion
	for rows.Next() {
		var a AnswerSuggestion
		var at string
		if err := rows.Scan(&a.ConsultationID, &a.Number, &a.Category, &a.Question, &a.Answer, &a.Snippet, &at); err != nil {
			return nil, fmt.Errorf("store: suggest answers: %w", err)
		}
		a.ResolvedAt = parseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
