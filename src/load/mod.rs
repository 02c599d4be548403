//! Load: read a file under limits, decode it, and parse it once into a value and a span index.

pub mod env;
pub mod front;
pub mod ingestion;
pub mod source;
pub mod yaml;

use std::io::Read;
use std::path::Path;

pub use front::{front, Front, Unit};
pub use source::SourceFile;
pub use yaml::{Document, NodeSpans, ParseLimits, SpanIndex, SyntaxError};

use crate::finding::Span;

/// Limits that keep hostile files from exhausting time or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_depth: usize,
    pub max_alias_nodes: usize,
    pub max_asset_bytes: u64,
    pub max_archive_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 4 << 20,
            max_depth: 64,
            max_alias_nodes: 10_000,
            max_asset_bytes: 64 << 20,
            max_archive_bytes: 16 << 20,
        }
    }
}

impl Limits {
    pub fn parse_limits(&self) -> ParseLimits {
        ParseLimits {
            max_depth: self.max_depth,
            max_alias_nodes: self.max_alias_nodes,
        }
    }
}

/// A manifest after loading: its text, and its document when it could be parsed.
pub struct Loaded {
    pub source: SourceFile,
    pub document: Option<Document>,
    pub errors: Vec<SyntaxError>,
}

/// Why a file could not be read at all.
pub enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
    /// Not read, and why: a folder, a FIFO, a device, a link out of the repository.
    Refused(String),
}

impl ReadError {
    /// Why the file was not read, as a finding or message says it (`max`: the size limit).
    pub fn describe(&self, max: u64) -> String {
        match self {
            ReadError::TooLarge(size) => {
                format!("the file is {size} bytes; the limit is {max} (limits.max-file-bytes)")
            }
            ReadError::Io(e) => format!("the file cannot be read: {e}"),
            ReadError::Refused(why) => format!("the file {why}"),
        }
    }
}

/// Reads a manifest or configuration file as offer-lint reads assets: a regular file, or a
/// symbolic link to a regular file inside `root` (the repository). Anything else is refused
/// without being read: a link out of the repository (`offer.yaml -> /etc/passwd`), a FIFO
/// (which would hang the run), a device, a socket, a file of `/proc` or `/sys`.
pub fn read_file(path: &Path, root: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::symlink_metadata(path).map_err(ReadError::Io)?;
    let target = if meta.file_type().is_symlink() {
        let real = path.canonicalize().map_err(|_| {
            ReadError::Refused("is a symbolic link to nothing (its target does not exist)".into())
        })?;
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if !real.starts_with(&real_root) {
            return Err(ReadError::Refused(
                "is a symbolic link to a file outside the repository, so it is not read".into(),
            ));
        }
        real
    } else {
        path.to_path_buf()
    };
    if let Some(why) = special_file(&target) {
        return Err(ReadError::Refused(why));
    }
    let file = open_regular(&target)?;
    read_open(file, path, max)
}

/// Why a path is no file to read, judged by where it is.
fn special_file(path: &Path) -> Option<String> {
    let abs = std::path::absolute(path).ok()?;
    ["/proc", "/sys", "/dev"]
        .iter()
        .any(|p| abs.starts_with(p))
        .then(|| {
            format!(
                "lies in {}, which holds no manifests, so it is not read",
                abs.components()
                    .take(2)
                    .collect::<std::path::PathBuf>()
                    .display()
            )
        })
}

/// Opens without following a link and without blocking on a FIFO, then makes sure that what
/// was opened is a regular file.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return ReadError::Refused("is a symbolic link, so it is not read".into());
        }
        ReadError::Io(e)
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Refused(format!(
            "is {}, not a regular file, so it is not read",
            describe_type(&meta)
        )));
    }
    Ok(file)
}

fn describe_type(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Reads at most `max` bytes; a longer file is refused without reading the rest.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    read_open(file, path, max)
}

fn read_open(file: std::fs::File, path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    // Sized from the file's length (capped): two reads instead of a dozen growing ones.
    let hint = file.metadata().map_or(0, |m| m.len()).min(max) as usize;
    let mut bytes = Vec::with_capacity(hint + 1);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        let size = std::fs::metadata(path)
            .map(|m| m.len())
            .unwrap_or(max + 1)
            .max(max + 1);
        return Err(ReadError::TooLarge(size));
    }
    Ok(bytes)
}

/// Decodes and parses the bytes of one manifest.
pub fn load_bytes(name: &str, bytes: Vec<u8>, limits: &Limits) -> Loaded {
    let (text, mut errors) = match String::from_utf8(bytes) {
        Ok(t) => (t, Vec::new()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text has the same bytes up to `at`, so the offset still holds.
            let err = SyntaxError {
                span: Span::new(at, at + 1),
                message: "the file is not valid UTF-8".into(),
                help: Some("save the manifest as UTF-8".into()),
            };
            return Loaded {
                source: SourceFile::new(name, text),
                document: None,
                errors: vec![err],
            };
        }
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let err = SyntaxError {
            span: Span::new(at, at + 1),
            message: "the file holds NUL bytes: it looks binary, not YAML".into(),
            help: Some(
                "check that this is the manifest you meant; binary files are not manifests".into(),
            ),
        };
        return Loaded {
            source: SourceFile::new(name, text),
            document: None,
            errors: vec![err],
        };
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let parsed = yaml::parse(&text[bom..], bom, limits.parse_limits());
    let source = SourceFile::new(name, text);
    let tabs = tab_indents(
        &source,
        parsed.document.as_ref().map(|d| d.block_scalars.as_slice()),
    );
    match parsed.document {
        Some(doc) => {
            errors.extend(tabs);
            errors.extend(parsed.errors);
            Loaded {
                source,
                document: Some(doc),
                errors,
            }
        }
        None => {
            // A tab in the indentation is the usual cause of a scanner error near it: say so
            // instead of the scanner's message.
            let err_line = parsed
                .errors
                .first()
                .map(|e| source.position(e.span.start).line)
                .unwrap_or(usize::MAX);
            let mentions_tab = parsed.errors.iter().any(|e| e.message.contains("tab"));
            match tabs.into_iter().find(|t| {
                mentions_tab || source.position(t.span.start).line <= err_line.saturating_add(1)
            }) {
                Some(t) => errors.push(t),
                None => errors.extend(parsed.errors),
            }
            Loaded {
                source,
                document: None,
                errors,
            }
        }
    }
}

/// Lines whose indentation holds a tab, outside block scalars.
fn tab_indents(source: &SourceFile, block_scalars: Option<&[Span]>) -> Vec<SyntaxError> {
    let mut out = Vec::new();
    if memchr::memchr(b'\t', source.text.as_bytes()).is_none() {
        return out;
    }
    for line in 1..=source.line_count() {
        let span = source.line_span(line);
        let text = &source.text[span.start..span.end];
        let indent_len = text.len() - text.trim_start_matches([' ', '\t']).len();
        let Some(tab) = text[..indent_len].find('\t') else {
            continue;
        };
        let rest = text[indent_len..].trim_start();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let at = span.start + tab;
        if block_scalars.is_some_and(|b| b.iter().any(|s| s.start <= at && at < s.end)) {
            continue;
        }
        out.push(SyntaxError {
            span: Span::new(at, at + 1),
            message: "a tab is used for indentation; YAML indents with spaces only".into(),
            help: Some("replace the tab with spaces".into()),
        });
    }
    out
}
