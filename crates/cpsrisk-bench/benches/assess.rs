//! The IoT-SSF pipeline stage by stage on synthetic models of 1k, 10k and 100k devices:
//! - `parse+check`: `cpsrisk_model::load_and_check`;
//! - `assess`: `cpsrisk_iot_ssf::assess` alone;
//! - `render json`: `Report::render(Format::Json { pretty: false }, Lang::En)` of a report built beforehand;
//! - `flow diagram`: `cpsrisk_report::flow_diagram`, the SVG of the devices and data flows
//!   (laid out in full up to 300 devices, summarised per lane above).
//!
//! - `render html` (up to 10k devices): the HTML report, its long tables paged.
//!
//! The DMF (1k and 10k events; 100k writes a 2 GB report) and conformance (1k, 10k and 100k
//! evidence entries) models of the same crate go through parse+check, their engine and the
//! JSON report.
//!
//! Run with `cargo bench -p cpsrisk-bench`; filter with e.g. `cargo bench -p cpsrisk-bench -- assess`.

use std::hint::black_box;
use std::time::Duration;

use cpsrisk_bench::conformance::synthetic_conformance_yaml;
use cpsrisk_bench::dmf::synthetic_dmf_yaml;
use cpsrisk_bench::synthetic_model_yaml;
use cpsrisk_catalog::Lang;
use cpsrisk_report::{Format, Report};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn pipeline(c: &mut Criterion) {
    for &n in &SIZES {
        let yaml = synthetic_model_yaml(n);
        let model = cpsrisk_model::load_and_check(&yaml)
            .unwrap_or_else(|d| panic!("synthetic model of {n} devices: {} problems", d.len()));
        let iot = model.iot_ssf.as_ref().expect("iot_ssf input");
        let report = Report::new("bench.yaml", &model);

        let mut group = c.benchmark_group(format!("{n}-devices"));
        sized(&mut group, n);
        group.bench_function(BenchmarkId::new("parse+check", n), |b| {
            b.iter(|| cpsrisk_model::load_and_check(black_box(&yaml)))
        });
        group.bench_function(BenchmarkId::new("assess", n), |b| {
            b.iter(|| cpsrisk_iot_ssf::assess(black_box(iot)))
        });
        group.bench_function(BenchmarkId::new("render json", n), |b| {
            b.iter(|| black_box(&report).render(Format::Json { pretty: false }, Lang::En))
        });
        group.bench_function(BenchmarkId::new("flow diagram", n), |b| {
            b.iter(|| cpsrisk_report::flow_diagram(black_box(iot), Lang::En))
        });
        if n <= 10_000 {
            group.bench_function(BenchmarkId::new("render html", n), |b| {
                b.iter(|| black_box(&report).render(Format::Html, Lang::En))
            });
        }
        group.finish();
    }
}

/// Sampling for a model of `n` entries: fewer, longer samples for the larger ones.
fn sized(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    group.throughput(Throughput::Elements(n as u64));
    if n >= 100_000 {
        // Seconds per iteration: one iteration per sample, ten samples.
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
    } else if n >= 10_000 {
        group
            .sample_size(20)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
    } else {
        group
            .sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
    }
}

/// parse+check, the engine alone and the JSON report of one synthetic model of `n` entries.
fn framework<T>(
    c: &mut Criterion,
    name: &str,
    n: usize,
    yaml: &str,
    engine: impl Fn(&cpsrisk_model::Model) -> T,
) {
    let model = cpsrisk_model::load_and_check(yaml)
        .unwrap_or_else(|d| panic!("synthetic {name} model of {n}: {} problems", d.len()));
    let report = Report::new("bench.yaml", &model);
    let mut group = c.benchmark_group(format!("{name}-{n}"));
    sized(&mut group, n);
    group.bench_function(BenchmarkId::new("parse+check", n), |b| {
        b.iter(|| cpsrisk_model::load_and_check(black_box(yaml)))
    });
    group.bench_function(BenchmarkId::new("assess", n), |b| {
        b.iter(|| engine(black_box(&model)))
    });
    group.bench_function(BenchmarkId::new("render json", n), |b| {
        b.iter(|| black_box(&report).render(Format::Json { pretty: false }, Lang::En))
    });
    group.finish();
}

fn dmf(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        framework(c, "dmf-events", n, &synthetic_dmf_yaml(n), |m| {
            cpsrisk_dmf::assess(m.dmf.as_ref().expect("dmf input"))
        });
    }
}

fn conformance(c: &mut Criterion) {
    for n in SIZES {
        framework(
            c,
            "conformance-evidence",
            n,
            &synthetic_conformance_yaml(n),
            |m| cpsrisk_conformance::assess(m.conformance.as_ref().expect("conformance input")),
        );
    }
}

criterion_group!(benches, pipeline, dmf, conformance);
criterion_main!(benches);
