package standards
import ("testing";"fmt")
func TestZZProbe(t *testing.T){
 for _, s := range []string{"1 x 24 jam","Proses 1 Minggu","Maks. 5 (lima) bulan","3-5 menit","5 hari kerja sejak berkas dinyatakan lengkap","1 – 2 hari kerja","± 45 menit","2 s.d. 3 minggu","Paling lambat 3 (tiga) hari"} {
  r := ReduceSLA(s); fmt.Printf("%q => %+v %q\n", s, r.Variants, r.Unreduced)
 }
}
