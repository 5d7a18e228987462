//go:build unix

package hub

import "syscall"

// reuseAddr sets SO_REUSEADDR on the listening socket before bind, so
// connections of a killed hub lingering in TIME_WAIT never block its
// restart.
func reuseAddr(network, address string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
	})
	if err != nil {
		return err
	}
	return serr
}
