// Command pecheck checks that a built loket.exe is what a counter PC needs:
// a 64-bit (PE32+, x86-64) executable for the Windows GUI subsystem, so no
// console window opens behind the app, carrying an icon, version information
// and an application manifest.
//
//	go run ./packaging/pecheck [-version V] dist/loket.exe
//
// With -version it also checks the ProductVersion string in the version
// resource. It exits 1 with a list of what is wrong.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"unicode/utf16"
)

// Resource type ids (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// Report is what pecheck found in one executable.
type Report struct {
	Machine        uint16
	PE32Plus       bool
	Subsystem      uint16
	ResourceTypes  map[uint32]bool
	ProductVersion string
	FileVersion    string
}

// Inspect reads the headers and the top of the resource tree of a PE file.
func Inspect(path string) (*Report, error) {
	f, err := pe.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pecheck: %w", err)
	}
	defer f.Close()
	r := &Report{Machine: f.Machine, ResourceTypes: map[uint32]bool{}}
	var rsrcRVA uint32
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		r.PE32Plus = true
		r.Subsystem = oh.Subsystem
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			rsrcRVA = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress
		}
	case *pe.OptionalHeader32:
		r.Subsystem = oh.Subsystem
	default:
		return nil, errors.New("pecheck: no optional header")
	}
	if rsrcRVA == 0 {
		return r, nil
	}
	var data []byte
	var base uint32
	for _, s := range f.Sections {
		if rsrcRVA >= s.VirtualAddress && rsrcRVA < s.VirtualAddress+s.VirtualSize {
			if data, err = s.Data(); err != nil {
				return nil, fmt.Errorf("pecheck: read %s: %w", s.Name, err)
			}
			base = rsrcRVA - s.VirtualAddress
		}
	}
	if data == nil {
		return r, nil
	}
	data = data[base:]
	for _, e := range entries(data, 0) {
		r.ResourceTypes[e.id] = true
	}
	if v := leaf(data, rtVersion, rsrcRVA); v != nil {
		r.ProductVersion = versionString(v, "ProductVersion")
		r.FileVersion = versionString(v, "FileVersion")
	}
	return r, nil
}

type entry struct{ id, offset uint32 }

// entries lists an IMAGE_RESOURCE_DIRECTORY's id entries.
func entries(rsrc []byte, off uint32) []entry {
	if int(off)+16 > len(rsrc) {
		return nil
	}
	le := binary.LittleEndian
	named := le.Uint16(rsrc[off+12:])
	ids := le.Uint16(rsrc[off+14:])
	var out []entry
	for i := uint32(0); i < uint32(named)+uint32(ids); i++ {
		p := off + 16 + 8*i
		if int(p)+8 > len(rsrc) {
			break
		}
		out = append(out, entry{le.Uint32(rsrc[p:]), le.Uint32(rsrc[p+4:])})
	}
	return out
}

// leaf follows type -> first name -> first language down to the data of the
// first resource of type typ.
func leaf(rsrc []byte, typ uint32, rsrcRVA uint32) []byte {
	const subdir = 0x80000000
	le := binary.LittleEndian
	off, found := uint32(0), false
	for _, e := range entries(rsrc, 0) {
		if e.id == typ && e.offset&subdir != 0 {
			off, found = e.offset&^subdir, true
		}
	}
	for level := 0; found && level < 2; level++ {
		es := entries(rsrc, off)
		if len(es) == 0 {
			return nil
		}
		off = es[0].offset &^ subdir
	}
	if !found || int(off)+16 > len(rsrc) {
		return nil
	}
	rva, size := le.Uint32(rsrc[off:]), le.Uint32(rsrc[off+4:])
	start := rva - rsrcRVA
	if rva < rsrcRVA || int(start+size) > len(rsrc) {
		return nil
	}
	return rsrc[start : start+size]
}

// versionString finds key in a VS_VERSION_INFO blob and returns its value.
// Keys and values are NUL-terminated UTF-16; the value starts at the next
// 32-bit boundary after the key.
func versionString(blob []byte, key string) string {
	k := utf16Bytes(key + "\x00")
	i := bytes.Index(blob, k)
	if i < 0 {
		return ""
	}
	p := i + len(k)
	p = (p + 3) &^ 3
	var u []uint16
	for ; p+1 < len(blob); p += 2 {
		c := binary.LittleEndian.Uint16(blob[p:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

func utf16Bytes(s string) []byte {
	var b bytes.Buffer
	for _, c := range utf16.Encode([]rune(s)) {
		binary.Write(&b, binary.LittleEndian, c)
	}
	return b.Bytes()
}

// Problems lists what makes r unfit for a counter PC.
func (r *Report) Problems(wantVersion string) []string {
	var p []string
	if !r.PE32Plus || r.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		p = append(p, fmt.Sprintf("not a PE32+ x86-64 executable (machine %#x)", r.Machine))
	}
	if r.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		p = append(p, fmt.Sprintf("subsystem %d, want %d (GUI): a console window would open", r.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI))
	}
	for _, t := range []struct {
		id   uint32
		what string
	}{{rtIcon, "icon images"}, {rtGroupIcon, "icon group"}, {rtVersion, "version information"}, {rtManifest, "manifest"}} {
		if !r.ResourceTypes[t.id] {
			p = append(p, "no "+t.what+" resource")
		}
	}
	if wantVersion != "" && r.ProductVersion != wantVersion {
		p = append(p, fmt.Sprintf("ProductVersion %q, want %q", r.ProductVersion, wantVersion))
	}
	return p
}

func main() {
	want := flag.String("version", "", "expected ProductVersion")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pecheck [-version V] FILE.exe")
		os.Exit(2)
	}
	r, err := Inspect(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: PE32+ %v, machine %#x, subsystem %d, resources %v, FileVersion %q, ProductVersion %q\n",
		flag.Arg(0), r.PE32Plus, r.Machine, r.Subsystem, keys(r.ResourceTypes), r.FileVersion, r.ProductVersion)
	if p := r.Problems(*want); len(p) > 0 {
		for _, s := range p {
			fmt.Fprintln(os.Stderr, "pecheck:", s)
		}
		os.Exit(1)
	}
	fmt.Println("pecheck: ok")
}

func keys(m map[uint32]bool) []uint32 {
	var out []uint32
	for _, id := range []uint32{rtIcon, rtGroupIcon, rtVersion, rtManifest} {
		if m[id] {
			out = append(out, id)
		}
	}
	return out
}
