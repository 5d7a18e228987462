package voice

import (
	"os/exec"
	"syscall"
)

// hideWindow keeps PowerShell from flashing a console window over the
// counter app each time a call is spoken.
func hideWindow(cmd *exec.Cmd) {
	const createNoWindow = 0x08000000
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
}
