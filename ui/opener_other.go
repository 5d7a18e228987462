//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package ui

// SystemOpener is nil here: App.UseSystemOpener leaves App.OpenFile nil
// and documents open through Fyne's OpenURL (ShellExecute on Windows,
// open on macOS, which report a failure at once).
var SystemOpener func(path string, failed func(error)) error
