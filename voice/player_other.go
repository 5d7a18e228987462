//go:build !windows

package voice

import "os/exec"

// hideWindow is a no-op outside Windows, where players open no window.
func hideWindow(*exec.Cmd) {}
