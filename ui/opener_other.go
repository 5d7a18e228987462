//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package ui

// openInViewer has no system opener of its own here: openPath uses
// Fyne's (ShellExecute on Windows, open on macOS), which returns at once.
func openInViewer(string) error { return errUseFyneOpener }
