package main

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes Linux kill cmd when the test process dies, so a test
// run cut short (a timeout panic skips the cleanups) leaves no app or
// Xvfb behind.
func dieWithTest(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
