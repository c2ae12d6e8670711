//! The IoT-SSF pipeline stage by stage on synthetic models of 1k, 10k and 100k devices:
//! - `parse+check`: `cpsrisk_model::load_and_check`;
//! - `assess`: `cpsrisk_iot_ssf::assess` alone;
//! - `render json`: `Report::render(Format::Json, Lang::En)` of a report built beforehand;
//! - `flow diagram`: `cpsrisk_report::flow_diagram`, the SVG of the devices and data flows
//!   (laid out in full up to 300 devices, summarised per lane above).
//!
//! Run with `cargo bench -p cpsrisk-bench`; filter with e.g. `cargo bench -p cpsrisk-bench -- assess`.

use std::hint::black_box;
use std::time::Duration;

use cpsrisk_bench::synthetic_model_yaml;
use cpsrisk_catalog::Lang;
use cpsrisk_report::{Format, Report};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
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
        group.bench_function(BenchmarkId::new("parse+check", n), |b| {
            b.iter(|| cpsrisk_model::load_and_check(black_box(&yaml)))
        });
        group.bench_function(BenchmarkId::new("assess", n), |b| {
            b.iter(|| cpsrisk_iot_ssf::assess(black_box(iot)))
        });
        group.bench_function(BenchmarkId::new("render json", n), |b| {
            b.iter(|| black_box(&report).render(Format::Json, Lang::En))
        });
        group.bench_function(BenchmarkId::new("flow diagram", n), |b| {
            b.iter(|| cpsrisk_report::flow_diagram(black_box(iot), Lang::En))
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
