//! The workbooks read back (with calamine, an independent reader) hold the same tables: one
//! sheet per table with its name in the chosen language, the header row, every row and cell.

mod common;

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use cpsrisk_catalog::Lang;
use cpsrisk_interchange::{ReportFormat, Timestamp, render_report, xlsx};
use cpsrisk_report::Report;

#[test]
fn every_example_reads_back_table_for_table() {
    let mut sheets_seen = std::collections::BTreeSet::new();
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).unwrap();
        let shown = path.display().to_string();
        let report = Report::new(&shown, &model);
        for lang in [Lang::En, Lang::Ja] {
            let bytes =
                render_report(&report, ReportFormat::Xlsx, lang, &Timestamp::fixed()).unwrap();
            let again =
                render_report(&report, ReportFormat::Xlsx, lang, &Timestamp::fixed()).unwrap();
            assert_eq!(bytes, again, "{shown}: two runs differ");
            let tables = xlsx::tables(&report, lang);
            let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
            let names = book.sheet_names();
            assert_eq!(
                names,
                tables.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
                "{shown}"
            );
            for t in &tables {
                sheets_seen.insert(t.name.clone());
                let range = book.worksheet_range(&t.name).expect("sheet reads");
                let rows: Vec<Vec<String>> = range
                    .rows()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect();
                assert_eq!(rows[0], t.header, "{shown} {}", t.name);
                assert_eq!(rows.len(), t.rows.len() + 1, "{shown} {}", t.name);
                for (read, written) in rows[1..].iter().zip(&t.rows) {
                    // calamine trims the range to used cells: trailing empty cells may be absent.
                    for (c, w) in written.iter().enumerate() {
                        assert_eq!(
                            read.get(c).map_or("", String::as_str),
                            w,
                            "{shown} {}",
                            t.name
                        );
                    }
                }
            }
        }
    }
    for expected in [
        "ステークホルダー別評価",
        "実装者別の対策（表8形式）",
        "DMF STEP4 リスク",
        "EN 303 645 チェックリスト",
        "TS 103 701 テスト計画",
        "Device threats",
        "Requirements",
    ] {
        assert!(
            sheets_seen.contains(expected),
            "{expected} in {sheets_seen:?}"
        );
    }
}
