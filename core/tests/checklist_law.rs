//! The checklist's structure and thresholds checked against the law (issue 14).
//!
//! Every row below was written by reading the consolidated text of Regulation (EU) 2021/821,
//! Annex I as of 15 November 2025 (/work/shared/reference/eu-32021R0821), not from the
//! extractor's output: for each item, how its items combine (`any`, `all`, `leaf`, or
//! `read` where the law says neither any nor all) and the numbers that limit it (value,
//! unit, comparator; ranges with their upper end; formulas marked as such). The comment on
//! each row quotes the words that decide. The test prints every disagreement as a table
//! (code, expected, got) and fails when there is one.

use std::collections::BTreeMap;
use std::path::Path;

use dualuse_core::checklist::{node_thresholds, structure, Combine, Threshold};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::Dataset;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Any,
    All,
    Leaf,
    /// Neither any nor all ("including:", "at least two of the following"): the checklist
    /// must say it is not certain.
    Read,
}
use Want::{All, Any, Leaf, Read};

#[derive(Debug, Clone, Copy)]
struct Limit {
    comparator: &'static str,
    /// NaN for a formula.
    value: f64,
    upper: Option<f64>,
    unit: &'static str,
}

fn limit(comparator: &'static str, value: f64, unit: &'static str) -> Limit {
    Limit {
        comparator,
        value,
        upper: None,
        unit,
    }
}
fn gt(value: f64, unit: &'static str) -> Limit {
    limit(">", value, unit)
}
fn ge(value: f64, unit: &'static str) -> Limit {
    limit(">=", value, unit)
}
fn lt(value: f64, unit: &'static str) -> Limit {
    limit("<", value, unit)
}
fn le(value: f64, unit: &'static str) -> Limit {
    limit("<=", value, unit)
}
fn between(low: f64, high: f64, unit: &'static str) -> Limit {
    Limit {
        upper: Some(high),
        ..limit("between", low, unit)
    }
}
fn outside(low: f64, high: f64, unit: &'static str) -> Limit {
    Limit {
        upper: Some(high),
        ..limit("outside", low, unit)
    }
}
/// A limit written as a formula: no value to compare, only the comparator and the unit.
fn formula(comparator: &'static str, unit: &'static str) -> Limit {
    limit(comparator, f64::NAN, unit)
}

struct Row {
    code: &'static str,
    want: Want,
    limits: Vec<Limit>,
}

fn row(code: &'static str, want: Want, limits: &[Limit]) -> Row {
    Row {
        code,
        want,
        limits: limits.to_vec(),
    }
}

/// The table, category by category, read from the law.
fn table() -> Vec<Row> {
    vec![
        // ---------------------------------------------------------------- Category 0
        // 0A001 "Nuclear reactors" and ... components therefor, as follows:
        row("0A001", Any, &[]),
        // 0A001.f Zirconium metal tubes ... "and in quantities exceeding 10 kg;"
        row("0A001.f", Leaf, &[gt(10.0, "kg")]),
        // 0A001.i "Heat exchangers as follows:"
        row("0A001.i", Any, &[]),
        // 0B001 Plant for the separation of isotopes ... "as follows:"
        row("0B001", Any, &[]),
        // 0B001.b Gas centrifuges and assemblies and components ... "as follows:"
        row("0B001.b", Any, &[]),
        // "Rotor tube cylinders with a wall thickness of 12 mm or less, a diameter of between
        // 75 mm and 650 mm"
        row(
            "0B001.b.3",
            Leaf,
            &[le(12.0, "mm"), between(75.0, 650.0, "mm")],
        ),
        // "Rings or bellows with a wall thickness of 3 mm or less and a diameter of between
        // 75 mm and 650 mm"
        row(
            "0B001.b.4",
            Leaf,
            &[le(3.0, "mm"), between(75.0, 650.0, "mm")],
        ),
        // "Magnetic suspension bearings as follows:"
        row("0B001.b.7", Any, &[]),
        // "at a frequency of 600 Hz or more and a power of 40 VA or more"
        row("0B001.b.10", Leaf, &[ge(600.0, "Hz"), ge(40.0, "VA")]),
        // "a rigid cylinder of wall thickness up to 30 mm ... to within 0,05° or less"
        row("0B001.b.11", Leaf, &[le(30.0, "mm"), le(0.05, "°")]),
        // Frequency changers "having all of the following characteristics": a. ...; and b.
        row("0B001.b.13", All, &[]),
        // "A multiphase frequency output of 600 Hz or greater; and"
        row("0B001.b.13.a", Leaf, &[ge(600.0, "Hz")]),
        // "High stability (with frequency control better than 0,2 %)": better is less.
        row("0B001.b.13.b", Leaf, &[lt(0.2, "%")]),
        // "with a pore size of 10 to 100 nm, a thickness of 5 mm or less, and, for tubular
        // forms, a diameter of 25 mm or less"
        row(
            "0B001.c.1",
            Leaf,
            &[between(10.0, 100.0, "nm"), le(5.0, "mm"), le(25.0, "mm")],
        ),
        // "a suction volume capacity of 1 m³/min or more of UF6, with a discharge pressure up
        // to 500 kPa, and having a pressure ratio of 10:1 or less"
        row(
            "0B001.c.3",
            Leaf,
            &[ge(1.0, "m³/min"), le(500.0, "kPa"), le(10.0, ":1")],
        ),
        // High voltage power supplies "having all of the following characteristics:" a.; b.;
        // c. ...; and d.
        row("0B001.j.5", All, &[]),
        // "Output voltage of 20 000 V or greater;"
        row("0B001.j.5.b", Leaf, &[ge(20000.0, "V")]),
        // "Voltage regulation of better than 0,01 % over a period of 8 hours;"
        row("0B001.j.5.d", Leaf, &[lt(0.01, "%")]),
        // "Vacuum systems and pumps as follows:" 1.; 2. ...; or 3.
        row("0B002.f", Any, &[]),
        // "having a suction capacity of 5 m³/minute or more"
        row("0B002.f.1", Leaf, &[ge(5.0, "m³/minute")]),
        // UF6 mass spectrometers ... "having all of the following characteristics:" ... 3.
        // ...; and 4.
        row("0B002.g", All, &[]),
        // "Capable of measuring ions of 320 atomic mass units or greater and having a
        // resolution of better than 1 part in 320"
        row(
            "0B002.g.1",
            Leaf,
            &[ge(320.0, "atomic mass units"), lt(1.0, "part in 320")],
        ),
        // "with diameters of 1,5 m or more, capable of operating at pressures greater than or
        // equal to 2 MPa"
        row("0B004.b.1", Leaf, &[ge(1.5, "m"), ge(2.0, "MPa")]),
        // "greater than or equal to 35 m in height with diameters of 1,5 m or greater capable
        // of operating at pressures greater than 15 MPa"
        row(
            "0B004.b.3",
            Leaf,
            &[ge(35.0, "m"), ge(1.5, "m"), gt(15.0, "MPa")],
        ),
        // Complete columns or towers "having all of the following:" 1.; 2.; 3. ...; and 4.
        row("0B004.b.10", All, &[]),
        // "Capable of operating with pressure in the range of 0.1 to 4 MPa; and"
        row("0B004.b.10.3", Leaf, &[between(0.1, 4.0, "MPa")]),
        // "at temperatures in the range of 293 K (20 °C) to 473 K (200 °C)"
        row("0B004.b.10.4", Leaf, &[between(293.0, 473.0, "K")]),
        // 0C001 "Natural uranium" or "depleted uranium" or thorium ...: no items.
        row("0C001", Leaf, &[]),
        // ---------------------------------------------------------------- Category 1
        // 1A004 Protective and detection equipment ... "as follows:"
        row("1A004", Any, &[]),
        // "designed or modified for defence against any of the following"
        row("1A004.a", Any, &[]),
        // "Riot control agents", including: a. ... f.: examples, not a rule to combine.
        row("1A004.a.4", Read, &[]),
        // "specially designed or modified for defence against any of the following:"
        row("1A004.b", Any, &[]),
        // "Electronic equipment designed for automatically detecting ... 'trace detection'"
        row("1A004.d", Leaf, &[]),
        // 1C010 "Fibrous or filamentary materials", as follows:
        row("1C010", Any, &[]),
        // Organic ... "having all of the following:" 1. ...; and 2.
        row("1C010.a", All, &[]),
        // ""Specific modulus" exceeding 12,7 × 10⁶ m; and"
        row("1C010.a.1", Leaf, &[gt(12.7e6, "m")]),
        // ""Specific tensile strength" exceeding 23,5 × 10⁴ m;"
        row("1C010.a.2", Leaf, &[gt(23.5e4, "m")]),
        // ""Specific modulus" exceeding 14,65 × 10⁶ m; and"
        row("1C010.b.1", Leaf, &[gt(14.65e6, "m")]),
        // Inorganic ... "having all of the following:" 1. ...; and 2.
        row("1C010.c", All, &[]),
        // "Having any of the following:" a. ...; or b.
        row("1C010.c.1", Any, &[]),
        // "Composed of 50 % or more by weight silicon dioxide and having a "specific
        // modulus" exceeding 2,54 × 10⁶ m"
        row("1C010.c.1.a", Leaf, &[ge(50.0, "%"), gt(2.54e6, "m")]),
        // "... sublimation point exceeding 1 922 K (1 649 °C) in an inert environment"
        row("1C010.c.2", Leaf, &[gt(1922.0, "K")]),
        // ""Fibrous or filamentary materials", having any of the following:"
        row("1C010.d", Any, &[]),
        // "Composed of any of the following:" a. ...; or b.
        row("1C010.d.1", Any, &[]),
        // prepregs, preforms ... "having all of the following:" 1. ...; and 2.
        row("1C010.e", All, &[]),
        // "(DMA Tg)' equal to or exceeding 453 K (180ᵒC) and having a phenolic resin"
        row("1C010.e.2.b", Leaf, &[ge(453.0, "K")]),
        // Maraging steels ... "having all of the following:" a. ...; and b.
        row("1C116", All, &[]),
        // "equal to or greater than:" 1. 0,9 GPa ...; or 2. 1,5 GPa ...
        row("1C116.a", Any, &[]),
        // the comparator stands in 1C116.a: "equal to or greater than: 0,9 GPa in the
        // solution annealed stage"
        row("1C116.a.1", Leaf, &[ge(0.9, "GPa")]),
        // "1,5 GPa in the precipitation hardened stage"
        row("1C116.a.2", Leaf, &[ge(1.5, "GPa")]),
        // "Any of the following forms:"
        row("1C116.b", Any, &[]),
        // "wall thickness equal to or less than 50 mm and having an inner diameter equal to or
        // greater than 270 mm"
        row("1C116.b.2", Leaf, &[le(50.0, "mm"), ge(270.0, "mm")]),
        // Aluminium alloys "having both of the following characteristics:" 1. ...; and 2.
        row("1C202.a", All, &[]),
        // "an ultimate tensile strength of 460 MPa or more at 293 K (20 °C)"
        row("1C202.a.1", Leaf, &[ge(460.0, "MPa")]),
        // "with an outside diameter of more than 75 mm"
        row("1C202.a.2", Leaf, &[gt(75.0, "mm")]),
        // 1C350 Chemicals ... precursors ..., "as follows, and "chemical mixtures" ..."
        row("1C350", Any, &[]),
        // "Thiodiglycol (CAS 111-48-8);": a CAS number is no threshold.
        row("1C350.1", Leaf, &[]),
        // "Avian influenza virus, which are: a. Uncharacterised; or b. ..."
        row("1C351.a.4", Any, &[]),
        // "as having high pathogenicity, as follows: 1. ...; or 2."
        row("1C351.a.4.b", Any, &[]),
        // "with an IVPI (intravenous pathogenicity index) in 6 week old chickens of greater
        // than 1,2"
        row("1C351.a.4.b.1", Leaf, &[gt(1.2, "")]),
        // ---------------------------------------------------------------- Category 2
        // 2B001 Machine tools ... "as follows:"
        row("2B001", Any, &[]),
        // turning "having any of the following:" 1. ...; or 2.
        row("2B001.a", Any, &[]),
        // "equal to or less (better) than 0,9 μm along one or more linear axis with a travel
        // length less than 1,0 m"
        row("2B001.a.1", Leaf, &[le(0.9, "μm"), lt(1.0, "m")]),
        // "equal to or less (better) than 1,1 μm ... travel length equal to or greater than
        // 1,0 m"
        row("2B001.a.2", Leaf, &[le(1.1, "μm"), ge(1.0, "m")]),
        // "Machine tools for milling having any of the following:"
        row("2B001.b", Any, &[]),
        // "Three linear axes plus one rotary axis ... having any of the following:"
        row("2B001.b.1", Any, &[]),
        // "Five or more axes ... having any of the following;" (a semicolon in the OJ)
        row("2B001.b.2", Any, &[]),
        // "equal to or less (better) than 1,4 μm ... travel length equal to or greater than
        // 1 m and less than 4 m"
        row(
            "2B001.b.2.b",
            Leaf,
            &[le(1.4, "μm"), ge(1.0, "m"), lt(4.0, "m")],
        ),
        // "equal to or less (better) than 6,0 μm (along ... equal to or greater than 4 m"
        row("2B001.b.2.c", Leaf, &[le(6.0, "μm"), ge(4.0, "m")]),
        // "Fly cutting machines having all of the following:" a. ...; and b.
        row("2B001.b.4", All, &[]),
        // "Spindle 'run-out' and 'camming' less (better) than 0,0004 mm TIR"
        row("2B001.b.4.a", Leaf, &[lt(0.0004, "mm")]),
        // "less (better) than 2 seconds of arc, TIR over 300 mm of travel"
        row("2B001.b.4.b", Leaf, &[lt(2.0, "seconds of arc")]),
        // grinding "having any of the following:" 1. ...; or 2.
        row("2B001.c", Any, &[]),
        // "Having all of the following:" a. ...; and b.
        row("2B001.c.1", All, &[]),
        // "having all of the following:" 1. ...; and 2.
        row("2B001.e", All, &[]),
        // "Removing material by means of any of the following:"
        row("2B001.e.1", Any, &[]),
        // "A positioning "accuracy" of less (better) than 0,003°"
        row("2B001.e.2.b", Leaf, &[lt(0.003, "°")]),
        // "a maximum depth-of-bore capability exceeding 5m."
        row("2B001.f", Leaf, &[gt(5.0, "m")]),
        // "an acceleration equal to or greater than 10 g rms between 20 Hz and 2 kHz while
        // imparting forces equal to or greater than 50 kN": the range in one unit, kHz.
        row(
            "2B116.a",
            Leaf,
            &[ge(10.0, "g"), between(0.02, 2.0, "kHz"), ge(50.0, "kN")],
        ),
        // CMM "equal to or less (better) than (1,7 + L/1 000 ) μm (L is the measured length
        // in mm)": a formula.
        row("2B006.a", Leaf, &[formula("<=", "μm")]),
        // "an overall "accuracy" less (better) than (800 + (600 × L/1 000 )) nm"
        row("2B006.b.2", Leaf, &[formula("<", "nm")]),
        // Measuring systems "having all of the following:" a.; b. ...; and c.
        row("2B006.b.3", All, &[]),
        // "A 'resolution' over their full scale of 0,200 nm or less (better)"
        row("2B006.b.3.b", Leaf, &[le(0.2, "nm")]),
        // "an angular position "accuracy" equal to or less (better) than 0,9 second of arc"
        row("2B006.c", Leaf, &[le(0.9, "second of arc")]),
        // 2B350 Chemical manufacturing facilities ... "as follows:"
        row("2B350", Any, &[]),
        // "volume greater than 0,1 m³ (100 litres) and less than 20 m³ (20 000 litres),
        // where all surfaces ... are made from any of the following materials:"
        row("2B350.a", Any, &[gt(0.1, "m³"), lt(20.0, "m³")]),
        // "Fluoropolymers (polymeric or elastomeric materials with more than 35 % fluorine by
        // weight)"
        row("2B350.a.2", Leaf, &[gt(35.0, "%")]),
        // "heat transfer surface area greater than 0,15 m², and less than 20 m² ... any of
        // the following materials:"
        row("2B350.d", Any, &[gt(0.15, "m²"), lt(20.0, "m²")]),
        // "Valves, having both of the following:" a. ...; and b.
        row("2B350.g.1", All, &[]),
        // "Valves, other than those specified in 2B350.g.1., having all of the following;"
        row("2B350.g.2", All, &[]),
        // "Fermenters ... having a total internal volume of 20 litres or more"
        row("2B352.b.1", Leaf, &[ge(20.0, "litres")]),
        // "having a flow rate greater than 100 litres per hour, as follows:"
        row("2B352.c", Any, &[gt(100.0, "litres per hour")]),
        // "having all of the following characteristics:" a.; b.; c.
        row("2B352.c.1", All, &[]),
        // "A total filtration area equal to or greater than 1 m²; and"
        row("2B352.d.1.a", Leaf, &[ge(1.0, "m²")]),
        // "a condenser capacity of 10 kg of ice or more in 24 hours and less than 1 000 kg of
        // ice in 24 hours"
        row("2B352.e", Leaf, &[ge(10.0, "kg of ice"), lt(1000.0, "kg")]),
        // "having capacity for exposure of any of the following:" a. 12 or more rodents; or b.
        row("2B352.g.2", Any, &[]),
        // "12 or more rodents"
        row("2B352.g.2.a", Leaf, &[ge(12.0, "rodents")]),
        // Spray drying equipment "having all of the following:" 1.; 2. ...; and 3.
        row("2B352.h", All, &[]),
        // "A water evaporation capacity of ≥ 0,4 kg/h and ≤ 400 kg/h"
        row("2B352.h.1", Leaf, &[ge(0.4, "kg/h"), le(400.0, "kg/h")]),
        // "greater than 1,5 kilobases in length with error rates less than 5 %"
        row("2B352.i", Leaf, &[gt(1.5, "kilobases"), lt(5.0, "%")]),
        // "a 'system synthesis scale' of 1 mmol or greater"
        row("2B352.j", Leaf, &[ge(1.0, "mmol")]),
        // ---------------------------------------------------------------- Category 3
        // 3A001 "Electronic items as follows:"
        row("3A001", Any, &[]),
        // "radiation hardened to withstand any of the following:"
        row("3A001.a.1", Any, &[]),
        // "A total dose of 5 × 10³ Gy (silicon) or higher"
        row("3A001.a.1.a", Leaf, &[ge(5e3, "Gy (silicon)")]),
        // "of neutrons (1 MeV equivalent) of 5 × 10¹³ n/cm² or higher on silicon"
        row("3A001.a.1.c", Leaf, &[ge(5e13, "n/cm²")]),
        // "Rated for operation at an ambient temperature above 398 K (125 °C)"
        row("3A001.a.2.a", Leaf, &[gt(398.0, "K")]),
        // "operating at a clock frequency exceeding 40 MHz"
        row("3A001.a.3", Leaf, &[gt(40.0, "MHz")]),
        // "A resolution of 12 bit or more, but less than 14 bit, with a "sample rate" greater
        // than 400 MSPS"
        row(
            "3A001.a.5.a.3",
            Leaf,
            &[ge(12.0, "bit"), lt(14.0, "bit"), gt(400.0, "MSPS")],
        ),
        // "A resolution of 8 bit or more, but less than 10 bit, with a "sample rate" greater
        // than 1,3 Giga Samples Per Second (GSPS)"
        row(
            "3A001.a.5.a.1",
            Leaf,
            &[ge(8.0, "bit"), lt(10.0, "bit"), gt(1.3, "GSPS")],
        ),
        // "A resolution of 12 bit or more and having any of the following:"
        row("3A001.a.5.b.2", Any, &[ge(12.0, "bit")]),
        // "An 'adjusted update rate' exceeding 1 250 MSPS but not exceeding 3 500 MSPS, and
        // having any of the following:"
        row(
            "3A001.a.5.b.2.a",
            Any,
            &[gt(1250.0, "MSPS"), le(3500.0, "MSPS")],
        ),
        // "designed for "signal processing" and having all of the following:" a.; b. ...; and c.
        row("3A001.a.6", All, &[]),
        // "A maximum number of single-ended digital input/outputs of greater than 700; or"
        row("3A001.a.7.a", Leaf, &[gt(700.0, "")]),
        // "An 'aggregate one-way peak serial transceiver data rate' of 500 Gb/s or greater"
        row("3A001.a.7.b", Leaf, &[ge(500.0, "Gb/s")]),
        // "More than 1 500 terminals;"
        row("3A001.a.10.a", Leaf, &[gt(1500.0, "terminals")]),
        // "a rated execution time for an N-point complex FFT of less than (N log2 N) /20 480
        // ms": a formula.
        row("3A001.a.12", Leaf, &[formula("<", "ms")]),
        // "Psat, greater than 505,62 divided by the maximum operating frequency (in GHz)
        // squared [Psat>505,62 W × GHz²/fGHz ²]": a formula, not 505,62.
        row("3A001.b.12.a", Leaf, &[formula(">", "")]),
        // "Integrated circuits that perform or are programmable to perform all of the
        // following:" a. ...; and b.
        row("3A001.a.14", All, &[]),
        // MMIC amplifiers "that are any of the following:"
        row("3A001.b.2", Any, &[]),
        // "Rated for operation at frequencies exceeding 2,7 GHz up to and including 6,8 GHz
        // with a "fractional bandwidth" greater than 15 %, and having any of the following:"
        row(
            "3A001.b.2.a",
            Any,
            &[gt(2.7, "GHz"), le(6.8, "GHz"), gt(15.0, "%")],
        ),
        // "A peak saturated power output greater than 75 W (48,75 dBm) at any frequency
        // exceeding 2,7 GHz up to and including 2,9 GHz"
        row(
            "3A001.b.2.a.1",
            Leaf,
            &[gt(75.0, "W"), gt(2.7, "GHz"), le(2.9, "GHz")],
        ),
        // "To an output power greater than 100 mW (20 dBm) anywhere within the frequency range
        // exceeding 43,5 GHz but not exceeding 110 GHz"
        row(
            "3A001.b.7.b.2",
            Leaf,
            &[gt(100.0, "mW"), gt(43.5, "GHz"), le(110.0, "GHz")],
        ),
        // Digital data recorders "having all of the following:" a. ...; and b.
        row("3A002.a.6", All, &[]),
        // "A sustained 'continuous throughput' of more than 6,4 Gbit/s"
        row("3A002.a.6.a", Leaf, &[gt(6.4, "Gbit/s")]),
        // "Real-time oscilloscopes havingall of the following:" (so written in the OJ)
        row("3A002.a.7", All, &[]),
        // ""Signal analysers" having a Displayed Average Noise Level (DANL) less (better) than
        // -160 dBm/Hz anywhere within the frequency range exceeding 43,5 GHz but not exceeding
        // 110 GHz"
        row(
            "3A002.c.2",
            Leaf,
            &[lt(-160.0, "dBm/Hz"), gt(43.5, "GHz"), le(110.0, "GHz")],
        ),
        // "Signal generators having any of the following:"
        row("3A002.d", Any, &[]),
        // "pulse-modulated signals having all of the following, anywhere within the frequency
        // range exceeding 31,8 GHz but not exceeding 37 GHz:"
        row("3A002.d.1", All, &[gt(31.8, "GHz"), le(37.0, "GHz")]),
        // "Less than 100 μs for any frequency change exceeding 2,2 GHz within the frequency
        // range exceeding 4,8 GHz but not exceeding 31,8 GHz"
        row(
            "3A002.d.3.b",
            Leaf,
            &[
                lt(100.0, "μs"),
                gt(2.2, "GHz"),
                gt(4.8, "GHz"),
                le(31.8, "GHz"),
            ],
        ),
        // 3B001 Equipment for the manufacturing of semiconductor devices ..., "as follows
        // and specially designed components and accessories therefor:"
        row("3B001", Any, &[]),
        // "a thickness uniform to less than ± 2,5 % across a distance of 75 mm or more"
        row("3B001.a.1", Leaf, &[lt(2.5, "%"), ge(75.0, "mm")]),
        // "Equipment designed for ion implantation and having any of the following:"
        row("3B001.b", Any, &[]),
        // "a beam energy of 20 keV or more and a beam current of 10 mA or more for silicon
        // implant into a semiconductor material "substrate" heated to 600 °C or greater"
        row(
            "3B001.b.5",
            Leaf,
            &[ge(20.0, "keV"), ge(10.0, "mA"), ge(600.0, "°C")],
        ),
        // "Lithography equipment as follows:"
        row("3B001.f", Any, &[]),
        // "A light source wavelength shorter than 193 nm; or"
        row("3B001.f.1.a", Leaf, &[lt(193.0, "nm")]),
        // "a 'Minimum Resolvable Feature size' (MRF) of 45 nm or less"
        row("3B001.f.1.b", Leaf, &[le(45.0, "nm")]),
        // mask making "having all of the following:" a. ...; and b.
        row("3B001.f.3", All, &[]),
        // "A full-width half-maximum (FWHM) spot size smaller than 65 nm and an image
        // placement less than 17 nm (mean + 3 sigma)"
        row("3B001.f.3.b.1", Leaf, &[lt(65.0, "nm"), lt(17.0, "nm")]),
        // "a light source wavelength less than 245 nm"
        row("3B001.h", Leaf, &[lt(245.0, "nm")]),
        // ---------------------------------------------------------------- Category 4
        // 4A001 "Electronic computers and related equipment, having any of the following"
        row("4A001", Any, &[]),
        // "Specially designed to have any of the following:"
        row("4A001.a", Any, &[]),
        // "an ambient temperature below 228 K (-45 °C) or above 358 K (85 °C)"
        row("4A001.a.1", Leaf, &[lt(228.0, "K"), gt(358.0, "K")]),
        // "Radiation hardened to exceed any of the following specifications:"
        row("4A001.a.2", Any, &[]),
        // 4A003 "Digital computers" ... "as follows and specially designed components"
        row("4A003", Any, &[]),
        // "an "Adjusted Peak Performance" ("APP") exceeding 70 Weighted TeraFLOPS (WT)"
        row("4A003.b", Leaf, &[gt(70.0, "WT")]),
        // "so that the "APP" of the aggregation exceeds the limit specified in 4A003.b.":
        // the limit is 4A003.b's, no number here.
        row("4A003.c", Leaf, &[]),
        // "at unidirectional data rates exceeding 2,0 Gbyte/s per link"
        row("4A003.g", Leaf, &[gt(2.0, "Gbyte/s per link")]),
        // "Computers as follows and specially designed related equipment"
        row("4A004", Any, &[]),
        // 4A005 ... "delivery of "intrusion software"."
        row("4A005", Leaf, &[]),
        // 4D004 "Software" ... "delivery of "intrusion software"."
        row("4D004", Leaf, &[]),
        // 4E001 ""Technology" as follows:"
        row("4E001", Any, &[]),
        // "for the "development" or "production" of equipment as follows:"
        row("4E001.b", Any, &[]),
        // ""APP" exceeding 24 Weighted TeraFLOPS (WT)"
        row("4E001.b.1", Leaf, &[gt(24.0, "WT")]),
        // ---------------------------------------------------------------- Category 5
        // 5A001 "Telecommunications systems, equipment, components and accessories as
        // follows:"
        row("5A001", Any, &[]),
        // "having any of the following characteristics, functions or features:"
        row("5A001.a", Any, &[]),
        // "Specially designed to operate below 218 K (-55 °C); or"
        row("5A001.a.3", Leaf, &[lt(218.0, "K")]),
        // "having any of the following characteristics, functions or features:"
        row("5A001.b", Any, &[]),
        // "underwater untethered communications systems having any of the following:"
        row("5A001.b.1", Any, &[]),
        // "An acoustic carrier frequency outside the range from 20 kHz to 60 kHz"
        row("5A001.b.1.a", Leaf, &[outside(20.0, 60.0, "kHz")]),
        // "with an output wavelength greater than 400 nm and less than 700 nm"
        row("5A001.b.1.d", Leaf, &[gt(400.0, "nm"), lt(700.0, "nm")]),
        // "radio equipment operating in the 1,5 MHz to 87,5 MHz band and having all of the
        // following:"
        row("5A001.b.2", All, &[between(1.5, 87.5, "MHz")]),
        // "at an output power of 1 kW or more in the frequency range of 1,5 MHz or more but
        // less than 30 MHz, or 250 W or more in the frequency range of 30 MHz or more but not
        // exceeding 87,5 MHz, over an "instantaneous bandwidth" of one octave or more and with
        // an output harmonic and distortion content of less(better) than -80 dB"
        row(
            "5A001.b.2.b",
            Leaf,
            &[
                ge(1.0, "kW"),
                ge(1.5, "MHz"),
                lt(30.0, "MHz"),
                ge(250.0, "W"),
                ge(30.0, "MHz"),
                le(87.5, "MHz"),
                lt(-80.0, "dB"),
            ],
        ),
        // "A total transmitted bandwidth which is 100 or more times the bandwidth of any one
        // information channel and in excess of 50 kHz"
        row("5A001.b.3.b", Leaf, &[ge(100.0, "times"), gt(50.0, "kHz")]),
        // "digitally controlled radio receivers having all of the following:" a.; b.; c. ...;
        // and d.
        row("5A001.b.5", All, &[]),
        // "More than 1 000 channels;"
        row("5A001.b.5.a", Leaf, &[gt(1000.0, "channels")]),
        // "'voice coding' output at rates of less than 700 bit/s"
        row("5A001.b.6", Leaf, &[lt(700.0, "bit/s")]),
        // "Optical fibres of more than 500 m in length ... a 'proof test' tensile stress of
        // 2 × 10⁹ N/m² or more"
        row("5A001.c", Leaf, &[gt(500.0, "m"), ge(2e9, "N/m²")]),
        // "'Electronically steerable phased array antennae' as follows:"
        row("5A001.d", Any, &[]),
        // "Rated for operation above 31,8 GHz but not exceeding 57 GHz, and having an
        // Effective Radiated Power (ERP) equal to or greater than +20 dBm (22,15 dBm ...)"
        row(
            "5A001.d.1",
            Leaf,
            &[gt(31.8, "GHz"), le(57.0, "GHz"), ge(20.0, "dBm")],
        ),
        // "Radio direction finding equipment operating at frequencies above 30 MHz and having
        // all of the following"
        row("5A001.e", All, &[gt(30.0, "MHz")]),
        // "Mobile telecommunications interception or jamming equipment ..., as follows,"
        row("5A001.f", Any, &[]),
        // "performing any of the following:" a.; b. ...; or c.
        row("5A001.f.3", Any, &[]),
        // "having all of the following:" 1. ...; and 2.
        row("5A001.j", All, &[]),
        // "Performing all of the following on a carrier class Internet Protocol (IP) network"
        row("5A001.j.1", All, &[]),
        // "Being specially designed to carry out all of the following:"
        row("5A001.j.2", All, &[]),
        // 5A002 ""Information security" systems, equipment and components, as follows:"
        row("5A002", Any, &[]),
        // "having a 'described security algorithm', as follows:"
        row("5A002.a", Any, &[]),
        // "where the 'cryptography for data confidentiality' ... meets all of the following:"
        row("5A002.a.4", All, &[]),
        // "A "fractional bandwidth" of 20 % or more;"
        row("5A002.d.2", Leaf, &[ge(20.0, "%")]),
        // "Items, not specified in 4A005 or 5A004.a., designed to perform all of the
        // following:"
        row("5A004.b", All, &[]),
        // "for the "development", "production" or "use" of any of the following:"
        row("5D002.a", Any, &[]),
        // ---------------------------------------------------------------- Category 6
        // "Space-qualified" solid-state detectors "having all of the following:" 1. ...; and 2.
        row("6A002.a.1.a", All, &[]),
        // "A peak response in the wavelength range exceeding 10 nm but not exceeding 300 nm"
        row("6A002.a.1.a.1", Leaf, &[gt(10.0, "nm"), le(300.0, "nm")]),
        // "A response of less than 0,1 % relative to the peak response at a wavelength
        // exceeding 400 nm"
        row("6A002.a.1.a.2", Leaf, &[lt(0.1, "%"), gt(400.0, "nm")]),
        // "having more than 2 048 elements per array and having a peak response in the
        // wavelength range exceeding 300 nm but not exceeding 900 nm"
        row(
            "6A002.a.1.d",
            Leaf,
            &[
                gt(2048.0, "elements per array"),
                gt(300.0, "nm"),
                le(900.0, "nm"),
            ],
        ),
        // Image intensifier tubes "having all of the following:" 1.; 2. ... (b. ...; and); 3.
        row("6A002.a.2.a", All, &[]),
        // "Electron image amplification using any of the following:" a. ...; or b.
        row("6A002.a.2.a.2", Any, &[]),
        // "a luminous sensitivity exceeding 350 μA/lm"
        row("6A002.a.2.a.3.a", Leaf, &[gt(350.0, "μA/lm")]),
        // "an unfiltered response in the wavelength range equal to or exceeding 8 000 nm but
        // not exceeding 14 000 nm"
        row("6A002.a.3.f", Leaf, &[ge(8000.0, "nm"), le(14000.0, "nm")]),
        // "Greater than 32 elements;"
        row("6A002.a.3.g.3", Leaf, &[gt(32.0, "elements")]),
        // "An Instantaneous Field of View (IFOV) of less than 200 μrad (microradians)"
        row("6A002.b.1", Leaf, &[lt(200.0, "μrad")]),
        // "in the wavelength range exceeding 400 nm but not exceeding 30 000 nm and having all
        // the following;"
        row("6A002.b.2", All, &[gt(400.0, "nm"), le(30000.0, "nm")]),
        // 6A003 "Cameras, systems or equipment, and components therefor, as follows:"
        row("6A003", Any, &[]),
        // "Electronic cameras having all of the following:" a. ...; and b.
        row("6A003.a.5", All, &[]),
        // "An electronic shutter speed (gating capability) of less than 1 μs per full frame"
        row("6A003.a.5.a", Leaf, &[lt(1.0, "μs per full frame")]),
        // 6A005.a Non-"tunable" continuous wave "(CW) lasers" having any of the following:
        row("6A005.a", Any, &[]),
        // "Output wavelength less than 150 nm and output power exceeding 1 W;"
        row("6A005.a.1", Leaf, &[lt(150.0, "nm"), gt(1.0, "W")]),
        // "Output wavelength of 150 nm or more but not exceeding 510 nm and output power
        // exceeding 30 W"
        row(
            "6A005.a.2",
            Leaf,
            &[ge(150.0, "nm"), le(510.0, "nm"), gt(30.0, "W")],
        ),
        // "Output wavelength exceeding 510 nm but not exceeding 540 nm and any of the
        // following:"
        row("6A005.a.3", Any, &[gt(510.0, "nm"), le(540.0, "nm")]),
        // "'Single transverse mode' output and any of the following:" 1. ...; or 2.
        row("6A005.a.6.a", Any, &[]),
        // "Having all of the following:" a. ...; and b. ... (the "; or" after b. is the
        // parent's)
        row("6A005.a.6.a.2", All, &[]),
        // "Spectral bandwidth less than 40 GHz; or"
        row("6A005.a.6.a.2.b", Leaf, &[lt(40.0, "GHz")]),
        // ""Wall-plug efficiency" exceeding 18 % and output power exceeding 1 000 W"
        row("6A005.a.6.b.1", Leaf, &[gt(18.0, "%"), gt(1000.0, "W")]),
        // "Output energy exceeding 50 mJ per pulse and "peak power" exceeding 1 W"
        row(
            "6A005.b.1.a",
            Leaf,
            &[gt(50.0, "mJ per pulse"), gt(1.0, "W")],
        ),
        // 6A008 "Radar systems, equipment and assemblies, having any of the following"
        row("6A008", Any, &[]),
        // "Operating at frequencies from 40 GHz to 230 GHz and having any of the following:"
        row("6A008.a", Any, &[between(40.0, 230.0, "GHz")]),
        // "Locating "accuracy" of 1 m or less (better) in range and 0,2 degree or less
        // (better) in azimuth"
        row("6A008.a.2", Leaf, &[le(1.0, "m"), le(0.2, "degree")]),
        // "A "tunable" bandwidth exceeding ± 6,25 % of the 'centre operating frequency'"
        row("6A008.b", Leaf, &[gt(6.25, "%")]),
        // "a maximum 'instrumented range' exceeding 185 km"
        row("6A008.i", Leaf, &[gt(185.0, "km")]),
        // "laser" radar ... "having any of the following:" 1.; 2. ...; or 3.
        row("6A008.j", Any, &[]),
        // "an angular resolution of less (better) than 20 μrad (microradians)"
        row("6A008.j.2", Leaf, &[lt(20.0, "μrad")]),
        // "A "pulse compression" ratio exceeding 150; or"
        row("6A008.k.1", Leaf, &[gt(150.0, "")]),
        // ---------------------------------------------------------------- Category 7
        // 7A001 "Accelerometers as follows and specially designed components therefor:"
        row("7A001", Any, &[]),
        // "Linear accelerometers having any of the following:"
        row("7A001.a", Any, &[]),
        // "at linear acceleration levels less than or equal to 15 g and having any of the
        // following:"
        row("7A001.a.1", Any, &[le(15.0, "g")]),
        // "A "scale factor" "stability" of less (better) than 130 ppm"
        row("7A001.a.1.b", Leaf, &[lt(130.0, "ppm")]),
        // "exceeding 15 g but less than or equal to 100 g and having all of the following:"
        row("7A001.a.2", All, &[gt(15.0, "g"), le(100.0, "g")]),
        // "specified to function at linear acceleration levels exceeding 100 g."
        row("7A001.b", Leaf, &[gt(100.0, "g")]),
        // 7A002 "Gyros or angular rate sensors, having any of the following"
        row("7A002", Any, &[]),
        // "An angular rate range of less than 500 degrees per second and having any of the
        // following:"
        row("7A002.a.1", Any, &[lt(500.0, "degrees per second")]),
        // "A "bias" "stability" of less (better) than 0,5 degree per hour, when measured in a
        // 1 g environment over a period of one month"
        row("7A002.a.1.a", Leaf, &[lt(0.5, "degree per hour")]),
        // "An "angle random walk" of less (better) than or equal to 0,0035 degree per square
        // root hour"
        row(
            "7A002.a.1.b",
            Leaf,
            &[le(0.0035, "degree per square root hour")],
        ),
        // 7A003 'Inertial measurement equipment or systems', having any of the following:
        row("7A003", Any, &[]),
        // "for a period of up to 4 minutes, having an "accuracy" of less (better) than 10
        // meters "CEP""
        row("7A003.b", Leaf, &[le(4.0, "minutes"), lt(10.0, "meters")]),
        // "providing heading or True North determination and having any of the following:"
        row("7A003.c", Any, &[]),
        // "in more than one dimension, and having any of the following:"
        row("7A003.d", Any, &[]),
        // 7A005 "Satellite navigation system" receiving equipment having any of the
        // following: a. ...; or b.
        row("7A005", Any, &[]),
        // "Employing 'adaptive antenna systems'."
        row("7A005.b", Leaf, &[]),
        // "a positioning "accuracy" of equal to or less (better) than 3 % of distance
        // travelled"
        row("7A008", Leaf, &[le(3.0, "%")]),
        // "fly-by-wire systems" having all of the following: a. ...; and b.
        row("7E004.b.7", All, &[]),
        // "requiring loop closure rates of 40 Hz or greater"
        row("7E004.b.7.a", Leaf, &[ge(40.0, "Hz")]),
        // "to achieve all of the following:" a. ...; and b.
        row("7E004.b.8", All, &[]),
        // "being less (better) than 1 × 10⁻⁹ failures per flight hour"
        row("7E004.b.8.b", Leaf, &[lt(1e-9, "failures per flight hour")]),
        // "which combine the functions of at least two of the following": neither any nor all.
        row("7E004.c.1", Read, &[]),
        // ---------------------------------------------------------------- Category 8
        // 8A001 "Submersible vehicles and surface vessels, as follows:"
        row("8A001", Any, &[]),
        // "designed to operate at depths exceeding 1 000 m"
        row("8A001.a", Leaf, &[gt(1000.0, "m")]),
        // "Manned, untethered submersible vehicles having any of the following:"
        row("8A001.b", Any, &[]),
        // "having a lifting capacity of all of the following:" a. ...; and b.
        row("8A001.b.1", All, &[]),
        // "10 % or more of their weight in air; and"
        row("8A001.b.1.a", Leaf, &[ge(10.0, "%")]),
        // "15 kN or more;"
        row("8A001.b.1.b", Leaf, &[ge(15.0, "kN")]),
        // "Having all of the following:" a. ...; and b.
        row("8A001.b.3", All, &[]),
        // "'Range' of 25 nautical miles or more"
        row("8A001.b.3.b", Leaf, &[ge(25.0, "nautical miles")]),
        // "Unmanned submersible vehicles, as follows:"
        row("8A001.c", Any, &[]),
        // "not specified in 8A001.c.1., having all of the following:" a.; b.; c.
        row("8A001.c.2", All, &[]),
        // "with a lifting capacity exceeding 5 MN for salvaging objects from depths exceeding
        // 250 m and having any of the following:"
        row("8A001.e", Any, &[gt(5.0, "MN"), gt(250.0, "m")]),
        // "Pressure housings ... with a maximum inside chamber diameter exceeding 1,5 m"
        row("8A002.a.1", Leaf, &[gt(1.5, "m")]),
        // "Underwater vision systems having all of the following:" 1. ...; and 2.
        row("8A002.d", All, &[]),
        // "Employing any of the following techniques to minimise the effects of back scatter:"
        row("8A002.d.2", Any, &[]),
        // "a light output energy of more than 300 J per flash and a flash rate of more than
        // 5 flashes per second"
        row(
            "8A002.g.1",
            Leaf,
            &[gt(300.0, "J per flash"), gt(5.0, "flashes per second")],
        ),
        // "a force of 250 N or more or a torque of 250 Nm or more"
        row("8A002.h.2", Leaf, &[ge(250.0, "N"), ge(250.0, "Nm")]),
        // "Diesel cycle engine air independent systems having all of the following:" a.; b.;
        // c. ...; and d.
        row("8A002.j.2", All, &[]),
        // ""Fuel cell" air independent power systems with an output exceeding 2 kW and having
        // any of the following:"
        row("8A002.j.3", Any, &[gt(2.0, "kW")]),
        // "Permanent magnet electric propulsion motors ..., having a power output exceeding
        // 0.1 MW."
        row("8A002.o.4", Leaf, &[gt(0.1, "MW")]),
        // "Pumpjet propulsion systems having all of the following:" 1. ...; and 2.
        row("8A002.p", All, &[]),
        // "a sound pressure level equal to or exceeding 190 dB (reference 1 μPa at 1 m) at
        // frequencies of 200 Hz and below"
        row("8A002.r", Leaf, &[ge(190.0, "dB"), le(200.0, "Hz")]),
        // ---------------------------------------------------------------- Category 9
        // 9A001 "Aero gas turbine engines having any of the following:" (b. not used)
        row("9A001", Any, &[]),
        // "Incorporating any of the "technologies" specified in 9E003.a., 9E003.h. or 9E003.i."
        row("9A001.a", Leaf, &[]),
        // 9A004 Space launch vehicles ... "as follows:"
        row("9A004", Any, &[]),
        // "specially designed for "spacecraft" and having any of the following functions:"
        row("9A004.e", Any, &[]),
        // "Components and structures, each exceeding 10 kg ... manufactured using any of the
        // following:"
        row("9A010.a", Any, &[gt(10.0, "kg")]),
        // "thrust-to-weight ratios equal to or more than 1 kN/kg and a 'response time' of less
        // than 30 ms"
        row("9A010.d", Leaf, &[ge(1.0, "kN/kg"), lt(30.0, "ms")]),
        // 9A012 "Unmanned aerial vehicles" ... "as follows:"
        row("9A012", Any, &[]),
        // "designed to have controlled flight out of the direct 'natural vision' of the
        // 'operator' and having any of the following:"
        row("9A012.a", Any, &[]),
        // "Having all of the following:" a. ...; and b.
        row("9A012.a.1", All, &[]),
        // "A maximum 'endurance' greater than or equal to 30 minutes but less than 1 hour"
        row("9A012.a.1.a", Leaf, &[ge(30.0, "minutes"), lt(1.0, "hour")]),
        // "in wind gusts equal to or exceeding 46,3 km/h (25 knots)"
        row("9A012.a.1.b", Leaf, &[ge(46.3, "km/h")]),
        // "A maximum 'endurance' of 1 hour or greater"
        row("9A012.a.2", Leaf, &[ge(1.0, "hour")]),
        // "at altitudes above 15 240 metres (50 000 feet)"
        row("9A012.b.4", Leaf, &[gt(15240.0, "metres")]),
        // 9E003 "Other "technology" as follows:"
        row("9E003", Any, &[]),
        // "of any of the following gas turbine engine components or systems:"
        row("9E003.a", Any, &[]),
        // "a stress-rupture life exceeding 400 hours at 1 273 K (1 000 °C) at a stress of
        // 200 MPa"
        row("9E003.a.1", Leaf, &[gt(400.0, "hours")]),
        // "Combustors having any of the following:"
        row("9E003.a.2", Any, &[]),
        // "'combustor exit temperature' exceeding 1 883 K (1 610 °C)"
        row("9E003.a.2.a", Leaf, &[gt(1883.0, "K")]),
        // "Components that are any of the following:"
        row("9E003.a.3", Any, &[]),
        // "that are all of the following:" 1.; 2. ...; and 3.
        row("9E003.a.3.c", All, &[]),
        // "a 'gas path temperature' of 1 373 K (1 100 °C) or more"
        row("9E003.a.4", Leaf, &[ge(1373.0, "K")]),
        // "'Fan blades' having all of the following:" a. ...; and b.
        row("9E003.a.11", All, &[]),
        // "One or more closed cavities having a volume of 5 cm³ or larger"
        row("9E003.a.11.b", Leaf, &[ge(5.0, "cm³")]),
        // cooling holes ... "and having any of the following:" 1. ...; or 2.
        row("9E003.c", Any, &[]),
        // "Having all of the following:" a.; b. ...; and c.
        row("9E003.c.1", All, &[]),
        // "Minimum 'cross-sectional area' less than 0,45 mm²"
        row("9E003.c.1.a", Leaf, &[lt(0.45, "mm²")]),
        // "'Hole shape ratio' greater than 4,52"
        row("9E003.c.1.b", Leaf, &[gt(4.52, "")]),
        // "'Incidence angle' equal to or less than 25°"
        row("9E003.c.1.c", Leaf, &[le(25.0, "°")]),
    ]
}

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

fn same(want: &Limit, got: &Threshold) -> bool {
    let values = if want.value.is_nan() {
        got.formula
    } else {
        !got.formula && close(want.value, got.value)
    };
    let uppers = match (want.upper, got.upper) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    };
    values && uppers && want.comparator == got.comparator && want.unit == got.unit
}

fn show_limit(l: &Limit) -> String {
    let value = if l.value.is_nan() {
        "formula".to_string()
    } else {
        format!("{}", l.value)
    };
    let unit = if l.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", l.unit)
    };
    match l.upper {
        Some(u) => format!("{} {value}..{u}{unit}", l.comparator),
        None => format!("{} {value}{unit}", l.comparator),
    }
}

fn show_threshold(t: &Threshold) -> String {
    show_limit(&Limit {
        comparator: t.comparator,
        value: if t.formula { f64::NAN } else { t.value },
        upper: t.upper,
        unit: Box::leak(t.unit.clone().into_boxed_str()),
    })
}

fn show_want(w: Want) -> &'static str {
    match w {
        Any => "any",
        All => "all",
        Leaf => "leaf",
        Read => "read the text (not certain)",
    }
}

fn show_got(combine: Combine, certain: bool) -> String {
    if certain {
        combine.as_str().to_string()
    } else {
        format!("{} (not certain)", combine.as_str())
    }
}

#[test]
fn structure_and_thresholds_read_from_the_law() {
    let ds = dataset();
    let rows = table();

    // The table covers every category and holds enough rows to mean something.
    let mut per_category: BTreeMap<char, usize> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &rows {
        assert!(seen.insert(r.code), "{} is twice in the table", r.code);
        *per_category
            .entry(r.code.chars().next().expect("a code"))
            .or_default() += 1;
    }
    println!(
        "rows per category: {per_category:?} ({} in all)",
        rows.len()
    );
    assert!(rows.len() >= 100, "{} rows", rows.len());
    for cat in '0'..='9' {
        let n = per_category.get(&cat).copied().unwrap_or(0);
        assert!(n >= 8, "Category {cat}: {n} rows");
    }

    let mut mismatches: Vec<(String, String, String)> = Vec::new();
    for r in &rows {
        let Some(idx) = ds.node_index(r.code) else {
            mismatches.push((r.code.into(), "a node".into(), "no such code".into()));
            continue;
        };
        let s = structure(&ds, idx);
        let combine_ok = match r.want {
            Any => s.certain && s.combine == Combine::Any,
            All => s.certain && s.combine == Combine::All,
            Leaf => s.certain && s.combine == Combine::Leaf,
            Read => !s.certain,
        };
        if !combine_ok {
            mismatches.push((
                r.code.into(),
                show_want(r.want).into(),
                show_got(s.combine, s.certain),
            ));
        }
        let got = node_thresholds(&ds, idx);
        let thresholds_ok =
            got.len() == r.limits.len() && r.limits.iter().zip(&got).all(|(w, g)| same(w, g));
        if !thresholds_ok {
            let want: Vec<String> = r.limits.iter().map(show_limit).collect();
            let have: Vec<String> = got.iter().map(show_threshold).collect();
            mismatches.push((
                r.code.into(),
                format!("[{}]", want.join("; ")),
                format!("[{}]", have.join("; ")),
            ));
        }
    }

    if !mismatches.is_empty() {
        let width = mismatches
            .iter()
            .map(|m| m.0.len())
            .max()
            .unwrap_or(4)
            .max(4);
        let mut report = format!(
            "{} disagreement(s) between the law and the checklist:\n{:width$} | expected | got\n",
            mismatches.len(),
            "code"
        );
        for (code, want, got) in &mismatches {
            report.push_str(&format!("{code:width$} | {want} | {got}\n"));
        }
        println!("{report}");
        panic!("{report}");
    }
}
