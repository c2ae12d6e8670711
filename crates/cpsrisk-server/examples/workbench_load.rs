//! Workbench benchmarks (not timed tests): saving and assessing a synthetic 10k-device model
//! through the API, and 50 concurrent readers of a report, on SQLite and (with `PG_URL`) on
//! PostgreSQL. The server runs in this process on a loopback socket; clients are plain
//! HTTP/1.1 over std TCP in threads, with a bounded number of requests each.
//!
//! `cargo run --release -p cpsrisk-server --example workbench_load [DEVICES] [READERS] [READS]
//! [READ_DEVICES]` — the readers read the JSON report of a second project whose model has
//! READ_DEVICES devices (default 100: the 10k report is 31 MB, which would measure loopback
//! bandwidth rather than the server).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use cpsrisk_server::{Config, Db, accounts};

/// One request; returns the status and the body length.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    headers: &str,
    body: &[u8],
) -> (u16, usize) {
    let mut s = TcpStream::connect(addr).expect("the server is listening on loopback");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n{headers}\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let status = std::str::from_utf8(&response[9..12])
        .unwrap()
        .parse()
        .unwrap();
    (status, response.len())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn run(url: &str, devices: usize, readers: usize, reads: usize, read_devices: usize) {
    let db = Db::connect(url).await.unwrap();
    accounts::create_user(
        &db,
        "bench",
        "bench@example.com",
        "benchmark password".into(),
        false,
    )
    .await
    .unwrap();
    let token = accounts::create_token(
        &db,
        "bench",
        "bench@example.com",
        "bench",
        accounts::Scope::Write,
    )
    .await
    .unwrap();
    let backend = format!("{:?}", db.backend);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, cpsrisk_server::router(db, Config::default()))
            .await
            .unwrap();
    });
    let model = cpsrisk_bench::synthetic_model_yaml(devices);
    let small = cpsrisk_bench::synthetic_model_yaml(read_devices);
    let report = tokio::task::spawn_blocking(move || {
        let (status, _) = http(addr, "POST", "/api/v1/projects", &token, "Content-Type: application/json\r\n", br#"{"name":"bench"}"#);
        assert_eq!(status, 201);
        // Saving: three revisions of the model, each checked, assessed and stored.
        let mut saves = Vec::new();
        for n in 0..3 {
            let if_match = if n == 0 { String::new() } else { format!("If-Match: \"{n}\"\r\n") };
            let headers = format!("Content-Type: application/yaml\r\n{if_match}");
            let start = Instant::now();
            let (status, len) = http(addr, "POST", "/api/v1/projects/1/revisions", &token, &headers, model.as_bytes());
            assert_eq!(status, 201, "save {n}");
            saves.push((start.elapsed(), len));
        }
        let best = saves.iter().map(|(d, _)| *d).min().unwrap();
        let worst = saves.iter().map(|(d, _)| *d).max().unwrap();
        println!(
            "{backend}: save + assess {devices} devices ({:.1} MB YAML, {:.1} MB response): best {} worst {} of 3",
            model.len() as f64 / 1e6,
            saves[0].1 as f64 / 1e6,
            ms(best),
            ms(worst)
        );
        // Readers: each reads the stored JSON report of the second project `reads` times.
        let (status, _) = http(addr, "POST", "/api/v1/projects", &token, "Content-Type: application/json\r\n", br#"{"name":"read"}"#);
        assert_eq!(status, 201);
        let (status, _) = http(addr, "POST", "/api/v1/projects/2/revisions", &token, "Content-Type: application/yaml\r\n", small.as_bytes());
        assert_eq!(status, 201);
        let (_, report_len) = http(addr, "GET", "/api/v1/projects/2/revisions/1/report", &token, "", b"");
        let start = Instant::now();
        let threads: Vec<_> = (0..readers)
            .map(|_| {
                let token = token.clone();
                std::thread::spawn(move || {
                    (0..reads)
                        .map(|_| {
                            let t = Instant::now();
                            let (status, _) = http(addr, "GET", "/api/v1/projects/2/revisions/1/report", &token, "", b"");
                            assert_eq!(status, 200);
                            t.elapsed()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<Duration> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
        let wall = start.elapsed();
        all.sort();
        format!(
            "{backend}: {readers} concurrent readers × {reads} reads of the {read_devices}-device JSON report ({:.2} MB): p50 {} p99 {} ({} requests in {:.1} s)",
            report_len as f64 / 1e6,
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            all.len(),
            wall.as_secs_f64()
        )
    })
    .await
    .unwrap();
    println!("{report}");
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let devices = args.first().copied().unwrap_or(10_000);
    let readers = args.get(1).copied().unwrap_or(50);
    let reads = args.get(2).copied().unwrap_or(20);
    let read_devices = args.get(3).copied().unwrap_or(100);
    for url in cpsrisk_server::testing::database_urls().await {
        run(&url, devices, readers, reads, read_devices).await;
    }
}
