package standards

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDocxXML bounds how much of one XML part is read: a zip bomb must not
// take the counter PC's memory. Real standards are a few megabytes.
const maxDocxXML = 64 << 20

// docxText extracts the text of a Word .docx (Office Open XML: a zip of XML
// parts) in document order: each paragraph on its own line, list paragraphs
// with their number or bullet ("a. ", "1) ", "• ") as Word shows it, and
// each table row on one line with its cells separated by tabs, the shape the
// parser reads as a tab-separated table. Symbol-font bullets (private-use
// characters) become "•".
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", ErrCorruptDOCX
	}
	var doc, numbering, styles *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc = f
		case "word/numbering.xml":
			numbering = f
		case "word/styles.xml":
			styles = f
		}
	}
	if doc == nil {
		// an .xlsx, .odt or any other zip
		return "", ErrNotText
	}
	var nums numberingDefs
	if numbering != nil {
		if b, err := readZipPart(numbering); err == nil {
			nums = parseNumbering(b)
		}
	}
	if styles != nil {
		if b, err := readZipPart(styles); err == nil {
			nums.styles = parseStyleNumbering(b)
		}
	}
	b, err := readZipPart(doc)
	if err != nil {
		return "", ErrCorruptDOCX
	}
	text, err := docxBody(b, nums)
	if err != nil {
		return "", ErrCorruptDOCX
	}
	if isBlank(text) {
		return "", ErrEmpty
	}
	return text, nil
}

func readZipPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxDocxXML+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxDocxXML {
		return nil, fmt.Errorf("docx part %s too large", f.Name)
	}
	return b, nil
}

// numLevel is one level of a Word list definition.
type numLevel struct {
	format string // decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet
	text   string // "%1.", "%2)", ""
	start  int
}

// numberingDefs holds the list definitions: numId to its levels (through
// its abstractNum), and the numbering that paragraph styles such as "List
// Bullet" carry.
type numberingDefs struct {
	levels map[string]map[int]numLevel
	styles map[string]styleNum
}

// styleNum is the list a paragraph style puts its paragraphs in.
type styleNum struct {
	numID string
	ilvl  int
}

// parseStyleNumbering reads styles.xml for paragraph styles with numbering.
func parseStyleNumbering(b []byte) map[string]styleNum {
	out := map[string]styleNum{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	cur := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = attr(t, "styleId")
			case "numId":
				if cur != "" {
					sn := out[cur]
					sn.numID = attr(t, "val")
					out[cur] = sn
				}
			case "ilvl":
				if cur != "" {
					sn := out[cur]
					sn.ilvl, _ = strconv.Atoi(attr(t, "val"))
					out[cur] = sn
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" {
				cur = ""
			}
		}
	}
	return out
}

func parseNumbering(b []byte) numberingDefs {
	abstract := map[string]map[int]numLevel{}
	numToAbs := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var curAbs, curNum string
	curLvl := -1
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "abstractNum":
			curAbs = attr(se, "abstractNumId")
			abstract[curAbs] = map[int]numLevel{}
			curNum = ""
		case "lvl":
			curLvl, _ = strconv.Atoi(attr(se, "ilvl"))
			if curAbs != "" && curNum == "" {
				abstract[curAbs][curLvl] = numLevel{start: 1}
			}
		case "start", "numFmt", "lvlText":
			if curAbs == "" || curNum != "" || curLvl < 0 {
				continue
			}
			l := abstract[curAbs][curLvl]
			v := attr(se, "val")
			switch se.Name.Local {
			case "start":
				l.start, _ = strconv.Atoi(v)
			case "numFmt":
				l.format = v
			case "lvlText":
				l.text = v
			}
			abstract[curAbs][curLvl] = l
		case "num":
			curNum = attr(se, "numId")
		case "abstractNumId":
			if curNum != "" {
				numToAbs[curNum] = attr(se, "val")
			}
		}
	}
	out := numberingDefs{levels: map[string]map[int]numLevel{}}
	for n, a := range numToAbs {
		out.levels[n] = abstract[a]
	}
	return out
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxBody walks document.xml. Paragraphs outside tables become lines;
// inside a table, a cell's paragraphs are joined with spaces and the row's
// cells with tabs (tabs inside a cell become spaces). A nested table's text
// stays inside its outer cell.
func docxBody(b []byte, nums numberingDefs) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out strings.Builder
	var para strings.Builder
	var cells []string // cells of the current outermost row
	var cell strings.Builder
	depth := 0 // table nesting
	inText := false
	var numID, pStyle string
	ilvl := 0
	hasIlvl := false
	counters := map[string][]int{}
	flushPara := func() {
		p := para.String()
		para.Reset()
		if sn, ok := nums.styles[pStyle]; ok && numID == "" && sn.numID != "" {
			numID = sn.numID
			if !hasIlvl {
				ilvl = sn.ilvl
			}
		}
		if numID != "" && numID != "0" {
			if lbl := listLabel(nums, counters, numID, ilvl); lbl != "" {
				p = lbl + " " + strings.TrimLeft(p, " \t")
			}
		}
		numID, ilvl, pStyle, hasIlvl = "", 0, "", false
		if depth == 0 {
			out.WriteString(p)
			out.WriteByte('\n')
			return
		}
		p = strings.ReplaceAll(strings.ReplaceAll(p, "\t", " "), "\n", " ")
		if strings.TrimSpace(p) == "" {
			return
		}
		if cell.Len() > 0 {
			cell.WriteByte(' ')
		}
		cell.WriteString(p)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				depth++
			case "tr":
				if depth == 1 {
					cells = cells[:0]
				}
			case "tc":
				if depth == 1 {
					cell.Reset()
				}
			case "t", "delText":
				inText = t.Name.Local == "t"
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "sym":
				para.WriteString("•")
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl, _ = strconv.Atoi(attr(t, "val"))
				hasIlvl = true
			case "pStyle":
				pStyle = attr(t, "val")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t", "delText":
				inText = false
			case "p":
				flushPara()
			case "tc":
				if depth == 1 {
					cells = append(cells, strings.TrimSpace(cell.String()))
				}
			case "tr":
				if depth == 1 {
					out.WriteString(strings.Join(cells, "\t"))
					out.WriteByte('\n')
				}
			case "tbl":
				depth--
				if depth == 0 {
					out.WriteByte('\n')
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	return out.String(), nil
}

// listLabel renders the number Word shows before a list paragraph and
// advances the list's counters (a deeper level restarts when a shallower one
// moves on).
func listLabel(nums numberingDefs, counters map[string][]int, numID string, ilvl int) string {
	levels := nums.levels[numID]
	if ilvl < 0 || ilvl > 8 {
		ilvl = 0
	}
	c := counters[numID]
	for len(c) <= ilvl {
		c = append(c, 0)
	}
	c[ilvl]++
	for i := ilvl + 1; i < len(c); i++ {
		c[i] = 0
	}
	counters[numID] = c
	lvl, ok := levels[ilvl]
	if !ok {
		return "•"
	}
	if lvl.format == "bullet" || lvl.format == "" && lvl.text != "" && !strings.Contains(lvl.text, "%") {
		return "•"
	}
	if lvl.format == "none" {
		return ""
	}
	text := lvl.text
	if text == "" {
		text = "%" + strconv.Itoa(ilvl+1) + "."
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			n := 0
			if k < len(c) {
				n = c[k]
			}
			f := lvl
			if l, ok := levels[k]; ok {
				f = l
			}
			n += max(f.start, 1) - 1
			b.WriteString(formatOrdinal(n, f.format))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return strings.TrimSpace(b.String())
}

func formatOrdinal(n int, format string) string {
	if n < 1 {
		n = 1
	}
	switch format {
	case "lowerLetter", "upperLetter":
		s := ""
		for m := n; m > 0; m = (m - 1) / 26 {
			s = string(rune('a'+(m-1)%26)) + s
		}
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
