package standards

// Unit names a kind of duration in an SLA. The distinction between Day and
// WorkDay matters: a document that says plain "hari" did not promise working
// days, and the deadline arithmetic in package workday treats them apart.
type Unit string

// The seven duration units ReduceSLA produces.
const (
	Minute      Unit = "minute"       // menit
	Hour        Unit = "hour"         // jam
	WorkHour    Unit = "work_hour"    // jam kerja
	WorkDay     Unit = "work_day"     // hari kerja, hari kerja efektif
	Day         Unit = "day"          // hari (unqualified; not assumed to be a working day)
	CalendarDay Unit = "calendar_day" // hari kalender
	Month       Unit = "month"        // bulan
)

// Quantity is an amount of one unit, e.g. 3 work_day.
type Quantity struct {
	Value float64 `json:"value"`
	Unit  Unit    `json:"unit"`
}

// SLAVariant is one reducible reading of a service's Jangka Waktu. A service
// with per-channel or per-tier times has several, each with its Label; a
// single time has one variant with an empty label. Exact times have
// Min == Max; a range ("1 s.d. 5 hari kerja") has Min < Max, possibly in
// different units ("2 jam hingga 1 hari kerja").
type SLAVariant struct {
	Label     string    `json:"label"`
	Min       Quantity  `json:"min"`
	Max       Quantity  `json:"max"`
	Approx    bool      `json:"approx"`    // "kurang lebih", "sekitar", "±"
	Extension *Quantity `json:"extension"` // "dapat diperpanjang selama 7 hari kerja"; nil when none
}

// Channels are the complaint channels found in the Penanganan Pengaduan
// component.
type Channels struct {
	Phones []string `json:"phones"`
	Emails []string `json:"emails"`
	URLs   []string `json:"urls"`
}

// Service is one service of a Standar Pelayanan document.
type Service struct {
	// Number is the service's 1-based position in its document. Headings in
	// the documents drift ("12." used twice), so their numbers are not kept.
	Number       int      `json:"number"`
	Name         string   `json:"name"`
	Requirements []string `json:"requirements"`
	// RequirementsNote is the part of the Persyaratan that is not a thing to
	// tick: the introductory sentence before the list, a paragraph about who
	// may use the service, "Tidak ada persyaratan". "" when there is none.
	RequirementsNote string       `json:"requirements_note"`
	FeeFree          bool         `json:"fee_free"`
	Fee              string       `json:"fee"`
	Products         []string     `json:"products"`
	Complaint        Channels     `json:"complaint"`
	SLAText          string       `json:"sla_text"`
	SLAReducible     bool         `json:"sla_reducible"`
	SLA              []SLAVariant `json:"sla"`
	// SLAUnreduced lists the parts of the Jangka Waktu text that name no
	// duration (schedules, "disesuaikan dengan kebutuhan"); they are reported,
	// never guessed.
	SLAUnreduced []string          `json:"sla_unreduced"`
	Components   map[string]string `json:"components"`
}

// Document is one parsed Standar Pelayanan document.
type Document struct {
	Source string `json:"source"`
	Unit   string `json:"unit"`
	// DeclaredServices is the count the document announces ("meliputi 48
	// (empat puluh delapan) jenis pelayanan") or, failing that, the length of
	// its service index; 0 when it announces neither.
	DeclaredServices int       `json:"declared_services"`
	Services         []Service `json:"services"`
}

// Canonical component keys, in the order of PermenPANRB 15/2014.
const (
	KeyPersyaratan      = "persyaratan"
	KeyProsedur         = "prosedur"
	KeyJangkaWaktu      = "jangka_waktu"
	KeyBiaya            = "biaya"
	KeyProduk           = "produk"
	KeyPengaduan        = "pengaduan"
	KeyDasarHukum       = "dasar_hukum"
	KeySarana           = "sarana"
	KeyKompetensi       = "kompetensi"
	KeyPengawasan       = "pengawasan"
	KeyJumlahPelaksana  = "jumlah_pelaksana"
	KeyJaminanPelayanan = "jaminan_pelayanan"
	KeyJaminanKeamanan  = "jaminan_keamanan"
	KeyEvaluasi         = "evaluasi"
)

// Component pairs a canonical component key with its Indonesian display title.
type Component struct {
	Key   string
	Title string
}

// Components lists the fourteen Standar Pelayanan components in their
// canonical order with the titles the UI and printed standard sheets show.
var Components = []Component{
	{KeyPersyaratan, "Persyaratan"},
	{KeyProsedur, "Sistem, Mekanisme, dan Prosedur"},
	{KeyJangkaWaktu, "Jangka Waktu Pelayanan"},
	{KeyBiaya, "Biaya/Tarif"},
	{KeyProduk, "Produk Pelayanan"},
	{KeyPengaduan, "Penanganan Pengaduan, Saran, dan Masukan"},
	{KeyDasarHukum, "Dasar Hukum"},
	{KeySarana, "Sarana dan Prasarana, dan/atau Fasilitas"},
	{KeyKompetensi, "Kompetensi Pelaksana"},
	{KeyPengawasan, "Pengawasan Internal"},
	{KeyJumlahPelaksana, "Jumlah Pelaksana"},
	{KeyJaminanPelayanan, "Jaminan Pelayanan"},
	{KeyJaminanKeamanan, "Jaminan Keamanan dan Keselamatan Pelayanan"},
	{KeyEvaluasi, "Evaluasi Kinerja Pelaksana"},
}

// ComponentTitle returns the display title of a canonical key, or "" when
// the key is unknown.
func ComponentTitle(key string) string {
	for _, c := range Components {
		if c.Key == key {
			return c.Title
		}
	}
	return ""
}
