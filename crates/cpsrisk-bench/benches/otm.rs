//! Open Threat Model on synthetic models of 1k and 10k devices (10× the devices should take
//! about 10× the time: both directions are linear in the model):
//! - `export`: `assess --format otm`'s rendering of a report built beforehand;
//! - `import`: reading that OTM text back (parse, reference checks, mapping, model YAML).
//!
//! Run with `cargo bench -p cpsrisk-bench --bench otm`.

use std::hint::black_box;
use std::time::Duration;

use cpsrisk_bench::synthetic_model_yaml;
use cpsrisk_catalog::Lang;
use cpsrisk_interchange::{ReportFormat, Timestamp, otm, render_report};
use cpsrisk_report::Report;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn otm_both_ways(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let yaml = synthetic_model_yaml(n);
        let model = cpsrisk_model::load_and_check(&yaml).expect("synthetic model");
        let report = Report::new("bench.yaml", &model);
        let stamp = Timestamp::fixed();
        let exported = render_report(&report, ReportFormat::Otm, Lang::En, &stamp).unwrap();
        let text = String::from_utf8(exported).unwrap();

        let mut group = c.benchmark_group(format!("otm-{n}-devices"));
        group
            .throughput(Throughput::Elements(n as u64))
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        group.bench_function(BenchmarkId::new("export", n), |b| {
            b.iter(|| render_report(black_box(&report), ReportFormat::Otm, Lang::En, &stamp))
        });
        group.bench_function(BenchmarkId::new("import", n), |b| {
            b.iter(|| {
                let read = otm::read(black_box(&text)).expect("valid OTM");
                otm::import(&read).model_yaml("bench.otm.json")
            })
        });
        group.finish();
    }
}

criterion_group!(benches, otm_both_ways);
criterion_main!(benches);
