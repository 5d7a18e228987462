"""Turns a seed written as text with markdown pipe tables (HTML inside the
cells) into an HTML page with real tables, for LibreOffice to convert to
.docx and .pdf. Used once to make seed000.{html,docx,pdf}; see README."""
import html, sys

src = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = ['<html><head><meta charset="utf-8"><title>Standar Pelayanan</title></head><body>']
in_table = False
for line in src:
    t = line.strip()
    if t.startswith("|") and t.count("|") >= 3:
        cells = [c.strip() for c in t.strip("|").split("|")]
        if all(set(c) <= set("-: ") and c for c in cells):
            continue  # the markdown separator row
        if not in_table:
            out.append('<table border="1" cellpadding="4" width="100%"><col width="8%"><col width="24%"><col width="68%">')
            in_table = True
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        continue
    if in_table:
        out.append("</table>")
        in_table = False
    if t:
        out.append(f"<p>{html.escape(t)}</p>")
if in_table:
    out.append("</table>")
out.append("</body></html>")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
