package ui

import (
	"loket/reports"
	"loket/store"
)

// The survey tablet asks, after the nine IKM elements, the Zona Integritas
// statements: the service-quality perception (IPK) and the
// corruption-perception (IPAK) items of reports/zi.go, on the same four
// faces (tidak setuju .. sangat setuju). Every item can be skipped; the
// answers go in the same questionnaire as the IKM.

// surveyItem is one page of the questionnaire.
type surveyItem struct {
	Section  string // "" for the IKM, else the questionnaire's name
	Name     string
	Question string
	Answers  [4]string
}

// ziScores holds the IPK answers then the IPAK answers.
type ziScores [store.IPKItems + store.IPAKItems]int

// surveyItemCount is every page before the comment.
func surveyItemCount() int {
	return len(reports.IKMElements) + len(reports.IPKItems) + len(reports.IPAKItems)
}

// surveyItemAt is page i of the questionnaire.
func surveyItemAt(i int) surveyItem {
	if i < len(reports.IKMElements) {
		e := reports.IKMElements[i]
		return surveyItem{Name: e.Name, Question: e.Question, Answers: e.Answers}
	}
	i -= len(reports.IKMElements)
	if i < len(reports.IPKItems) {
		e := reports.IPKItems[i]
		return surveyItem{Section: "Persepsi Kualitas Pelayanan", Name: e.Name, Question: e.Statement, Answers: reports.ZIScale}
	}
	e := reports.IPAKItems[i-len(reports.IPKItems)]
	return surveyItem{Section: "Persepsi Anti Korupsi", Name: e.Name, Question: e.Statement, Answers: reports.ZIScale}
}

// scoreAt is the answer given on page i (0 for none).
func (s *surveyScreen) scoreAt(i int) int {
	if i < len(s.scores) {
		return s.scores[i]
	}
	if i-len(s.scores) < len(s.zi) {
		return s.zi[i-len(s.scores)]
	}
	return 0
}

// setScore records the answer on page i.
func (s *surveyScreen) setScore(i, v int) {
	if i < len(s.scores) {
		s.scores[i] = v
	} else if i-len(s.scores) < len(s.zi) {
		s.zi[i-len(s.scores)] = v
	}
}

// withZI puts the IPK and IPAK answers into a.
func (s *surveyScreen) withZI(a store.SurveyAnswer) store.SurveyAnswer {
	copy(a.IPK[:], s.zi[:store.IPKItems])
	copy(a.IPAK[:], s.zi[store.IPKItems:])
	return a
}

// ziAnswered counts the IPK and IPAK answers given.
func (s *surveyScreen) ziAnswered() int {
	n := 0
	for _, v := range s.zi {
		if v != 0 {
			n++
		}
	}
	return n
}
