package store

import (
	"net"
	"net/url"
	"strings"
)

func init() { settingCheck[SettingPhoneURL] = CheckPhoneURL }

// CheckPhoneURL validates the address phones reach the hub at
// (SettingPhoneURL), which the kiosk prints as the stub's QR: empty (no
// phone page), or http(s)://host[:port] with nothing after it, and not a
// loopback address a phone could never reach. The error is a sentence for
// the admin.
func CheckPhoneURL(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "":
		return refuse("invalid", "%s", "Alamat halaman tiket harus diawali http:// atau https:// dan berisi alamat server kantor, misalnya http://192.168.1.10:8080.")
	case u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "":
		return refuse("invalid", "%s", "Alamat halaman tiket cukup alamat server kantor dan port-nya, tanpa garis miring atau teks sesudahnya.")
	}
	host := u.Hostname()
	if p := u.Port(); p == "" && strings.HasSuffix(u.Host, ":") {
		return refuse("invalid", "%s", "Nomor port pada alamat halaman tiket kosong.")
	}
	if ip := net.ParseIP(host); strings.EqualFold(host, "localhost") || (ip != nil && (ip.IsLoopback() || ip.IsUnspecified())) {
		return refuse("invalid", "%s", "Alamat halaman tiket tidak boleh localhost atau 127.0.0.1: ponsel pengunjung tidak dapat membukanya; pakai alamat IP server kantor di Wi-Fi kantor.")
	}
	return nil
}
