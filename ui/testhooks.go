package ui

import "fyne.io/fyne/v2/widget"

// widgetEntry and widgetCell keep the tests short.
type widgetEntry = widget.Entry

func widgetCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }
