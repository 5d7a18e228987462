package store

import (
	"strings"
)

// Visitor fields a service's registration may ask (Service.VisitorFields).
// The name is always asked: a receipt names who handed the file in.
const (
	FieldName     = "name"
	FieldSatker   = "satker"
	FieldIDNumber = "nik" // NIP or NIK
	FieldPhone    = "phone"
	FieldEmail    = "email"
)

// VisitorFieldList is every visitor field in the order the form shows them.
var VisitorFieldList = []string{FieldName, FieldSatker, FieldIDNumber, FieldPhone, FieldEmail}

// DefaultVisitorFields is what a service asks until an admin says
// otherwise (migration 0028): enough to hand a file back and reach the
// person about it, and no more (UU 27/2022 ps. 16(2)b, minimisation).
var DefaultVisitorFields = []string{FieldName, FieldSatker, FieldPhone}

// VisitorFieldLabel is a visitor field in Indonesian, as the forms name it.
func VisitorFieldLabel(f string) string {
	switch f {
	case FieldName:
		return "Nama perwakilan"
	case FieldSatker:
		return "Kode satker"
	case FieldIDNumber:
		return "NIP/NIK"
	case FieldPhone:
		return "Telepon/HP"
	case FieldEmail:
		return "Email"
	}
	return f
}

// normalizeVisitorFields checks a service's field list and puts it in
// form order, with the name; an empty list is the default.
func normalizeVisitorFields(in []string) ([]string, error) {
	if len(in) == 0 {
		return append([]string(nil), DefaultVisitorFields...), nil
	}
	want := map[string]bool{FieldName: true}
	for _, f := range in {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		known := false
		for _, k := range VisitorFieldList {
			known = known || k == f
		}
		if !known {
			return nil, refuse("invalid", "Data pengunjung %q tidak dikenal; pilih dari nama, satker, NIP/NIK, telepon, email.", f)
		}
		want[f] = true
	}
	out := make([]string, 0, len(want))
	for _, k := range VisitorFieldList {
		if want[k] {
			out = append(out, k)
		}
	}
	return out, nil
}

// parseVisitorFields reads the stored column; what cannot be read is the
// default.
func parseVisitorFields(s string) []string {
	out, err := normalizeVisitorFields(strings.Split(s, ","))
	if err != nil {
		return append([]string(nil), DefaultVisitorFields...)
	}
	return out
}

// Asks reports whether the service's registration asks field f.
func (sv Service) Asks(f string) bool {
	fields := sv.VisitorFields
	if len(fields) == 0 {
		fields = DefaultVisitorFields
	}
	for _, x := range fields {
		if x == f {
			return true
		}
	}
	return false
}

// ValidateFor checks a visitor as the registration of a service asking
// fields: the phone is required where it is asked; satker, NIP/NIK and
// email stay optional (the public has no satker, not everyone has email).
// Fields not asked are cleared: they are not the service's to collect.
func (v *Visitor) ValidateFor(fields []string) error {
	sv := Service{VisitorFields: fields}
	if !sv.Asks(FieldSatker) {
		v.SatkerCode, v.SatkerName = "", ""
	}
	if !sv.Asks(FieldIDNumber) {
		v.IDNumber = ""
	}
	if !sv.Asks(FieldEmail) {
		v.Email = ""
	}
	phoneAsked := sv.Asks(FieldPhone)
	if !phoneAsked {
		v.Phone = ""
	}
	return v.validate(phoneAsked)
}
