//go:build !unix

package hub

import "syscall"

// reuseAddr does nothing off Unix: on Windows SO_REUSEADDR would let two
// hubs share the port, and connections in TIME_WAIT never block a bind
// there anyway.
func reuseAddr(network, address string, c syscall.RawConn) error { return nil }
