//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package ui

// SystemOpener is nil here: App.OpenFile stays nil and documents open
// through Fyne's OpenURL (ShellExecute on Windows, open on macOS).
var SystemOpener func(path string) error
