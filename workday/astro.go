package workday

// Astronomy for the estimated holidays: moon phases, the Sun's and the
// Moon's positions, sunset and the winter solstice. Everything is written
// from the published formulas of Jean Meeus, "Astronomical Algorithms"
// (2nd ed., Willmann-Bell 1998); the chapter is named at each function.
// Precision is chosen for the job, deciding a civil date: the phases are
// good to about a minute, the Moon's position to about 0.01 degree, the
// Sun's to 0.01 degree, sunset to about a minute. That is far better than
// the uncertainty of the religious criteria themselves.
//
// Times are Julian Ephemeris Days (JDE, Terrestrial Time) inside the
// formulas and time.Time (UTC) outside; deltaT converts between them.

import (
	"math"
	"time"
)

const (
	deg = math.Pi / 180
	// jd2000 is the Julian Day of 2000-01-01 12:00 TT, the epoch J2000.0.
	jd2000 = 2451545.0
	// unixEpochJD is the Julian Day of 1970-01-01 00:00 UTC.
	unixEpochJD = 2440587.5
)

func sinD(x float64) float64 { return math.Sin(x * deg) }
func cosD(x float64) float64 { return math.Cos(x * deg) }

// norm360 reduces an angle in degrees to [0, 360).
func norm360(x float64) float64 {
	x = math.Mod(x, 360)
	if x < 0 {
		x += 360
	}
	return x
}

// deltaT is TT minus UT in seconds, from the polynomial fit of Espenak and
// Meeus (NASA, "Polynomial expressions for Delta T", 2006) for 2005-2050,
// with their 2050-2150 expression beyond and a constant before 2005. A
// minute of error in ΔT moves a phase by a minute, which only matters for
// a phase within a minute of midnight; the fit is far better than that in
// the years an office will compute.
func deltaT(year float64) float64 {
	switch {
	case year < 2005:
		return 64
	case year < 2050:
		t := year - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	default:
		u := (year - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-year)
	}
}

// timeOfJDE converts a Julian Ephemeris Day to a UTC instant.
func timeOfJDE(jde float64) time.Time {
	year := 2000 + (jde-jd2000)/365.25
	jd := jde - deltaT(year)/86400
	sec := (jd - unixEpochJD) * 86400
	return time.Unix(0, 0).Add(time.Duration(sec * float64(time.Second))).UTC()
}

// jdeOf converts a UTC instant to a Julian Ephemeris Day.
func jdeOf(t time.Time) float64 {
	jd := unixEpochJD + float64(t.UnixNano())/1e9/86400
	year := 2000 + (jd-jd2000)/365.25
	return jd + deltaT(year)/86400
}

// lunationNear returns Meeus's lunation number k (0 is the new moon of
// 2000-01-06) of the new moon nearest t.
func lunationNear(t time.Time) int {
	return int(math.Round((jdeOf(t) - 2451550.09766) / 29.530588861))
}

// moonPhase returns the instant of the new moon of lunation k (phase 0)
// or of the full moon that follows it (phase 0.5), by Meeus chapter 49
// ("Phases of the Moon"): the mean phase (49.1), the periodic terms of
// the Sun's and the Moon's anomalies and the Moon's argument of latitude,
// and the fourteen planetary additional corrections. Meeus gives the
// result as accurate to a few seconds against the full lunar theory.
func moonPhase(k int, phase float64) time.Time {
	kk := float64(k) + phase
	T := kk / 1236.85
	T2, T3, T4 := T*T, T*T*T, T*T*T*T
	jde := 2451550.09766 + 29.530588861*kk + 0.00015437*T2 - 0.000000150*T3 + 0.00000000073*T4
	E := 1 - 0.002516*T - 0.0000074*T2
	M := 2.5534 + 29.10535670*kk - 0.0000014*T2 - 0.00000011*T3                      // Sun's mean anomaly
	Mp := 201.5643 + 385.81693528*kk + 0.0107582*T2 + 0.00001238*T3 - 0.000000058*T4 // Moon's
	F := 160.7108 + 390.67050284*kk - 0.0016118*T2 - 0.00000227*T3 + 0.000000011*T4  // argument of latitude
	O := 124.7746 - 1.56375588*kk + 0.0020672*T2 + 0.00000215*T3                     // ascending node

	// The two phases share their terms except for the first seven
	// coefficients, which Meeus tabulates separately.
	c := [7]float64{-0.40720, 0.17241, 0.01608, 0.01039, 0.00739, -0.00514, 0.00208} // new moon
	if phase != 0 {
		c = [7]float64{-0.40614, 0.17302, 0.01614, 0.01043, 0.00734, -0.00515, 0.00209} // full moon
	}
	corr := c[0]*sinD(Mp) + c[1]*E*sinD(M) + c[2]*sinD(2*Mp) + c[3]*sinD(2*F) +
		c[4]*E*sinD(Mp-M) + c[5]*E*sinD(Mp+M) + c[6]*E*E*sinD(2*M) -
		0.00111*sinD(Mp-2*F) - 0.00057*sinD(Mp+2*F) + 0.00056*E*sinD(2*Mp+M) -
		0.00042*sinD(3*Mp) + 0.00042*E*sinD(M+2*F) + 0.00038*E*sinD(M-2*F) -
		0.00024*E*sinD(2*Mp-M) - 0.00017*sinD(O) - 0.00007*sinD(Mp+2*M) +
		0.00004*sinD(2*Mp-2*F) + 0.00004*sinD(3*M) + 0.00003*sinD(Mp+M-2*F) +
		0.00003*sinD(2*Mp+2*F) - 0.00003*sinD(Mp+M+2*F) + 0.00003*sinD(Mp-M+2*F) -
		0.00002*sinD(Mp-M-2*F) - 0.00002*sinD(3*Mp+M) + 0.00002*sinD(4*Mp)

	// Additional corrections from the planets, arguments A1..A14.
	a := [14][3]float64{
		{299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
		{349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
		{207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
	}
	for i, x := range a {
		arg := x[0] + x[1]*kk
		if i == 0 {
			arg -= 0.009173 * T2
		}
		corr += x[2] * sinD(arg)
	}
	return timeOfJDE(jde + corr)
}

// newMoon is the instant of the new moon of lunation k.
func newMoon(k int) time.Time { return moonPhase(k, 0) }

// fullMoon is the instant of the full moon half a lunation after new moon k.
func fullMoon(k int) time.Time { return moonPhase(k, 0.5) }

// nutation returns the nutation in longitude and the true obliquity of the
// ecliptic in degrees at T Julian centuries from J2000, with the two
// largest terms of nutation (Meeus chapter 22, the low-accuracy form,
// good to 0.5"), which is all a date needs.
func nutation(T float64) (dpsi, eps float64) {
	O := 125.04452 - 1934.136261*T
	L := 280.4665 + 36000.7698*T
	Lp := 218.3165 + 481267.8813*T
	dpsi = (-17.20*sinD(O) - 1.32*sinD(2*L) - 0.23*sinD(2*Lp) + 0.21*sinD(2*O)) / 3600
	deps := (9.20*cosD(O) + 0.57*cosD(2*L) + 0.10*cosD(2*Lp) - 0.09*cosD(2*O)) / 3600
	eps0 := 23.4392911 - 0.0130041667*T - 1.6389e-7*T*T + 5.0361e-7*T*T*T
	return dpsi, eps0 + deps
}

// sunLongitude returns the Sun's apparent geocentric ecliptic longitude in
// degrees at jde, by Meeus chapter 25 ("Solar Coordinates"), the
// low-accuracy method with the equation of the centre (25.2-25.4) and the
// corrections for aberration and nutation: about 0.01 degree.
func sunLongitude(jde float64) float64 {
	T := (jde - jd2000) / 36525
	L0 := 280.46646 + 36000.76983*T + 0.0003032*T*T
	M := 357.52911 + 35999.05029*T - 0.0001537*T*T
	C := (1.914602-0.004817*T-0.000014*T*T)*sinD(M) + (0.019993-0.000101*T)*sinD(2*M) + 0.000289*sinD(3*M)
	O := 125.04 - 1934.136*T
	return norm360(L0 + C - 0.00569 - 0.00478*sinD(O))
}

// moonPosition returns the Moon's apparent geocentric ecliptic longitude
// and latitude in degrees and its distance in km at jde, by Meeus chapter
// 47 ("Position of the Moon", after Chapront's ELP-2000/82) with the
// largest periodic terms of tables 47.A and 47.B (all above 0.003 degree
// in longitude) and the additive terms A1-A3: good to about 0.01 degree,
// a hundredth of the margin in the crescent criteria.
func moonPosition(jde float64) (lon, lat, dist float64) {
	T := (jde - jd2000) / 36525
	Lp := 218.3164477 + 481267.88123421*T - 0.0015786*T*T
	D := 297.8501921 + 445267.1114034*T - 0.0018819*T*T
	M := 357.5291092 + 35999.0502909*T - 0.0001536*T*T
	Mp := 134.9633964 + 477198.8675055*T + 0.0087414*T*T
	F := 93.2720950 + 483202.0175233*T - 0.0036539*T*T
	A1 := 119.75 + 131.849*T
	A2 := 53.09 + 479264.290*T
	A3 := 313.45 + 481266.484*T
	E := 1 - 0.002516*T - 0.0000074*T*T

	// Each row: multiples of D, M, M', F, then the longitude (sine) and
	// distance (cosine) coefficients, in 1e-6 degree and 1e-3 km.
	lr := [][6]float64{
		{0, 0, 1, 0, 6288774, -20905355}, {2, 0, -1, 0, 1274027, -3699111},
		{2, 0, 0, 0, 658314, -2955968}, {0, 0, 2, 0, 213618, -569925},
		{0, 1, 0, 0, -185116, 48888}, {0, 0, 0, 2, -114332, -3149},
		{2, 0, -2, 0, 58793, 246158}, {2, -1, -1, 0, 57066, -152138},
		{2, 0, 1, 0, 53322, -170733}, {2, -1, 0, 0, 45758, -204586},
		{0, 1, -1, 0, -40923, -129620}, {1, 0, 0, 0, -34720, 108743},
		{0, 1, 1, 0, -30383, 104755}, {2, 0, 0, -2, 15327, 10321},
		{0, 0, 1, 2, -12528, 0}, {0, 0, 1, -2, 10980, 79661},
		{4, 0, -1, 0, 10675, -34782}, {0, 0, 3, 0, 10034, -23210},
		{4, 0, -2, 0, 8548, -21636}, {2, 1, -1, 0, -7888, 24208},
		{2, 1, 0, 0, -6766, 30824}, {1, 0, -1, 0, -5163, -8379},
		{1, 1, 0, 0, 4987, -16675}, {2, -1, 1, 0, 4036, -12831},
		{2, 0, 2, 0, 3994, -10445}, {4, 0, 0, 0, 3861, -11650},
		{2, 0, -3, 0, 3665, 14403}, {0, 1, -2, 0, -2689, -7003},
		{2, 0, -1, 2, -2602, 0}, {2, -1, -2, 0, 2390, 10056},
		{1, 0, 1, 0, -2348, 6322}, {2, -2, 0, 0, 2236, -9884},
	}
	// Latitude rows: multiples of D, M, M', F and the sine coefficient.
	br := [][5]float64{
		{0, 0, 0, 1, 5128122}, {0, 0, 1, 1, 280602}, {0, 0, 1, -1, 277693},
		{2, 0, 0, -1, 173237}, {2, 0, -1, 1, 55413}, {2, 0, -1, -1, 46271},
		{2, 0, 0, 1, 32573}, {0, 0, 2, 1, 17198}, {2, 0, 1, -1, 9266},
		{0, 0, 2, -1, 8822}, {2, -1, 0, -1, 8216}, {2, 0, -2, -1, 4324},
		{2, 0, 1, 1, 4200}, {2, 1, 0, -1, -3359}, {2, -1, -1, 1, 2463},
		{2, -1, 0, 1, 2211}, {2, -1, -1, -1, 2065},
	}
	eFactor := func(m float64) float64 {
		switch math.Abs(m) {
		case 1:
			return E
		case 2:
			return E * E
		}
		return 1
	}
	var sl, sr, sb float64
	for _, r := range lr {
		arg := r[0]*D + r[1]*M + r[2]*Mp + r[3]*F
		e := eFactor(r[1])
		sl += r[4] * e * sinD(arg)
		sr += r[5] * e * cosD(arg)
	}
	for _, r := range br {
		arg := r[0]*D + r[1]*M + r[2]*Mp + r[3]*F
		sb += r[4] * eFactor(r[1]) * sinD(arg)
	}
	sl += 3958*sinD(A1) + 1962*sinD(Lp-F) + 318*sinD(A2)
	sb += -2235*sinD(Lp) + 382*sinD(A3) + 175*sinD(A1-F) + 175*sinD(A1+F) + 127*sinD(Lp-Mp) - 115*sinD(Lp+Mp)
	dpsi, _ := nutation(T)
	lon = norm360(Lp + sl/1e6 + dpsi)
	lat = sb / 1e6
	dist = 385000.56 + sr/1000
	return lon, lat, dist
}

// equatorial converts ecliptic longitude and latitude (degrees) to right
// ascension and declination (degrees) for obliquity eps (Meeus 13.3-13.4).
func equatorial(lon, lat, eps float64) (ra, dec float64) {
	ra = norm360(math.Atan2(sinD(lon)*cosD(eps)-math.Tan(lat*deg)*sinD(eps), cosD(lon)) / deg)
	dec = math.Asin(sinD(lat)*cosD(eps)+cosD(lat)*sinD(eps)*sinD(lon)) / deg
	return ra, dec
}

// siderealDeg is the Greenwich mean sidereal time in degrees at UTC
// instant t (Meeus 12.4); the difference to apparent sidereal time (about
// a second) is below what a sunset needs.
func siderealDeg(t time.Time) float64 {
	jd := unixEpochJD + float64(t.UnixNano())/1e9/86400
	T := (jd - jd2000) / 36525
	return norm360(280.46061837 + 360.98564736629*(jd-jd2000) + 0.000387933*T*T)
}

// altitude returns the geocentric altitude in degrees of a body at right
// ascension ra and declination dec, seen at time t from latitude lat and
// east longitude lon (Meeus 13.6).
func altitude(t time.Time, ra, dec, lat, lon float64) float64 {
	H := siderealDeg(t) + lon - ra
	return math.Asin(sinD(lat)*sinD(dec)+cosD(lat)*cosD(dec)*cosD(H)) / deg
}

// sunAltitude is the Sun's geocentric altitude at t from lat, lon.
func sunAltitude(t time.Time, lat, lon float64) float64 {
	jde := jdeOf(t)
	_, eps := nutation((jde - jd2000) / 36525)
	ra, dec := equatorial(sunLongitude(jde), 0, eps)
	return altitude(t, ra, dec, lat, lon)
}

// sunset returns the instant of sunset on civil date d at latitude lat and
// east longitude lon, found by bisection between local solar noon and
// local solar midnight for the altitude -0.8333 degree (refraction at the
// horizon and the Sun's semidiameter, the standard of Meeus chapter 15).
// Near the equator, where the offices are, the Sun always sets.
func sunset(d Date, lat, lon float64) time.Time {
	const h0 = -0.8333
	utc0 := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	solar := func(hour float64) time.Time {
		return utc0.Add(time.Duration((hour - lon/15) * float64(time.Hour)))
	}
	lo, hi := solar(12), solar(23.9)
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if sunAltitude(mid, lat, lon) > h0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// crescent describes the young moon at sunset after a conjunction: its
// topocentric altitude and its geocentric elongation from the Sun, both in
// degrees, the two quantities of the MABIMS criterion.
type crescent struct {
	altitude, elongation float64
}

// crescentAt computes the crescent at instant t seen from lat, lon. The
// altitude is topocentric (parallax removed, Meeus 40, in its altitude
// form h' = h - π cos h) and without refraction; the elongation is the
// geocentric angle between the centres of the Sun and the Moon (Meeus
// 48.2), which is how the Indonesian Ministry of Religious Affairs states
// the criterion.
func crescentAt(t time.Time, lat, lon float64) crescent {
	jde := jdeOf(t)
	_, eps := nutation((jde - jd2000) / 36525)
	mLon, mLat, dist := moonPosition(jde)
	sLon := sunLongitude(jde)
	ra, dec := equatorial(mLon, mLat, eps)
	h := altitude(t, ra, dec, lat, lon)
	parallax := math.Asin(6378.14/dist) / deg
	h -= parallax * cosD(h)
	elong := math.Acos(cosD(mLat)*cosD(mLon-sLon)) / deg
	return crescent{altitude: h, elongation: elong}
}

// sunLongitudeTime returns the instant, near guess, when the Sun's
// apparent longitude is target degrees, by the iteration of Meeus chapter
// 27 (correction 58 sin(target - λ) days) on the chapter 25 position.
func sunLongitudeTime(target float64, guess time.Time) time.Time {
	jde := jdeOf(guess)
	for i := 0; i < 20; i++ {
		d := 58 * sinD(target-sunLongitude(jde))
		jde += d
		if math.Abs(d) < 1e-6 {
			break
		}
	}
	return timeOfJDE(jde)
}
