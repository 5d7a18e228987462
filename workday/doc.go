// Package workday knows when an Indonesian government office works:
// weekends, national holidays (libur nasional) and collective leave (cuti
// bersama) from the yearly SKB 3 Menteri, per-weekday office hours and the
// office's time zone (WIB, WITA, WIT). On top of that it does the deadline
// arithmetic that service-level agreements in a Standar Pelayanan need:
// minutes and hours on the wall clock, work hours counted only while the
// office is open, and work days.
//
// Everything here is a pure function of its inputs (a Schedule and the
// times passed in); there is no clock to inject, so callers pass "now"
// themselves and tests need no fakes. Dates that decide working days are
// civil dates (Date) in the office's zone, never UTC dates.
//
// The holiday decree is published one year at a time and sometimes
// amended, so the calendar is data (CSV, see ParseHolidaysCSV) and knows
// which years it covers. In a year without a loaded decree the national
// holidays are computed (EstimatedHolidays: fixed dates, Easter, the
// MABIMS Hijri months, Imlek, Nyepi and Waisak from Meeus's moon phases),
// marked perkiraan, and cuti bersama are unknown: deadlines there are
// Tentative and callers show Calendar.Warning to the officer.
//
// RunCLI implements the `loket workday` verbs for checking dates by hand.
package workday
