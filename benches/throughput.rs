//! Throughput on a generated Outlook 2016 export of 30 MB or more (UTF-16LE),
//! side by side with regashii on the same text.
//!
//! `cargo bench --bench throughput`; `MAPIPROF_BENCH_MB=60` for another size.
//! Criterion prints each figure as time and MiB/s of the UTF-16 file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    missing_docs
)]

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mapiprof::model::Reach;
use mapiprof::text::{self, NoBom};
use mapiprof::{input, yaml};

fn size() -> usize {
    let mb: usize = std::env::var("MAPIPROF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    mb * 1_000_000
}

fn throughput(c: &mut Criterion) {
    let bytes = support::export(size());
    let read = input::read_reg(&bytes, None).unwrap();
    let profiles = read.model().0.profiles.len();
    let text = read.text;
    eprintln!(
        "input: {:.1} MB UTF-16LE, {profiles} profiles, {} lines",
        bytes.len() as f64 / 1e6,
        text.lines().count()
    );

    let mut group = c.benchmark_group("export");
    group
        .throughput(Throughput::Bytes(bytes.len() as u64))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));

    // the floor the issue names: iconv transcoding the file, as a process
    let file = std::env::temp_dir().join(format!("mapiprof-bench-{}.reg", std::process::id()));
    std::fs::write(&file, &bytes).unwrap();
    let iconv = || {
        std::process::Command::new("iconv")
            .args(["-f", "UTF-16LE", "-t", "UTF-8"])
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .status()
    };
    if iconv().is_ok_and(|s| s.success()) {
        group.bench_function("floor: iconv UTF-16LE to UTF-8 (process)", |b| {
            b.iter(|| iconv().unwrap().success())
        });
    } else {
        eprintln!("iconv not found: its floor is not measured");
    }
    group.bench_function("floor: decode UTF-16 to text", |b| {
        b.iter(|| {
            text::decode(black_box(&bytes), NoBom::Utf8)
                .unwrap()
                .text
                .len()
        })
    });
    group.bench_function("mapiprof: read bytes to model", |b| {
        b.iter(|| {
            let input = input::read_reg(black_box(&bytes), None).unwrap();
            input.into_model().0.profiles.len()
        })
    });
    group.bench_function("mapiprof: .reg to .reg", |b| {
        b.iter(|| {
            let input = input::read_reg(black_box(&bytes), None).unwrap();
            input
                .into_model()
                .0
                .to_reg_bytes(Reach::AnyKey)
                .unwrap()
                .len()
        })
    });
    group.bench_function("mapiprof: .reg to YAML", |b| {
        b.iter(|| {
            let input = input::read_reg(black_box(&bytes), None).unwrap();
            let model = input.into_model().0;
            yaml::write(&model, &yaml::WriteOptions::default())
                .unwrap()
                .len()
        })
    });
    let yaml_text = {
        let model = input::read_reg(&bytes, None).unwrap().into_model().0;
        yaml::write(&model, &yaml::WriteOptions::default()).unwrap()
    };
    group.bench_function("mapiprof: YAML to .reg", |b| {
        b.iter(|| {
            let model = yaml::read(black_box(&yaml_text)).unwrap();
            model.to_reg_bytes(Reach::AnyKey).unwrap().len()
        })
    });
    group.bench_function("regashii: deserialize text", |b| {
        b.iter(|| {
            regashii::Registry::deserialize(black_box(&text))
                .unwrap()
                .keys()
                .len()
        })
    });
    group.bench_function("regashii: deserialize + serialize", |b| {
        b.iter(|| {
            regashii::Registry::deserialize(black_box(&text))
                .unwrap()
                .serialize()
                .len()
        })
    });
    group.finish();
    let _ = std::fs::remove_file(&file);
}

criterion_group!(benches, throughput);
criterion_main!(benches);
