//! Helpers shared by the integration tests: building into a temporary folder and reading
//! PDFs back with poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`), as a reader would.
#![allow(dead_code)] // each test binary uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use paragraf::BuildOptions;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seed_meeting() -> PathBuf {
    repo().join("cases/socialnamnden/2015-03-24/sammantrade.yaml")
}

pub fn seed_001_case() -> PathBuf {
    repo().join("cases/socialnamnden/beredning/inriktning-mul-2025-redovisning-lum-2023.yaml")
}

/// Every YAML file in `cases/`: cases, meetings and profiles, sorted.
pub fn example_files() -> Vec<PathBuf> {
    files_under(&repo().join("cases"), "yaml")
}

/// Every file under `root` whose name ends in `.extension`, sorted.
pub fn files_under(root: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
        {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Build `paths` into a fresh temporary folder; returns it with the PDFs by file name.
pub fn build(paths: &[PathBuf]) -> (tempfile::TempDir, BTreeMap<String, PathBuf>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let written = paragraf::build(paths, dir.path(), &BuildOptions::default())
        .unwrap_or_else(|e| panic!("build failed:\n{e}"))
        .written
        .into_iter()
        .map(|w| w.path)
        .collect::<Vec<_>>();
    let pdfs = written
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    (dir, pdfs)
}

/// `folder` built as the web copy into a fresh temporary folder: the folder, the names of
/// the files written and the build's report.
pub fn build_web_copy(folder: &Path) -> (tempfile::TempDir, Vec<String>, paragraf::output::Report) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = BuildOptions {
        web_copy: true,
        ..BuildOptions::default()
    };
    let report = paragraf::build(&[folder.to_path_buf()], dir.path(), &options)
        .unwrap_or_else(|e| panic!("build failed:\n{e}"));
    let names = report
        .written
        .iter()
        .map(|w| w.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    (dir, names, report)
}

/// The catalog's structure tree root of `document`.
pub fn struct_tree_root(document: &lopdf::Document) -> &lopdf::Dictionary {
    document
        .catalog()
        .unwrap()
        .get_deref(b"StructTreeRoot", document)
        .unwrap()
        .as_dict()
        .unwrap()
}

/// The one file in `folder`, the build's cache (`.paragraf-cache.json`) aside.
pub fn only_file(folder: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with(paragraf::cache::CACHE_FILE))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// The one PDF whose name contains `part`.
pub fn pdf<'a>(pdfs: &'a BTreeMap<String, PathBuf>, part: &str) -> &'a Path {
    let found: Vec<_> = pdfs
        .iter()
        .filter(|(name, _)| name.contains(part))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one PDF named *{part}*, got {:?}",
        pdfs.keys()
    );
    found[0].1
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}); install poppler-utils (`.ci/run` does)")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The names of the files embedded in `pdf`, as poppler's `pdfdetach -list` reads them
/// (a reader independent of paragraf's own).
pub fn embedded_files(pdf: &Path) -> Vec<String> {
    let listing = run("pdfdetach", &["-list", pdf.to_str().unwrap()]);
    let mut lines = listing.lines();
    let count: usize = lines
        .next()
        .and_then(|first| first.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("pdfdetach -list said {listing:?}"));
    let names: Vec<String> = lines
        .filter_map(|line| line.split_once(": ").map(|(_, name)| name.to_owned()))
        .collect();
    assert_eq!(names.len(), count, "{listing}");
    names
}

/// `pdftotext -raw`: the text in content order, lines as typeset.
pub fn raw_text(pdf: &Path) -> String {
    run("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
}

/// The folded text of page `page` alone.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    fold(&run(
        "pdftotext",
        &["-raw", "-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"],
    ))
}

/// Each page's width and height in points, as pdfinfo gives them.
pub fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let pages = page_count(pdf).to_string();
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", &pages])
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let numbers: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (numbers[1], numbers[2])
        })
        .collect()
}

/// `pdftotext -layout` of page `page`: a table's row keeps its cells on one line.
pub fn page_layout(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    run(
        "pdftotext",
        &[
            "-layout",
            "-f",
            &page,
            "-l",
            &page,
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

/// The text with soft hyphens and line-end hyphenation joined and every run of white
/// space (no-break spaces included) folded to one space, as `shared/tools/pdftext.py`.
pub fn text(pdf: &Path) -> String {
    fold(&raw_text(pdf))
}

pub fn fold(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut joined = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A soft hyphen, or a hyphen after a letter at the end of a line, joins the word.
        let line_end_hyphen = c == '-'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars[i + 1..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .any(|c| *c == '\n');
        if c == '\u{ad}' || line_end_hyphen {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
        } else {
            joined.push(c);
            i += 1;
        }
    }
    joined
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text with all white space and soft hyphens removed: for finding strings that may have
/// been broken across lines.
pub fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}' && *c != '\u{a0}')
        .collect()
}

/// `text` with Markdown's own syntax backslash-escaped, as a secretary writes prose that
/// means the characters themselves.
pub fn markdown_escaped(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_ascii_punctuation() {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

/// A mapping from key–value pairs, for writing test cases (as YAML, with serde-saphyr).
pub fn yaml_map(entries: Vec<(&str, serde_json::Value)>) -> serde_json::Value {
    serde_json::Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

pub fn page_count(pdf: &Path) -> usize {
    run("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// Rows of `pdffonts`: (name, embedded).
pub fn fonts(pdf: &Path) -> Vec<(String, bool)> {
    run("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            // name type… encoding emb sub uni object-id gen: emb is 5th from the end.
            let embedded = columns.len() >= 6 && columns[columns.len() - 5] == "yes";
            (columns.first().unwrap_or(&"").to_string(), embedded)
        })
        .collect()
}

/// Every object of the document that is a dictionary.
pub fn dictionaries(document: &lopdf::Document) -> impl Iterator<Item = &lopdf::Dictionary> {
    document.objects.values().filter_map(|o| match o {
        lopdf::Object::Dictionary(d) => Some(d),
        lopdf::Object::Stream(s) => Some(&s.dict),
        _ => None,
    })
}

pub fn name_is(dict: &lopdf::Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key)
        .and_then(lopdf::Object::as_name)
        .is_ok_and(|n| n == value)
}

/// A copy of the folder `from` at `to`, for tests that edit examples.
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A copy of the example organ `cases/ORGAN` with `file` (relative to its folder) edited;
/// returns the copy and the organ's folder in it. The edit must change something.
pub fn edited_example(
    organ: &str,
    file: &str,
    edit: impl Fn(String) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(organ);
    copy_folder(&repo().join("cases").join(organ), &folder);
    let path = folder.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit of {file} changed nothing");
    std::fs::write(&path, edited).unwrap();
    (dir, folder)
}

/// `paragraf ARGS` in `folder`, killed (and the test failed) if it has not finished after
/// a minute: a guard against hangs, not a speed requirement.
pub fn paragraf_in(folder: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .current_dir(folder)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("paragraf {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A greyscale page from pdftoppm's binary PGM (P5, 8 bits).
pub struct Page {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

fn parse_pgm(bytes: &[u8]) -> Page {
    // Header: "P5", width, height, maxval, each after white space; then one byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "not a binary PGM");
    assert_eq!(fields[3], "255", "not 8 bits a pixel");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height, "PGM of the wrong size");
    Page {
        width,
        height,
        pixels,
    }
}

/// The pages of `pdf` in grey at `dpi` pixels per inch; `pages` as pdftoppm takes them
/// (`["-f", "2", "-l", "2"]`), empty for all.
pub fn grey_pages(pdf: &Path, dpi: f64, pages: &[&str]) -> Vec<Page> {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string()])
        .args(pages)
        .arg(pdf)
        .arg(dir.path().join("p"))
        .status()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| parse_pgm(&std::fs::read(f).unwrap()))
        .collect()
}

/// The words of `pdf` with their left and right edges, their top and their bottom, in
/// points, in order; `pages` as pdftotext takes them, empty for all.
pub fn words_of(pdf: &Path, pages: &[&str]) -> Vec<(String, f64, f64, f64, f64)> {
    let output = Command::new("pdftotext")
        .args(["-bbox"])
        .args(pages)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let number = |line: &str, key: &str| -> f64 {
        let start = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        line[start..start + line[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let text = &l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()];
            (
                text.to_owned(),
                number(l, "xMin"),
                number(l, "xMax"),
                number(l, "yMin"),
                number(l, "yMax"),
            )
        })
        .collect()
}

/// The words of one page of `pdf`, as [`words_of`] gives them.
pub fn words_on_page(pdf: &Path, page: usize) -> Vec<(String, f64, f64, f64, f64)> {
    let page = page.to_string();
    words_of(pdf, &["-f", &page, "-l", &page])
}

/// A nämnd's folder with a meeting's folder `2024-05-21` holding the fixture case
/// `arende.yaml`: the nämnd's folder and the meeting's.
pub fn meeting_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("2024-05-21");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/anslag/2024-05-21/arende.yaml"),
        folder.join("arende.yaml"),
    )
    .unwrap();
    (dir, folder)
}

/// A meeting of Kulturnämnden on 2024-05-21 with `members` ledamöter ("Ledamot Nummer1" …,
/// the first chairs), `officials` övriga närvarande ("Tjänsteperson Nummer1" …, each
/// `official` after the name, e.g. "titel: handläggare") and `justerare` (YAML), one §:
/// built, its PDFs by name.
pub fn large_meeting(
    members: usize,
    officials: usize,
    official: &str,
    justerare: &str,
) -> (tempfile::TempDir, BTreeMap<String, PathBuf>) {
    let (_dir, folder) = meeting_folder();
    let members: String = (1..=members)
        .map(|i| format!("  - {{namn: Ledamot Nummer{i}, parti: S}}\n"))
        .collect();
    let others: String = (1..=officials)
        .map(|i| format!("  - {{namn: Tjänsteperson Nummer{i}, {official}}}\n"))
        .collect();
    let meeting = format!(
        "nämnd: Kulturnämnden\ndatum: 2024-05-21\nplats: Stadshuset\nbeslutande:\n{members}\
         övriga_närvarande:\n{others}ordförande: {{namn: Ledamot Nummer1}}\n\
         sekreterare: {{namn: Per Lind}}\njusterare: {justerare}\n\
         justering: {{datum: 2024-05-28, plats: Kulturförvaltningen}}\n\
         anslag: {{datum: 2024-05-29, förvaringsplats: Kulturförvaltningen}}\n\
         paragrafer:\n  - paragraf: 31\n    ärende: arende.yaml\n"
    );
    std::fs::write(folder.join("sammantrade.yaml"), meeting).unwrap();
    // The meeting's own folder may go once it is built.
    build(&[folder.join("sammantrade.yaml")])
}
