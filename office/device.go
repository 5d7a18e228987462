package office

import "context"

type deviceKey struct{}

// WithDevice marks ctx as a request from a paired hub device, so Login
// throttles failed attempts per device as well as per username. The hub
// sets it from the device's token; an id in a request body is never used.
func WithDevice(ctx context.Context, deviceID string) context.Context {
	return context.WithValue(ctx, deviceKey{}, deviceID)
}

// DeviceOf is the hub device ctx was marked with, or "" (this PC).
func DeviceOf(ctx context.Context) string {
	id, _ := ctx.Value(deviceKey{}).(string)
	return id
}
