package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Brand colours: the Kementerian Keuangan navy and gold, on a light
// background that stays readable under office fluorescent light.
var (
	colNavy    = color.NRGBA{R: 0x0B, G: 0x3C, B: 0x73, A: 0xFF}
	colGold    = color.NRGBA{R: 0xE3, G: 0xA8, B: 0x1B, A: 0xFF}
	colPaper   = color.NRGBA{R: 0xF4, G: 0xF6, B: 0xF9, A: 0xFF}
	colInk     = color.NRGBA{R: 0x1C, G: 0x25, B: 0x33, A: 0xFF}
	colMuted   = color.NRGBA{R: 0x5B, G: 0x67, B: 0x78, A: 0xFF}
	colDanger  = color.NRGBA{R: 0xB4, G: 0x23, B: 0x18, A: 0xFF}
	colSuccess = color.NRGBA{R: 0x1E, G: 0x7B, B: 0x45, A: 0xFF}
	colCard    = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	colLine    = color.NRGBA{R: 0xD9, G: 0xDF, B: 0xE7, A: 0xFF}
	// colInputBorder outlines check boxes and entries.
	colInputBorder = color.NRGBA{R: 0x7A, G: 0x86, B: 0x96, A: 0xFF}
	colWarnBg      = color.NRGBA{R: 0xFD, G: 0xF3, B: 0xD6, A: 0xFF}
	// colOverdueBg and colOkBg are the CSO overdue band's two states.
	colOverdueBg = color.NRGBA{R: 0xFD, G: 0xEC, B: 0xEA, A: 0xFF}
	colOkBg      = color.NRGBA{R: 0xE8, G: 0xF5, B: 0xEC, A: 0xFF}
)

// loketTheme is Fyne's default theme with Loket's colours, always light.
type loketTheme struct{}

// Theme returns the Loket theme.
func Theme() fyne.Theme { return loketTheme{} }

func (loketTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return colNavy
	case theme.ColorNameFocus:
		// Translucent, as in Fyne's own theme: a focused button is tinted
		// under its dark label. Opaque navy made the focused button (Tab
		// to Keluar, Batal) navy with navy-black text, unreadable.
		return color.NRGBA{R: 0x0B, G: 0x3C, B: 0x73, A: 0x66}
	case theme.ColorNameBackground:
		return colPaper
	case theme.ColorNameForeground:
		return colInk
	case theme.ColorNameError:
		return colDanger
	case theme.ColorNameSuccess:
		return colSuccess
	case theme.ColorNameWarning:
		return colGold
	case theme.ColorNameSeparator:
		return colLine
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return colCard
	case theme.ColorNameInputBorder:
		// The outline of an unticked check box and of an entry: Fyne's
		// light grey made the registration checklist's boxes look
		// disabled. This grey has 3.7:1 on white (WCAG asks 3:1 for
		// the parts of a control).
		return colInputBorder
	case theme.ColorNameHeaderBackground:
		return color.NRGBA{R: 0xE8, G: 0xEE, B: 0xF5, A: 0xFF}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0x0B, G: 0x3C, B: 0x73, A: 0x30}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (loketTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (loketTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (loketTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 15
	case theme.SizeNamePadding:
		return 5
	}
	return theme.DefaultTheme().Size(n)
}
