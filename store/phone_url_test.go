package store_test

import (
	"context"
	"strings"
	"testing"

	"loket/store"
)

// The phone page's address is checked before it is saved: what the kiosk
// prints as the QR must be a hub address a phone can open.
func TestPhoneURLSetting(t *testing.T) {
	st, _, _, _ := newOffice(t, "A")
	ctx := context.Background()
	cases := []struct{ value, want string }{
		{"", ""},
		{"https://192.168.1.10:8443", ""},
		{"https://loket.kppn019.lan/", ""},
		{"http://10.0.0.5:8080", ""},
		{"192.168.1.10:8443", "diawali http:// atau https://"},
		{"ftp://192.168.1.10", "diawali http:// atau https://"},
		{"https://", "diawali http:// atau https://"},
		{"https://192.168.1.10:8443/t/", "tanpa garis miring"},
		{"https://192.168.1.10?x=1", "tanpa garis miring"},
		{"https://admin:rahasia@192.168.1.10", "tanpa garis miring"},
		{"https://localhost:8443", "localhost"},
		{"https://127.0.0.1:8443", "localhost"},
		{"https://[::1]:8443", "localhost"},
		{"https://192.168.1.10:", "port"},
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			err := st.SaveSetting(ctx, "", store.SettingPhoneURL, c.value)
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if v, _ := st.Setting(ctx, store.SettingPhoneURL); v != c.value {
					t.Fatalf("stored %q", v)
				}
				return
			}
			if msg := store.Message(err); !strings.Contains(msg, c.want) || !strings.HasSuffix(msg, ".") {
				t.Fatalf("message %q, want %q", msg, c.want)
			}
		})
	}
}

func FuzzCheckPhoneURL(f *testing.F) {
	for _, s := range []string{"", "https://192.168.1.10:8443", "http://[fe80::1%25eth0]:80", "https://a/b", "https://:80", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if store.CheckPhoneURL(s) == nil && strings.TrimSpace(s) != "" {
			v := strings.TrimSpace(s)
			if !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
				t.Fatalf("accepted %q", s)
			}
			if strings.Contains(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(v, "https://"), "http://"), "/"), "/") {
				t.Fatalf("accepted a path: %q", s)
			}
		}
	})
}
